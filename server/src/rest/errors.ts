import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../common/app-error.js';
import type { Logger } from '../config/logger.js';
import { DATABASE_RETRY_AFTER_SECONDS, type DatabaseHealth } from '../db/availability.js';

/** What every REST failure looks like on the wire. */
export interface RestErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** A REST failure with its HTTP status; thrown by route handlers, rendered by `sendError`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }

  body(): RestErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }

  static notFound(what: string, id?: string): RestError {
    return new RestError(404, 'NOT_FOUND', `${what} not found`, id ? { id } : undefined);
  }

  static badInput(message: string, details?: Record<string, unknown>): RestError {
    return new RestError(400, 'BAD_USER_INPUT', message, details);
  }

  /** The database is away: retry after a while (the outage is logged once, not per request). */
  static unavailable(): RestError {
    return new RestError(
      503,
      'SERVICE_UNAVAILABLE',
      'The service is temporarily unavailable; retry shortly',
      { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
}

/** The HTTP status for each GraphQL `extensions.code`. */
export const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMAGE_UNREADABLE: 422,
  IMAGE_TOO_MANY_PIXELS: 422,
  QUOTA_EXCEEDED: 422,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** body-parser's failures, by its `type`: status and our code. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'MALFORMED_JSON', 'The body is not valid JSON'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'The body is too large'],
  'encoding.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding'],
  'charset.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset; send UTF-8 JSON'],
  'request.aborted': [400, 'BAD_REQUEST', 'The request was aborted'],
  'request.size.invalid': [400, 'BAD_REQUEST', 'The body does not match its Content-Length'],
  'stream.encoding.set': [500, 'INTERNAL_SERVER_ERROR', 'Internal server error'],
};

export function sendError(res: Response, error: RestError): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(error.body());
}

/** Maps anything thrown to a RestError; unexpected ones are logged in full and masked. */
export function toRestError(error: unknown, logger: Logger, req: Request): RestError {
  if (error instanceof RestError) return error;
  // Routes that call a service directly (uploads) meet its AppError without GraphQL between.
  if (error instanceof AppError) {
    const status = STATUS_BY_CODE[error.code] ?? 400;
    return new RestError(status, error.code, error.message, error.details);
  }
  // The router decodes path parameters before any route runs; `%E0%A4%A` cannot be decoded.
  if (error instanceof URIError)
    return RestError.badInput('The path holds a malformed percent-escape', { in: 'path' });
  const e = error as { type?: unknown; status?: unknown; limit?: unknown } | null;
  if (e && typeof e.type === 'string' && BODY_ERRORS[e.type]) {
    const [status, code, message] = BODY_ERRORS[e.type]!;
    if (status < 500)
      return new RestError(
        status,
        code,
        message,
        code === 'PAYLOAD_TOO_LARGE' && typeof e.limit === 'number'
          ? { limitBytes: e.limit }
          : undefined,
      );
  }
  // server.ts keeps the app's DatabaseHealth in app.locals; it logs an outage once.
  const health = req.app?.locals.databaseHealth as DatabaseHealth | undefined;
  if (health?.report(error)) return RestError.unavailable();
  logger.error(
    { err: error, requestId: req.id, method: req.method, path: req.path },
    'unexpected error in REST route',
  );
  return new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

/** Express error handler for the REST routers: always JSON, never HTML or a stack trace. */
export function restErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    sendError(res, toRestError(error, logger, req));
  };
}
