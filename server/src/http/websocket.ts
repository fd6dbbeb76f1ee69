import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../common/actor.js';
import { toAppError } from '../graphql/errors.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { EventBus } from '../events/event-bus.js';
import type { EventSequencer } from '../events/event-sequencer.js';
import type { RequestContext } from '../graphql/context.js';
import type { Metrics } from './metrics.js';
import { SharedSubscriptions } from '../graphql/shared-subscribe.js';
import { SocketDocumentValidator } from '../graphql/socket-validation.js';
import { withoutNulInputs } from '../graphql/nul-input.js';
import { ApiClient } from '../modules/api-clients/api-client.entity.js';
import { authenticate, bearerToken } from '../modules/auth/authenticate.js';
import { User } from '../modules/users/user.entity.js';

export const SOCKET_LIMITS = {
  maxPayloadBytes: 64 * 1024,
  maxSubscriptionsPerSocket: 20,
  connectionInitTimeoutMs: 5000,
  /** Unsent bytes a socket may hold before it is closed as too slow. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** How often open sockets are checked against deactivation, role and token changes. */
  revalidateEveryMs: 2000,
} as const;

/** Closed when the credential stops being valid; clients sign in again. */
export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_TOO_MANY = 4429;
/** "Try again later": the client stopped reading and fell behind. */
export const CLOSE_TOO_SLOW = 1013;

interface SocketState {
  actor: Actor;
  tokenVersion?: number;
  subscriptions: number;
  expiryTimer?: NodeJS.Timeout;
}

export interface SocketServerDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  orm: MikroORM;
  bus: EventBus;
  sequencer: EventSequencer;
  metrics?: Metrics;
}

/**
 * GraphQL subscriptions over graphql-ws on the same `/graphql` path as HTTP: the token
 * comes in `connectionParams`, every document passes the same limits as HTTP, and a
 * socket lives no longer than the credential it was opened with.
 */
