import {
  FILE_ROUTES,
  OPENAPI_PATH,
  ROUTES,
  type FileRouteSpec,
  type RouteResponse,
  type RouteSpec,
} from './routes/index.js';
import { COMPONENT_SCHEMAS, type ParameterObject, type SchemaObject } from './schemas.js';

/** Request or response bodies by media type (JSON for most; multipart and images for files). */
type Media = Record<
  string,
  { schema: SchemaObject; encoding?: Record<string, { contentType: string }> }
>;

interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: { required: boolean; content: Media };
  responses: Record<
    string,
    {
      description: string;
      content?: Media;
      headers?: Record<string, { $ref: string } | { description: string; schema: SchemaObject }>;
    }
  >;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<RouteSpec['method'], OperationObject>>>;
  components: {
    schemas: Record<string, SchemaObject>;
    securitySchemes: Record<
      string,
      | { type: 'http'; scheme: 'bearer'; description: string }
      | { type: 'apiKey'; in: 'header'; name: string; description: string }
    >;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, { description: string; schema: SchemaObject }>;
  };
}

const DESCRIPTION = `REST adapter for external systems (PLC gateways, monitoring). Every route runs a GraphQL
operation of \`/graphql\` in-process: roles, scopes, building limits and validation are the same.

- Authentication: \`Authorization: Bearer <token>\` (or Django REST's \`Authorization: Token <token>\`)
  with an API client token (\`sfk_…\`, scopes \`machines:read\`, \`warnings:write\`,
  \`faults:write\`, optionally limited to buildings) or a user's access token from
  \`POST /api/login/\`, which also takes a form-encoded body.
- Trailing slashes are optional. Machine ids in paths may be the asset code (e.g. \`PRS-07\`).
  \`POST /api/machines/\` answers 201 with the new machine's path in \`Location\`.
- Query parameters documented as arrays take several values (repeat the parameter; \`status\`
  also comma-separated); any other parameter given twice is 400.
- Text may not contain the NUL character (\`\\u0000\`), in the body, the query or the path (400).
- \`Idempotency-Key\` (1–255 visible ASCII characters) on POST, PATCH and DELETE: the request
  whose write commits first owns the key, and its answer is kept 24 h; a retry with the same
  key and body gets that answer again (header \`Idempotent-Replayed: true\`) and changes
  nothing; the same key with another request is 422; while the owner's answer is not stored
  yet, 409 with \`Retry-After\`. A key whose write happened but whose answer was lost with a
  crashed process answers, after 10 minutes, a final 422 \`IDEMPOTENCY_ANSWER_LOST\`.
- Errors: \`{"error": {"code", "message", "details"}}\` with 400, 401, 403, 404, 405, 409, 413, 415,
  422, 429 (with \`Retry-After\`), 500, or 503 \`SERVICE_UNAVAILABLE\` (with \`Retry-After\`) while
  the database is unreachable or the server is shutting down: retry later.
- Rate limit: a token bucket per API client, user, or IP address for anonymous calls, per
  server replica.
- Photos (\`attachments\`): uploaded as multipart/form-data by people who may add a note to
  the case, served as images to people who may read its notes, with \`ETag\` and
  \`Cache-Control: private, no-cache\`. Uploads answer 413 \`PAYLOAD_TOO_LARGE\` while the file
  is still arriving, 415 for anything but JPEG, PNG or WebP (by the file's first bytes), and 422
  \`IMAGE_UNREADABLE\`, \`IMAGE_TOO_MANY_PIXELS\` or \`QUOTA_EXCEEDED\`.`;

const UNAVAILABLE: OperationObject['responses'][string] = {
  description: 'Database unreachable or server shutting down (SERVICE_UNAVAILABLE); retry later',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
};

function responsesOf(
  routeResponses: Record<number, RouteResponse>,
  idempotent: boolean,
): OperationObject['responses'] {
  const responses: OperationObject['responses'] = {};
  for (const [status, response] of Object.entries(routeResponses)) {
    const headers: NonNullable<OperationObject['responses'][string]['headers']> = {};
    if (status === '429') headers['Retry-After'] = { $ref: '#/components/headers/RetryAfter' };
    if (idempotent && status.startsWith('2'))
      headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
    for (const [name, description] of Object.entries(response.headers ?? {}))
      headers[name] = { description, schema: { type: 'string' } };
    const content: Media | undefined =
      response.content ??
      (response.schema ? { 'application/json': { schema: response.schema } } : undefined);
    responses[status] = {
      description: response.description,
      ...(content ? { content } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    };
  }
  return responses;
}

function operation(route: RouteSpec): OperationObject {
  const parameters: OperationObject['parameters'] = [...(route.parameters ?? [])];
  if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  const responses = responsesOf(route.responses, route.idempotent === true);
  // Any route may meet a database outage or a shutting-down server.
  responses['503'] = UNAVAILABLE;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: route.public ? [] : [{ bearer: [] }, { token: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.requestBody
      ? {
          requestBody: {
            required: route.requestBody.required,
            content: {
              'application/json': { schema: route.requestBody.schema },
              ...(route.requestBody.form
                ? { 'application/x-www-form-urlencoded': { schema: route.requestBody.schema } }
                : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

/** A file route: signed-in people, a multipart or no body, image answers. */
function fileOperation(route: FileRouteSpec): OperationObject {
  const responses = responsesOf(route.responses, false);
  responses['503'] = UNAVAILABLE;
  const body = route.requestBody;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: [{ bearer: [] }, { token: [] }],
    ...(route.parameters?.length ? { parameters: [...route.parameters] } : {}),
    ...(body
      ? {
          requestBody: {
            required: body.required,
            content: {
              [body.mediaType]: {
                schema: body.schema,
                ...(body.encoding ? { encoding: body.encoding } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST adapter, generated from the route tables. */
export function buildOpenApiDocument(
  routes: readonly RouteSpec[] = ROUTES,
  fileRoutes: readonly FileRouteSpec[] = FILE_ROUTES,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method] = operation(route);
  }
  for (const route of fileRoutes) {
    (paths[route.path] ??= {})[route.method] = fileOperation(route);
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'openApiDocument',
      summary: 'This document',
      tags: ['meta'],
      security: [],
      responses: {
        200: {
          description: 'OpenAPI 3.1',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Shopfloor REST API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: '/' }],
    tags: [
      { name: 'auth', description: 'Sign-in for people' },
      { name: 'machines', description: 'The board' },
      { name: 'faults', description: 'Fault cases' },
      { name: 'warnings', description: 'Warnings, e.g. from sensors' },
      { name: 'attachments', description: 'Photos on fault cases' },
      { name: 'events', description: 'The repair log (machine events)' },
      { name: 'meta', description: 'About this API' },
    ],
    paths,
    components: {
      schemas: COMPONENT_SCHEMAS,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API client token (sfk_…) or a user access token from POST /api/login/',
        },
        token: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'The same tokens as `Token <token>`, the Django REST Framework form (REST routes only)',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes retries safe: same key and body → the stored answer, nothing done twice',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      headers: {
        RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
        IdempotentReplayed: {
          description:
            '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
          schema: { type: 'string', enum: ['true'] },
        },
      },
    },
  };
}
