import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../graphql/context.js';
import { RestError, STATUS_BY_CODE } from './errors.js';
import { inRestTerms, type FieldNames } from './field-names.js';

/** When one GraphQL response carries several errors, the REST status follows the first of these. */
const PRIORITY = [
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TOO_MANY_REQUESTS',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
];

export interface OperationResult<T> {
  data: T;
  /** The operation's request-scoped memo (services leave facts there, e.g. a deduplicated case). */
  memo: Map<string, unknown>;
}

/**
 * One REST request's way into the schema: every route runs its GraphQL operations through
 * Apollo's `executeOperation`, in-process, so validation limits, roles, error formatting and
 * logging are those of `/graphql`. The first operation uses the request's context; later ones
 * get their own EntityManager fork and memo (one fork per operation), sharing the caller.
 */
export class GraphqlCall {
  private used = false;

  constructor(
    private readonly apollo: ApolloServer<RequestContext>,
    readonly ctx: RequestContext,
  ) {}

  /** `names`: how the route's REST request names the operation's arguments and fields. */
  async run<T>(
    query: string,
    variables: Record<string, unknown> = {},
    names: FieldNames = {},
  ): Promise<OperationResult<T>> {
    const contextValue: RequestContext = this.used
      ? { ...this.ctx, em: this.ctx.forkEm(), memo: new Map() }
      : this.ctx;
    this.used = true;
    const response = await this.apollo.executeOperation<T & Record<string, unknown>>(
      // An absent value must stay absent, so the argument's default applies (undefined ≠ null).
      {
        query,
        variables: Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined)),
      },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
    const { data, errors } = response.body.singleResult;
    if (errors && errors.length > 0) throw inRestTerms(restErrorFrom(errors), names);
    if (!data) throw new Error('GraphQL returned neither data nor errors');
    return { data: data as T, memo: contextValue.memo };
  }
}

export function restErrorFrom(errors: readonly GraphQLFormattedError[]): RestError {
  const codeOf = (e: GraphQLFormattedError): string => {
    const code = e.extensions?.code;
    return typeof code === 'string' && STATUS_BY_CODE[code] ? code : 'INTERNAL_SERVER_ERROR';
  };
  const rank = (e: GraphQLFormattedError): number => {
    const i = PRIORITY.indexOf(codeOf(e));
    return i === -1 ? PRIORITY.length : i;
  };
  const error = [...errors].sort((a, b) => rank(a) - rank(b))[0]!;
  const code = codeOf(error);
  const status = STATUS_BY_CODE[code]!;
  if (code === 'SERVICE_UNAVAILABLE') return RestError.unavailable();
  if (status >= 500) return new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  const raw = error.extensions?.details;
  const details =
    raw && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : undefined;
  const headers: Record<string, string> = {};
  const retryAfter = details?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
  // The query is the adapter's own: a validation failure can only come from the variables.
  const restCode = code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST' ? 'BAD_USER_INPUT' : code;
  return new RestError(status, restCode, error.message, details, headers);
}
