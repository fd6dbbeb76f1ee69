import { startTestRun } from './build.js';
import { ensureTemplate, realPostgresAvailable, TEST_ADMIN_URL } from './test-database.js';

/**
 * Picks the test backend once for the whole run and tells the test files through the
 * environment (vitest passes it on to its workers).
 */
export default async function setup(): Promise<void> {
  startTestRun();
  if (process.env.SHOPFLOOR_TEST_BACKEND === 'embedded') return;
  if (await realPostgresAvailable()) {
    process.env.SHOPFLOOR_TEST_BACKEND = 'postgres';
    await ensureTemplate();
    return;
  }
  if (process.env.SHOPFLOOR_REQUIRE_POSTGRES === '1') {
    throw new Error(`SHOPFLOOR_REQUIRE_POSTGRES=1 but no PostgreSQL answers at ${TEST_ADMIN_URL}`);
  }
  process.env.SHOPFLOOR_TEST_BACKEND = 'embedded';
  process.stdout.write(
    `\n  No PostgreSQL at ${TEST_ADMIN_URL}: running on the embedded database.\n` +
      '  Tests that need several connections or LISTEN/NOTIFY are skipped (marked "needs real PostgreSQL").\n\n',
  );
}
