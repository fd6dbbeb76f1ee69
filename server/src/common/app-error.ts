/** The codes a client can rely on; every failure a service raises carries one of them. */
export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  // Uploads (REST only): the file, its type, the image in it, the room left for it.
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IMAGE_UNREADABLE'
  | 'IMAGE_TOO_MANY_PIXELS'
  | 'QUOTA_EXCEEDED';

/**
 * The one error type services throw. The GraphQL error boundary turns it into
 * `extensions.code`, the REST adapter into an HTTP status; anything else is unexpected
 * and gets masked.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what: string, id?: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`, id ? { id } : undefined);
  }

  static badInput(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('BAD_USER_INPUT', message, details);
  }

  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError('CONFLICT', message, details);
  }
}
