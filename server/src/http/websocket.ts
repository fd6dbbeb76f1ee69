import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { EventBus } from '../events/event-bus.js';
import type { DatabaseHealth } from '../db/availability.js';
import type { EventSequencer } from '../events/event-sequencer.js';
import { SharedSubscriptions } from '../graphql/shared-subscribe.js';
import { SocketErrorBoundary } from '../graphql/socket-errors.js';
import { SocketDocumentValidator } from '../graphql/socket-validation.js';
import type { TrustProxy } from './client-address.js';
import type { Metrics } from './metrics.js';
import { connectionAuthenticator } from './websocket/connection-auth.js';
import { SOCKET_LIMITS } from './websocket/limits.js';
import { SocketRegistry, type SocketState } from './websocket/registry.js';
import { startRevalidation } from './websocket/revalidation.js';
import { subscribeHooks } from './websocket/subscribe.js';
import { logProtocolErrorsAsClientErrors, upgradeHandler } from './websocket/upgrade.js';

export {
  CLOSE_SESSION_ENDED,
  CLOSE_TOO_MANY,
  CLOSE_TOO_SLOW,
  CLOSE_TRY_AGAIN,
  SOCKET_LIMITS,
} from './websocket/limits.js';

export interface SocketServerDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  orm: MikroORM;
  bus: EventBus;
  sequencer: EventSequencer;
  metrics?: Metrics;
  /** Whose X-Forwarded-For names the client (express's compiled `trust proxy`). */
  trustProxy: TrustProxy;
  /** The database outage tracker: socket errors caused by an outage are logged once by it. */
  health?: DatabaseHealth;
}

/**
 * GraphQL over graphql-ws on the same `/graphql` path as HTTP. The parts, in `websocket/`:
 * - `upgrade.ts`: path and origin check on the HTTP upgrade;
 * - `connection-auth.ts`: the token in `connection_init`, the socket cap per principal and
 *   the close at token expiry (`onConnect`);
 * - `subscribe.ts`: every operation's checks and context (`onSubscribe`, `onError`);
 * - `revalidation.ts`: open sockets against deactivation, role, password, ended sessions
 *   and revoked API tokens;
 * - `registry.ts` and `limits.ts`: the open sockets, and the caps and close codes.
 * Every error goes through `graphql/socket-errors.ts`, the HTTP error boundary.
 */
export function attachSocketServer(deps: SocketServerDeps): {
  close(): Promise<void>;
  socketCount(): number;
  subscriptionCount(): number;
} {
  const { httpServer, schema, config, logger, orm } = deps;
  const production = config.nodeEnv === 'production';
  const wss = new WebSocketServer({ noServer: true, maxPayload: SOCKET_LIMITS.maxPayloadBytes });
  const boundary = new SocketErrorBoundary(production, (error) =>
    deps.health ? deps.health.report(error) : false,
  );
  const validator = new SocketDocumentValidator(schema, production);
  const shared = new SharedSubscriptions(logger, boundary);
  const registry = new SocketRegistry(config.socketsPerPrincipal, deps.metrics);

  const onUpgrade = upgradeHandler(wss, config, logger, deps.trustProxy);
  httpServer.on('upgrade', onUpgrade);

  const hooks = subscribeHooks({ ...deps, validator, boundary });
  const disposable = useServer<Record<string, unknown>, { state?: SocketState }>(
    {
      schema,
      // Also decides graphql-ws's own close reasons: never an error's message in production.
      isProd: production,
      execute: boundary.execute,
      subscribe: shared.subscribe,
      connectionInitWaitTimeout: SOCKET_LIMITS.connectionInitTimeoutMs,
      onConnect: connectionAuthenticator({ orm, config, logger, registry }),
      onSubscribe: hooks.onSubscribe,
      onError: hooks.onError,
      onComplete: hooks.onComplete,
      onClose: (ctx) => registry.release(ctx.extra.socket),
    },
    wss,
  );
  logProtocolErrorsAsClientErrors(wss, logger);
  const stopRevalidation = startRevalidation(registry, orm, logger);

  return {
    socketCount: () => wss.clients.size,
    subscriptionCount: () => registry.subscriptionCount(),
    async close() {
      stopRevalidation();
      shared.close();
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'Server shutting down');
      await Promise.resolve(disposable.dispose()).catch(() => undefined);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
