import 'reflect-metadata';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import express from 'express';
import { GraphQLError } from 'graphql';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/config.js';
import { logJwtSecretSource } from './config/dev-secret.js';
import { createLogger, type Logger } from './config/logger.js';
import { DATABASE_RETRY_AFTER_SECONDS, type DatabaseHealth } from './db/availability.js';
import { isDatabaseReady, openDatabase, type Database } from './db/database.js';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  ensureInitialManager,
  seedDemoFactory,
} from './db/seed-demo.js';
import { InProcessEventBus, type EventBus } from './events/event-bus.js';
import { EventSequencer } from './events/event-sequencer.js';
import { PostgresEventBus } from './events/postgres-event-bus.js';
import type { RequestContext } from './graphql/context.js';
import { formatError, isUnexpected, SERVICE_UNAVAILABLE } from './graphql/errors.js';
import { armorConfig, PARSE_OPTIONS, withoutSuggestions } from './graphql/protection.js';
import { nulInputPlugin } from './graphql/nul-input.js';
import { getSchema } from './graphql/schema.js';
import type { TrustProxy } from './http/client-address.js';
import { Metrics } from './http/metrics.js';
import { jsonErrorHandler, jsonNotFound } from './http/json-errors.js';
import { createContextFactory, type ContextFactory } from './http/request-context.js';
import { IdentityCache } from './modules/auth/identity-cache.js';
import { BoardCache } from './modules/machines/board-cache.js';
import { requestIdInErrors } from './http/request-id.js';
import { requestLog } from './http/request-log.js';
import { ShutdownGate } from './http/shutdown-gate.js';
import { refuseUpgradeWhileStarting, startingApp } from './http/starting.js';
import { attachSocketServer } from './http/websocket.js';
import { createRestRouter, type RestOptions } from './rest/router.js';
import { openAttachments, type AttachmentOptions } from './modules/attachments/attachments.js';

export interface ShopfloorServer {
  url: string;
  port: number;
  database: Database;
  bus: EventBus;
  sequencer: EventSequencer;
  logger: Logger;
  close(): Promise<void>;
}

export interface CreateServerOptions {
  /** Use this database instead of opening one from the configuration (tests share one). */
  database?: Database;
  logger?: Logger;
  /** Seed the demo factory on an empty embedded database (default: true). */
  seedDemo?: boolean;
  /** REST adapter settings (body limit, rate limit); defaults suit production. */
  rest?: RestOptions;
  /** Photos: another store than the local disk under STORAGE_DIR, test hooks. */
  attachments?: AttachmentOptions;
}

const GRAPHQL_BODY_LIMIT = '256kb';
const SHUTDOWN_LAME_DUCK_MS = 200;

