import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../config/logger.js';
import { DATABASE_RETRY_AFTER_SECONDS, type DatabaseHealth } from '../db/availability.js';

/**
 * The app's answers that no GraphQL operation or REST route produced: bodies express could
 * not read, unknown paths, errors thrown by middleware, a server that is shutting down.
 * Each is JSON in the shape of the endpoint it was addressed to (GraphQL `errors` with
 * `extensions.code` under /graphql, REST's `{ error: { code, message } }` elsewhere), never
 * express's HTML page, never a stack trace.
 */

export interface HttpFailure {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** body-parser's failures, by its `type`. */
const BODY_FAILURES: Record<string, Omit<HttpFailure, 'headers'>> = {
  'entity.parse.failed': {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The body is not valid JSON',
  },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large' },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported content encoding',
  },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported charset; send UTF-8 JSON',
  },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: 'The request was aborted' },
  'request.size.invalid': {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The body does not match its Content-Length',
  },
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export const SERVICE_UNAVAILABLE_FAILURE: HttpFailure = {
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'The service is temporarily unavailable; retry shortly',
  headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
};

export const SHUTTING_DOWN_FAILURE: HttpFailure = {
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'The server is shutting down; retry on a new connection',
  headers: { 'Retry-After': '1', Connection: 'close' },
};

/** True when the request was addressed to the GraphQL endpoint (answers in GraphQL's shape). */
function isGraphqlPath(req: Request): boolean {
  const path = req.originalUrl.split('?')[0] ?? '';
  return path === '/graphql' || path.startsWith('/graphql/');
}

export function sendFailure(req: Request, res: Response, failure: HttpFailure): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
  res.status(failure.status);
  if (isGraphqlPath(req)) {
    res.json({ errors: [{ message: failure.message, extensions: { code: failure.code } }] });
  } else {
    res.json({ error: { code: failure.code, message: failure.message } });
  }
}

/** Maps what middleware threw to its answer; unexpected errors are logged and masked. */
export function toHttpFailure(
  error: unknown,
  req: Request,
  logger: Logger,
  health?: DatabaseHealth,
): HttpFailure {
  const e = error as { type?: unknown; status?: unknown; expose?: unknown } | null;
  if (e && typeof e.type === 'string' && BODY_FAILURES[e.type]) return BODY_FAILURES[e.type]!;
  if (health?.report(error)) return SERVICE_UNAVAILABLE_FAILURE;
  // http-errors from express itself (e.g. a path that cannot be decoded): a client error.
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
    return {
      status: e.status,
      code: CODE_BY_STATUS[e.status] ?? 'BAD_REQUEST',
      message: e.status === 404 ? 'Not found' : 'Bad request',
    };
  }
  if (error instanceof URIError) {
    return { status: 400, code: 'BAD_REQUEST', message: 'The path is not correctly encoded' };
  }
  logger.error(
    { err: error, requestId: req.id, method: req.method, path: req.path },
    'unexpected error in HTTP request',
  );
  return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
}

/** The app's last error handler: whatever reaches it is answered in JSON. */
export function jsonErrorHandler(logger: Logger, health?: DatabaseHealth) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    sendFailure(req, res, toHttpFailure(error, req, logger, health));
  };
}

/** The app's last route: an unknown path (or a known one with a method it lacks). */
export function jsonNotFound(req: Request, res: Response): void {
  sendFailure(req, res, { status: 404, code: 'NOT_FOUND', message: 'No such path' });
}
