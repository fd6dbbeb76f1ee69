import { unwrapResolverError } from '@apollo/server/errors';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { AppError } from '../common/app-error.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/availability.js';

/** The code of a request that failed because the database is away: retry after a while. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** The client's view of a database outage: a retryable code, never the driver's message. */
export function serviceUnavailableError(): GraphQLFormattedError {
  return {
    message: 'The service is temporarily unavailable; retry shortly',
    extensions: {
      code: SERVICE_UNAVAILABLE,
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    },
  };
}

/** Codes produced by graphql-js/Apollo before any resolver runs; safe to pass through. */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Maps what a resolver threw to an AppError, or undefined when it was unexpected. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ArgumentValidationError) {
    return AppError.badInput('Invalid input', {
      fields: error.extensions.validationErrors.flatMap((v) => validationFields(v)),
    });
  }
  if (error instanceof OptimisticLockError) {
    return AppError.conflict('This record was changed by someone else; reload and try again');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return AppError.conflict('A record with the same unique value already exists');
  }
  return undefined;
}

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

/**
 * One entry per field that broke a rule, nested inputs by their path (`steps.0.name`): the
 * sentences (`problems`) and the rules' names (`constraints`, e.g. `maxLength`), so a client
 * can put its own words, in its own language, at the field.
 */
function validationFields(failure: ValidationFailure, path = ''): object[] {
  const field = path ? `${path}.${failure.property}` : failure.property;
  const own = failure.constraints
    ? [
        {
          field,
          problems: Object.values(failure.constraints),
          constraints: Object.keys(failure.constraints),
        },
      ]
    : [];
  return [...own, ...(failure.children ?? []).flatMap((c) => validationFields(c, field))];
}

/** True for errors no rule explains: these are logged in full (with the request id). */
export function isUnexpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (toAppError(original) || isDatabaseUnavailable(error)) return false;
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return !(typeof code === 'string' && PASS_THROUGH_CODES.has(code) && original === error);
}

/**
 * The GraphQL error boundary: app errors get their code, validation and parse errors pass
 * through, everything else reaches the client masked (the logging plugin keeps the detail).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  {
    const original = unwrapResolverError(error);
    const appError = toAppError(original);
    if (appError) {
      return {
        message: appError.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: {
          code: appError.code,
          ...(appError.details ? { details: appError.details } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (code === SERVICE_UNAVAILABLE || isDatabaseUnavailable(error)) {
      return { ...serviceUnavailableError(), ...(formatted.path ? { path: formatted.path } : {}) };
    }
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code) && original === error) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
}
