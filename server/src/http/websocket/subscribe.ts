import { clientAddressOf } from '../client-address.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { getOperationAST, GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { AppError } from '../../common/app-error.js';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import type { EventBus } from '../../events/event-bus.js';
import type { EventSequencer } from '../../events/event-sequencer.js';
import type { RequestContext } from '../../graphql/context.js';
import { withoutNulInputs } from '../../graphql/nul-input.js';
import type { SocketErrorBoundary } from '../../graphql/socket-errors.js';
import type { SocketDocumentValidator } from '../../graphql/socket-validation.js';
import type { Metrics } from '../metrics.js';
import type { SocketContext } from './connection-auth.js';
import { CLOSE_TOO_SLOW, SOCKET_LIMITS } from './limits.js';
import type { SocketState } from './registry.js';

export interface SubscribeHookDeps {
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  orm: MikroORM;
  bus: EventBus;
  sequencer: EventSequencer;
  metrics?: Metrics;
  validator: SocketDocumentValidator;
  boundary: SocketErrorBoundary;
}

/**
 * graphql-ws's per-operation hooks. `onSubscribe` runs for every query, mutation and
 * subscription sent over the socket: the cap on subscriptions, the same document checks as
 * HTTP, then the operation's own context. Whatever it refuses leaves through the error
 * boundary, like every error of the operation itself (`onError`, and `execute`/`subscribe`
 * in websocket.ts).
 */
export function subscribeHooks(deps: SubscribeHookDeps) {
  const { schema, logger, validator, boundary } = deps;

  const onSubscribe = (
    ctx: SocketContext,
    id: string,
    payload: SubscribePayload,
  ): ExecutionArgs | readonly GraphQLError[] => {
    const state = ctx.extra.state;
    if (!state) return [boundary.appError(new AppError('UNAUTHENTICATED', 'Not connected'))];
    if (state.subscriptions >= SOCKET_LIMITS.maxSubscriptionsPerSocket) {
      return [
        boundary.appError(
          new AppError('TOO_MANY_REQUESTS', 'Too many subscriptions on this connection'),
        ),
      ];
    }
    const checked = withoutNulInputs(validator.check(payload.query), payload.variables);
    if (!('kind' in checked)) return checked;
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(checked, operationName);
    if (!operation) {
      // graphql-ws would answer this without a code; HTTP says OPERATION_RESOLUTION_FAILURE.
      return [
        new GraphQLError('Could not tell which operation to run: name it in operationName', {
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        }),
      ];
    }
    state.subscriptions++;
    return {
      schema,
      document: checked,
      variableValues: payload.variables ?? undefined,
      operationName,
      contextValue: operationContext(deps, ctx, state, id, operation.name?.value),
    };
  };

  return {
    onSubscribe,
    onError: (
      ctx: SocketContext,
      id: string,
      payload: SubscribePayload,
      errors: readonly GraphQLError[],
    ) =>
      boundary.errors(
        errors,
        operationLogger(logger, ctx.extra.state, id, payload.operationName ?? undefined),
      ),
    onComplete: (ctx: SocketContext) => {
      const state = ctx.extra.state;
      if (state) state.subscriptions = Math.max(0, state.subscriptions - 1);
    },
  };
}

/** Log lines of one socket operation carry its id, as HTTP's carry the request id. */
function operationLogger(
  logger: Logger,
  state: SocketState | undefined,
  id: string,
  operationName: string | undefined,
): Logger {
  return logger.child({
    requestId: `ws-${state?.connectionId ?? 'unauthenticated'}:${id}`,
    ...(operationName ? { operationName } : {}),
  });
}

/** One operation's context: its own EntityManager fork and a logger tagged with its id. */
function operationContext(
  deps: SubscribeHookDeps,
  ctx: SocketContext,
  state: SocketState,
  id: string,
  operationName: string | undefined,
): RequestContext {
  const { orm, config, metrics } = deps;
  const socket = ctx.extra.socket;
  const log = operationLogger(deps.logger, state, id, operationName);
  return {
    requestId: `ws-${state.connectionId}:${id}`,
    actor: state.actor,
    em: orm.em.fork(),
    forkEm: () => orm.em.fork(),
    bus: deps.bus,
    sequencer: deps.sequencer,
    config,
    logger: log,
    ip: clientAddressOf(ctx.extra.request),
    userAgent: ctx.extra.request.headers['user-agent'],
    cookies: undefined,
    audit: {
      denied: (reason) =>
        log.warn(
          { actor: { kind: state.actor.kind, id: state.actor.id }, reason },
          'access denied',
        ),
    },
    memo: new Map(),
    metrics,
    directDelivery: {
      id,
      send: (frame) => {
        if (socket.readyState !== socket.OPEN) return;
        // Broadcasts don't wait for each socket: a client that stops reading is closed
        // (it reconnects and reloads) instead of piling frames up in server memory.
        if (socket.bufferedAmount > SOCKET_LIMITS.maxBufferedBytes) {
          socket.close(CLOSE_TOO_SLOW, 'Client is not reading');
          return;
        }
        socket.send(frame);
      },
    },
  };
}
