/**
 * Configuration for the MikroORM CLI (`npm run migration:create -w server`). It compares the
 * entities with a scratch database that has every committed migration applied.
 */
import { buildOrmOptions } from './orm.config.js';

export default buildOrmOptions({
  clientUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shopfloor_migrations',
  poolMax: 2,
});