/** Builds the whole app: database, GraphQL, health endpoints; listens on `config.port`. */
export async function createServer(
  config: Config,
  options: CreateServerOptions = {},
): Promise<ShopfloorServer> {
  const logger = options.logger ?? createLogger(config);
  logJwtSecretSource(config.jwtSecretSource, logger);
  const metrics = new Metrics({ processMetrics: !options.database });

  const { headersMs, requestMs, keepAliveMs } = config.httpTimeouts;
  // Until the app below is built, the starting app answers: the server listens at once, so
  // /healthz says it is alive while it waits for its database, and /readyz says not yet.
  let answer: RequestListener = startingApp();
  const httpServer = createHttpServer(
    // Node checks the two request timeouts on this interval (30 s by default, which is how a
    // 60 s header timeout became 66 s): often enough that short timeouts hold.
    { connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersMs / 4))) },
    (req, res) => answer(req, res),
  );
  // Upgraded (WebSocket) connections leave HTTP's bookkeeping at the upgrade: unaffected.
  httpServer.headersTimeout = headersMs;
  httpServer.requestTimeout = requestMs;
  httpServer.keepAliveTimeout = keepAliveMs;
  httpServer.on('upgrade', refuseUpgradeWhileStarting);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  let database: Database;
  try {
    database =
      options.database ??
      (await openDatabase(config, logger, { onQuery: () => metrics.sqlStatements.inc() }));
  } catch (error) {
    httpServer.close();
    throw error;
  }
  const ownsDatabase = !options.database;
  const { orm, health } = database;

  if (database.embedded && options.seedDemo !== false) {
    if (await seedDemoFactory(orm.em.fork(), logger, config)) {
      logger.info(
        { password: DEMO_PASSWORD, logins: DEMO_USERS.map((u) => `${u.email} (${u.role})`) },
        'demo logins',
      );
      printDemoLogins();
    }
  }
  if (config.initialManager)
    await ensureInitialManager(orm.em.fork(), config.initialManager, logger);

  const attachments = await openAttachments(config, orm, logger, options.attachments);
  const bus = await createEventBus(config, logger);
  const sequencer = new EventSequencer(orm, bus, logger, (error) => health.report(error));
  await sequencer.start();
  sequencer.listen(metrics.observeEvent);
  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-* headers count: req.ip (throttles, rate limits, logs) and req.secure
  // (the refresh cookie's Secure flag) follow them only from these addresses.
  app.set('trust proxy', config.trustedProxies);
  // The REST adapter's error mapping finds the outage tracker here (express's app-wide values).
  app.locals.databaseHealth = health;
  const gate = new ShutdownGate();

  const production = config.nodeEnv === 'production';
  const armor = new ApolloArmor(armorConfig(production)).protect();
  const schema = await getSchema();
  const boardCache = config.boardCache ? new BoardCache(bus) : undefined;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !production,
    csrfPrevention: true,
    // main.ts owns SIGTERM: sockets first, then HTTP drain, then the database.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: PARSE_OPTIONS,
    formatError: production
      ? (formatted, error) => withoutSuggestions(formatError(formatted, error))
      : formatError,
    validationRules: armor.validationRules,
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugins are the same.
      ...(armor.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      // In-flight requests get 8 s, inside main.ts's 10 s deadline for the whole shutdown.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 8000 }),
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin(health),
      metrics.graphqlPlugin<RequestContext>(),
      nulInputPlugin(),
      ...(boardCache ? [boardCache.plugin()] : []),
    ],
  });
  await apollo.start();

  const identity = new IdentityCache(bus, config);
  const buildContext = createContextFactory({
    orm,
    bus,
    sequencer,
    config,
    logger,
    metrics,
    identity,
  });

  app.use(requestLog(logger));
  app.use(requestIdInErrors());
  app.use(gate.middleware());
  app.use(metrics.middleware());
  app.get('/metrics', metrics.handler(config.metricsToken));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await isDatabaseReady(orm, health);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });

  app.use(
    '/graphql',
    cors({ origin: config.allowedOrigins, credentials: true }),
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    // The endpoint is /graphql itself; /graphql/anything is an unknown path.
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.path === '/') next();
      else jsonNotFound(req, res);
    },
    expressMiddleware(apollo, {
      context: graphqlContext(buildContext, health),
    }),
    // What express.json refused (malformed JSON, too large) is a GraphQL error, not a page.
    jsonErrorHandler(logger, health),
  );

  // The REST adapter for external systems: /api/... and /auth/token/, each route one
  // GraphQL operation run in-process against the same schema.
  app.use(
    createRestRouter({
      apollo,
      buildContext,
      logger,
      options: { rateLimit: config.restRateLimit, ...options.rest },
      attachments: attachments.runtime,
    }),
  );

  // Anything else: JSON in the shape of its endpoint, never express's HTML pages.
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(logger, health));

  const sockets = attachSocketServer({
    httpServer,
    trustProxy: app.get('trust proxy fn') as TrustProxy,
    schema,
    config,
    logger,
    orm,
    bus,
    sequencer,
    metrics,
    health,
  });

  metrics.observe({
    orm,
    health,
    poolMax: database.poolMax,
    subscriptions: () => sockets.subscriptionCount(),
  });

  httpServer.off('upgrade', refuseUpgradeWhileStarting);
  answer = app;
  logger.info({ url: `${url}/graphql` }, 'Shopfloor API listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    database,
    bus,
    sequencer,
    logger,
    close() {
      closing ??= (async () => {
        gate.begin(); // from now on, requests on kept-alive connections are refused unrun
        // A request already on its way over an idle kept-alive connection gets its 503 and
        // `Connection: close` in this moment, rather than a reset when the drain below ends
        // idle connections (which a client cannot safely retry if the request was a POST).
        await new Promise((r) => setTimeout(r, SHUTDOWN_LAME_DUCK_MS));
        await sockets.close(); // subscribers get 1001 and reconnect elsewhere
        await apollo.stop(); // stops accepting, lets in-flight HTTP requests finish
        sequencer.stop();
        identity.close();
        boardCache?.close();
        await attachments.close();
        await bus.close();
        if (ownsDatabase) await database.close();
      })();
      return closing;
    },
  };
}

async function createEventBus(config: Config, logger: Logger): Promise<EventBus> {
  if (config.eventBus === 'postgres' && config.databaseUrl) {
    const bus = new PostgresEventBus(config.databaseUrl, logger);
    await bus.start();
    return bus;
  }
  return new InProcessEventBus();
}

/**
 * The GraphQL context, built per request; a database outage while building it (the caller is
 * looked up) is answered 503 / SERVICE_UNAVAILABLE instead of a masked 500.
 */
function graphqlContext(buildContext: ContextFactory, health: DatabaseHealth) {
  return async ({ req, res }: { req: express.Request; res: express.Response }) => {
    try {
      return await buildContext(req, res);
    } catch (error) {
      if (!health.report(error)) throw error;
      throw new GraphQLError('The service is temporarily unavailable', {
        originalError: error as Error,
        extensions: { code: SERVICE_UNAVAILABLE, http: unavailableHttp() },
      });
    }
  };
}

function unavailableHttp(): { status: number; headers: HeaderMap } {
  return {
    status: 503,
    headers: new HeaderMap([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]),
  };
}

function errorLoggingPlugin(health: DatabaseHealth): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        // An operation that met a database outage answers 503 with Retry-After over HTTP.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) {
            const { status, headers } = unavailableHttp();
            response.http.status = status;
            for (const [name, value] of headers) response.http.headers.set(name, value);
          }
        },
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            // An outage is logged once, when it begins, by DatabaseHealth.
            if (health.report(error)) continue;
            if (isUnexpected(error)) {
              contextValue.logger.error(
                { err: error.originalError ?? error, operationName, path: error.path },
                'unexpected error in GraphQL operation',
              );
            }
          }
        },
      };
    },
  };
}

function printDemoLogins(): void {
  const lines = DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email}`);
  process.stdout.write(
    `\n  Demo factory ready. Sign in with password "${DEMO_PASSWORD}":\n${lines.join('\n')}\n\n`,
  );
}
