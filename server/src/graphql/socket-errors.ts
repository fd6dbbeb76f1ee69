import {
  execute,
  GraphQLError,
  Kind,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { AppError } from '../common/app-error.js';
import type { Logger } from '../config/logger.js';
import type { RequestContext } from './context.js';
import { formatError, isUnexpected } from './errors.js';
import { withoutSuggestions } from './protection.js';

/**
 * An error that has been through the boundary: it serialises to exactly the formatted
 * answer (graphql-ws calls `toJSON()` on every error it sends; the shared broadcasts
 * `JSON.stringify` whole results), so nothing of the original can leak past it.
 */
export class FormattedGraphQLError extends GraphQLError {
  constructor(readonly formatted: GraphQLFormattedError) {
    super(formatted.message, { path: formatted.path, extensions: formatted.extensions });
  }

  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

/**
 * The HTTP error boundary (`errors.ts` formatError, the production suggestion stripping and
 * the log line for anything unexpected) for everything that runs outside Apollo: queries,
 * mutations and subscriptions over the WebSocket. graphql-ws hands results to the socket as
 * graphql-js produced them; without this, a resolver's AppError lost its code and a driver
 * error reached the client verbatim.
 */
export class SocketErrorBoundary {
  /**
   * @param reportOutage told of every error; true when it was the database being away, which
   *   the outage tracker logs once per outage (as over HTTP) rather than once per operation.
   */
  constructor(
    private readonly production: boolean,
    private readonly reportOutage: (error: unknown) => boolean = () => false,
  ) {}

  /** graphql-ws's `execute` for queries and mutations: graphql-js's, behind the boundary. */
  readonly execute = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const context = args.contextValue as RequestContext;
    const log = context.logger;
    try {
      return this.result(await execute(args), log, context.requestId);
    } catch (error) {
      // graphql-js throws only for arguments it cannot run at all; still never raw.
      return { errors: [this.format(toGraphQLError(error), log, context.requestId)] };
    }
  };

  /**
   * Every error of a result formatted; data untouched. `requestId` (the operation's, as in
   * its log lines) goes into each error's extensions; a result broadcast to many subscribers
   * has none of its own.
   */
  result(result: ExecutionResult, log: Logger, requestId?: string): ExecutionResult {
    if (!result.errors?.length) return result;
    return { ...result, errors: result.errors.map((error) => this.format(error, log, requestId)) };
  }

  /** Errors graphql-ws reports itself (rejected documents, a stream that threw). */
  errors(errors: readonly GraphQLError[], log: Logger): GraphQLFormattedError[] {
    const requestId = (log.bindings() as { requestId?: unknown }).requestId;
    return errors.map(
      (error) =>
        this.format(error, log, typeof requestId === 'string' ? requestId : undefined).formatted,
    );
  }

  /** An AppError raised by the socket server itself (caps, not connected). */
  appError(error: AppError): FormattedGraphQLError {
    return new FormattedGraphQLError({
      message: error.message,
      extensions: { code: error.code, ...(error.details ? { details: error.details } : {}) },
    });
  }

  format(error: GraphQLError, log: Logger, requestId?: string): FormattedGraphQLError {
    if (error instanceof FormattedGraphQLError) return error;
    const classified = asBadUserInput(error) ?? error;
    // A stream that threw reaches us wrapped without a path, which `formatError` would not
    // unwrap: judge what was thrown.
    const judged =
      classified.originalError && !classified.path ? classified.originalError : classified;
    if (!this.reportOutage(judged) && isUnexpected(judged)) {
      log.error(
        { err: classified.originalError ?? classified, path: classified.path },
        'unexpected error in GraphQL operation',
      );
    }
    const formatted = formatError(classified.toJSON(), judged);
    const shown = this.production ? withoutSuggestions(formatted) : formatted;
    return new FormattedGraphQLError(
      requestId ? { ...shown, extensions: { ...shown.extensions, requestId } } : shown,
    );
  }
}

function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const original = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(original.message, { originalError: original });
}

/**
 * A variable the client sent that does not fit its type (an unknown enum value, a string
 * for an Int): graphql-js reports it without a code; Apollo marks exactly these
 * BAD_USER_INPUT (its requestPipeline's `isBadUserInputGraphQLError`), and so do we.
 */
function asBadUserInput(error: GraphQLError): GraphQLError | undefined {
  if (error.extensions?.code !== undefined) return undefined;
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return undefined;
  const variable = `Variable "$${node.variable.name.value}"`;
  const coercion = [
    'has invalid value',
    'got invalid value ',
    'of required type ',
    'of non-null type ',
  ];
  if (!coercion.some((tail) => error.message.startsWith(`${variable} ${tail}`))) return undefined;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { code: 'BAD_USER_INPUT' },
  });
}
