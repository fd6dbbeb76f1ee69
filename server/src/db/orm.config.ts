import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Logger } from '../config/logger.js';
import { ENTITIES } from './entities.js';
import { OrmLogger } from './orm-logger.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmConnection {
  clientUrl: string;
  poolMax?: number;
  logger?: Logger;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

/** Where the CLI writes new migrations: always the TypeScript sources, never `dist/`. */
const MIGRATIONS_SOURCE_DIR = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

export function buildOrmOptions(connection: OrmConnection): Options {
  return defineConfig({
    clientUrl: connection.clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    pool: { min: 0, max: connection.poolMax ?? 10 },
    // A database host that drops packets would otherwise hold each request until the OS gives
    // up on the connect; after this, pg-pool's "timeout exceeded" is a clean 503.
    driverOptions: { connectionTimeoutMillis: 5000, onPoolCreated: discardEndedSessions },
    // Lists are paginated by cursor and loaded by dataloaders; nothing should be lazy by accident.
    forceUndefined: false,
    debug: connection.onQuery ? ['query', 'info'] : ['info'],
    loggerFactory: () => new OrmLogger(connection.logger, connection.onQuery),
    allowGlobalContext: false,
    migrations: {
      tableName: 'schema_migrations',
      path: MIGRATIONS_SOURCE_DIR,
      pathTs: MIGRATIONS_SOURCE_DIR,
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      snapshot: true,
      // Only `migration:create` may rewrite the snapshot; running migrations must not touch sources.
      snapshotOnMigrate: false,
      snapshotName: '.snapshot',
      fileName: (timestamp, name) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}

/**
 * A backend killed while its connection is checked out (pg_terminate_backend, a restart)
 * sends a FATAL error, and the query fails with it; the socket's end arrives a moment later.
 * Released in between, the connection went back to the pool as healthy and the next query
 * failed on it ("Connection terminated unexpectedly"). A FATAL error always ends the session,
 * so the connection is marked unusable at once, as pg itself does for socket errors, and the
 * pool discards it on release. (MikroORM hands us the pool through its `onPoolCreated` hook.)
 */
function discardEndedSessions(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const internals = client as unknown as {
      connection?: {
        on(event: 'errorMessage', listener: (msg: { severity?: string }) => void): void;
      };
      _queryable: boolean;
    };
    internals.connection?.on('errorMessage', (msg) => {
      if (msg.severity === 'FATAL') internals._queryable = false;
    });
  });
}
