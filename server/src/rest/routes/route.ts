import type { Request, Response } from 'express';
import type { Actor } from '../../common/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import type { AttachmentRuntime } from '../../modules/attachments/attachment.service.js';
import type { GraphqlCall } from '../graphql-call.js';
import type { RouteInput } from '../request-input.js';
import type { ParameterObject, SchemaObject } from '../schemas.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** A request as a handler sees it, after the checks of the REST edge (../request-input.ts). */
export interface RestRequest extends RouteInput {
  call: GraphqlCall;
  ctx: RequestContext;
}

export interface RestResult {
  status: number;
  body: unknown;
}

export interface RouteResponse {
  description: string;
  schema?: SchemaObject;
  /** A body that is not JSON (an image): its media types, each with its schema. */
  content?: Record<string, { schema: SchemaObject }>;
  /** Response headers of this status: name → description (string values). */
  headers?: Record<string, string>;
}

/**
 * One entry per REST route: the router is built from the table of these (routes/index.ts) and
 * so is the OpenAPI document, so neither can list a route the other lacks.
 */
export interface RouteSpec {
  method: HttpMethod;
  /** OpenAPI form, trailing slash as in the spec (it is optional on requests). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Callable without a bearer token. */
  public?: boolean;
  /** Honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** Query parameters with `schema.type: 'array'` take repeats as a list; others are single. */
  parameters?: ParameterObject[];
  /** `form`: also accepted as application/x-www-form-urlencoded (Django REST clients). */
  requestBody?: { required: boolean; schema: SchemaObject; form?: boolean };
  responses: Record<number, RouteResponse>;
  /** Headers that follow from an answer: sent with it, and again when it is replayed. */
  headersFor?(result: RestResult): Record<string, string>;
  handle(req: RestRequest): Promise<RestResult>;
}

/** What a file route's handler gets: the exchange itself, and a signed-in caller. */
export interface FileExchange {
  req: Request;
  res: Response;
  ctx: RequestContext;
  actor: Actor;
  attachments: AttachmentRuntime;
}

/**
 * A route that carries a file (an upload as multipart/form-data, an image download): it reads
 * the body and writes the answer itself, so it sits outside the JSON route table (no JSON
 * parsing, no Idempotency-Key). The router still gives it the REST edge's caller, display
 * refusal, rate limit and error answers; the OpenAPI document lists it with the others.
 */
export interface FileRouteSpec {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  parameters?: ParameterObject[];
  requestBody?: {
    required: boolean;
    mediaType: string;
    schema: SchemaObject;
    /** Per form field: the media types its part may have. */
    encoding?: Record<string, { contentType: string }>;
  };
  responses: Record<number, RouteResponse>;
  handle(exchange: FileExchange): Promise<void>;
}
