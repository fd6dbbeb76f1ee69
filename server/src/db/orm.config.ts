import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmConnection {
  clientUrl: string;
  poolMax?: number;
  debug?: boolean;
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
    // Lists are paginated by cursor and loaded by dataloaders; nothing should be lazy by accident.
    forceUndefined: false,
    debug: connection.debug ?? false,
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
      snapshotName: '.snapshot',
      fileName: (timestamp, name) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}
