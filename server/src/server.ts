import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import express from 'express';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/config.js';
import { createLogger, type Logger } from './config/logger.js';
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
import { formatError, isUnexpected } from './graphql/errors.js';
import { armorConfig, PARSE_OPTIONS, withoutSuggestions } from './graphql/protection.js';
import { nulInputPlugin } from './graphql/nul-input.js';
import { getSchema } from './graphql/schema.js';
import { Metrics } from './http/metrics.js';
import { createContextFactory } from './http/request-context.js';
import { requestLog } from './http/request-log.js';
import { attachSocketServer } from './http/websocket.js';
import { createRestRouter, type RestOptions } from './rest/router.js';

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
}

const GRAPHQL_BODY_LIMIT = '256kb';

/** Builds the whole app: database, GraphQL, health endpoints; listens on `config.port`. */
export async function createServer(
  config: Config,
  options: CreateServerOptions = {},
): Promise<ShopfloorServer> {
  const logger = options.logger ?? createLogger(config);
  if (config.jwtSecretGenerated) {
    logger.warn(
      'JWT_SECRET is not set: using a random one, so sign-ins end on restart (development only)',
    );
  }
  const metrics = new Metrics({ processMetrics: !options.database });
  const database =
    options.database ??
    (await openDatabase(config, logger, { onQuery: () => metrics.sqlStatements.inc() }));
  const ownsDatabase = !options.database;
  const { orm } = database;

  if (database.embedded && options.seedDemo !== false) {
    if (await seedDemoFactory(orm.em.fork(), logger)) {
      logger.info(
        { password: DEMO_PASSWORD, logins: DEMO_USERS.map((u) => `${u.email} (${u.role})`) },
        'demo logins',
      );
      printDemoLogins();
    }
  }
  if (config.initialManager)
    await ensureInitialManager(orm.em.fork(), config.initialManager, logger);

  const bus = await createEventBus(config, logger);
  const sequencer = new EventSequencer(orm, bus, logger);
  await sequencer.start();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = createHttpServer(app);

  const production = config.nodeEnv === 'production';
  const armor = new ApolloArmor(armorConfig(production)).protect();
  const schema = await getSchema();
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
      errorLoggingPlugin(),
      nulInputPlugin(),
    ],
  });
  await apollo.start();

  const buildContext = createContextFactory({ orm, bus, sequencer, config, logger, metrics });

  app.use(requestLog(logger));
  app.use(metrics.middleware());
  app.get('/metrics', metrics.handler(config.metricsToken));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await isDatabaseReady(orm);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });

  app.use(
    '/graphql',
    cors({ origin: config.allowedOrigins, credentials: true }),
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => buildContext(req, res),
    }),
  );

  // The REST adapter for external systems: /api/... and /auth/token/, each route one
  // GraphQL operation run in-process against the same schema.
  app.use(
    createRestRouter({
      apollo,
      buildContext,
      logger,
      options: { rateLimit: config.restRateLimit, ...options.rest },
    }),
  );

  const sockets = attachSocketServer({
    httpServer,
    schema,
    config,
    logger,
    orm,
    bus,
    sequencer,
    metrics,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
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
        await sockets.close(); // subscribers get 1001 and reconnect elsewhere
        await apollo.stop(); // stops accepting, lets in-flight HTTP requests finish
        sequencer.stop();
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

function errorLoggingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
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
