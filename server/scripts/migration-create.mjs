// Generates the next migration with the MikroORM CLI: the CLI reads the compiled
// configuration, applies the committed migrations to a scratch database, then diffs the
// entities against it and writes TypeScript into src/db/migrations.
import { execFileSync } from 'node:child_process';

const scratchUrl =
  process.env.MIGRATIONS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shopfloor_migrations';
const env = {
  ...process.env,
  DATABASE_URL: scratchUrl,
  MIKRO_ORM_CLI_CONFIG: 'dist/db/cli.config.js',
};
const run = (args) => execFileSync('mikro-orm', args, { stdio: 'inherit', env });

run(['migration:up']);
run(['migration:create', ...process.argv.slice(2)]);
console.log('Add the new migration to src/db/migrations/index.ts, then rebuild.');