export function attachSocketServer(deps: SocketServerDeps): {
  close(): Promise<void>;
  socketCount(): number;
} {
  const { httpServer, schema, config, logger, orm } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: SOCKET_LIMITS.maxPayloadBytes });
  const validator = new SocketDocumentValidator(schema, config.nodeEnv === 'production');
  const shared = new SharedSubscriptions(logger);
  const states = new Map<WebSocket, SocketState>();
  const perPrincipal = new Map<string, number>();
  const principalKey = (a: Actor) => `${a.kind}:${a.id}`;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') {
      socket.destroy();
      return;
    }
    const origin = req.headers.origin;
    if (origin && !config.allowedOrigins.includes(origin)) {
      logger.warn({ origin }, 'WebSocket upgrade refused: origin not allowed');
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  const release = (ws: WebSocket) => {
    const state = states.get(ws);
    if (!state) return;
    clearTimeout(state.expiryTimer);
    states.delete(ws);
    deps.metrics?.openSockets.set(states.size);
    const key = principalKey(state.actor);
    const left = (perPrincipal.get(key) ?? 1) - 1;
    if (left > 0) perPrincipal.set(key, left);
    else perPrincipal.delete(key);
  };

  const disposable = useServer<Record<string, unknown>, { state?: SocketState }>(
    {
      schema,
      subscribe: shared.subscribe,
      connectionInitWaitTimeout: SOCKET_LIMITS.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = typeof params.authorization === 'string' ? params.authorization : undefined;
        const token =
          bearerToken(raw) ?? (typeof params.token === 'string' ? params.token : undefined);
        const em = orm.em.fork();
        const { actor, expiresAt, tokenVersion } = await authenticate(em, config, token);
        if (!actor) {
          logger.warn(
            { ip: ctx.extra.request.socket.remoteAddress },
            'WebSocket refused: missing or invalid token',
          );
          return false; // graphql-ws closes with 4403 Forbidden
        }
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) {
          // Closed while the token was checked: onClose has run already; count nothing.
          return false;
        }
        const key = principalKey(actor);
        const open = perPrincipal.get(key) ?? 0;
        if (open >= config.socketsPerPrincipal) {
          ctx.extra.socket.close(CLOSE_TOO_MANY, 'Too many open connections');
          // Already closing with our own code; `false` would make graphql-ws close it again.
          return true;
        }
        perPrincipal.set(key, open + 1);
        const state: SocketState = { actor, subscriptions: 0 };
        // The version the token carries, not the current one: a change that lands meanwhile
        // must still end this socket at the next revalidation.
        state.tokenVersion = tokenVersion;
        if (expiresAt) {
          const ms = Math.max(0, expiresAt.getTime() - Date.now());
          state.expiryTimer = setTimeout(
            () => ctx.extra.socket.close(CLOSE_SESSION_ENDED, 'Token expired'),
            ms,
          );
          state.expiryTimer.unref();
        }
        states.set(ctx.extra.socket, state);
        deps.metrics?.openSockets.set(states.size);
        ctx.extra.state = state;
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const socket = ctx.extra.socket;
        const state = ctx.extra.state;
        if (!state)
          return [new GraphQLError('Not connected', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (state.subscriptions >= SOCKET_LIMITS.maxSubscriptionsPerSocket) {
          return [
            new GraphQLError('Too many subscriptions on this connection', {
              extensions: { code: 'TOO_MANY_REQUESTS' },
            }),
          ];
        }
        const checked = withoutNulInputs(validator.check(payload.query), payload.variables);
        if (!('kind' in checked)) return checked;
        state.subscriptions++;
        const contextValue: RequestContext = {
          requestId: `ws-${id}`,
          actor: state.actor,
          em: orm.em.fork(),
          forkEm: () => orm.em.fork(),
          bus: deps.bus,
          sequencer: deps.sequencer,
          config,
          logger,
          ip: ctx.extra.request.socket.remoteAddress ?? 'unknown',
          userAgent: ctx.extra.request.headers['user-agent'],
          cookies: undefined,
          audit: {
            denied: (reason) =>
              logger.warn(
                { actor: { kind: state.actor.kind, id: state.actor.id }, reason },
                'access denied',
              ),
          },
          memo: new Map(),
          metrics: deps.metrics,
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
        return {
          schema,
          document: checked,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        };
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => {
          const original = error.originalError ?? error;
          const app = toAppError(original);
          if (app) return new GraphQLError(app.message, { extensions: { code: app.code } });
          // Validation errors carry their code and are safe; anything else is masked.
          const code = error.extensions?.code;
          if (!error.originalError && typeof code === 'string') return error;
          logger.error({ err: original }, 'unexpected error in subscription');
          return new GraphQLError('Internal server error', {
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          });
        }),
      onComplete: (ctx) => {
        if (ctx.extra.state)
          ctx.extra.state.subscriptions = Math.max(0, ctx.extra.state.subscriptions - 1);
      },
      onClose: (ctx) => release(ctx.extra.socket),
    },
    wss,
  );

  // graphql-ws reports every socket error on console.error as an internal fault. The errors
  // `ws` raises on a socket are the client's (a frame over maxPayload, a bad frame), and `ws`
  // is already closing the socket with the fitting code (1009, 1002): log them as such.
  // Registered after useServer, so graphql-ws's listener is there to be replaced.
  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      logger.warn(
        { ip: req.socket.remoteAddress, code: error.code, reason: error.message },
        'WebSocket closed: protocol error from the client',
      );
    });
  });

  // Deactivation, role or password changes and revoked API tokens end sockets within seconds,
  // on every replica, with one query for all open sockets.
  const revalidate = setInterval(() => {
    void revalidateSockets().catch((error: unknown) =>
      logger.warn({ err: error }, 'socket revalidation failed'),
    );
  }, SOCKET_LIMITS.revalidateEveryMs);
  revalidate.unref();

  async function revalidateSockets(): Promise<void> {
    if (states.size === 0) return;
    const em = orm.em.fork();
    const userIds = new Set<string>();
    const clientIds = new Set<string>();
    for (const s of states.values())
      (s.actor.kind === 'user' ? userIds : clientIds).add(s.actor.id);
    const users = userIds.size
      ? await em.find(
          User,
          { id: { $in: [...userIds] } },
          { fields: ['id', 'active', 'tokenVersion', 'role'] },
        )
      : [];
    const clients = clientIds.size
      ? await em.find(
          ApiClient,
          { id: { $in: [...clientIds] }, revokedAt: null },
          { fields: ['id'] },
        )
      : [];
    const userById = new Map(users.map((u) => [u.id, u]));
    const liveClients = new Set(clients.map((c) => c.id));
    for (const [ws, s] of states) {
      const valid =
        s.actor.kind === 'user'
          ? (() => {
              const u = userById.get(s.actor.id);
              return (
                !!u && u.active && u.tokenVersion === s.tokenVersion && u.role === s.actor.role
              );
            })()
          : liveClients.has(s.actor.id);
      if (!valid) {
        ws.close(CLOSE_SESSION_ENDED, 'Session ended');
        release(ws);
      }
    }
  }

  return {
    socketCount: () => wss.clients.size,
    async close() {
      clearInterval(revalidate);
      shared.close();
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'Server shutting down');
      await Promise.resolve(disposable.dispose()).catch(() => undefined);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
