import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmOptions } from '../db/orm.config.js';
import { createTestDatabase } from './test-database.js';

export interface TestOrm {
  orm: MikroORM;
  /** A real PostgreSQL server rather than the embedded one (see TestDatabase.real). */
  realPostgres: boolean;
  close(): Promise<void>;
}

/**
 * A fresh migrated database with an ORM on it and no server: for tests of the database layer
 * itself (migrations, seeds, statements that need their own transactions).
 */
export async function openTestOrm(poolMax = 4): Promise<TestOrm> {
  const database = await createTestDatabase();
  const orm = await MikroORM.init(buildOrmOptions({ clientUrl: database.url, poolMax }));
  return {
    orm,
    realPostgres: database.real,
    async close() {
      await orm.close(true);
      await database.drop();
    },
  };
}
