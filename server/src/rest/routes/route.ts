import type { RequestContext } from '../../graphql/context.js';
import type { GraphqlCall } from '../graphql-call.js';
import type { ParameterObject, SchemaObject } from '../schemas.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export interface RestRequest {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: Record<string, unknown>;
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
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; schema: SchemaObject };
  responses: Record<number, RouteResponse>;
  handle(req: RestRequest): Promise<RestResult>;
}
