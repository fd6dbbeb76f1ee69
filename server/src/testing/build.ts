import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN_JS = join(SERVER_DIR, 'dist', 'main.js');
const MARKER = join(SERVER_DIR, 'dist', '.test-run');
const LOCK = join(SERVER_DIR, '.test-build-lock');
const BUILD_IF_STALE = join(SERVER_DIR, '..', 'scripts', 'build-if-stale.mjs');

/**
 * Compiles the server once per test run, for tests that start the real entry point
 * (`node dist/main.js`) as it is deployed. Test files run in parallel workers: a lock
 * directory lets one build while the others wait for it.
 */
export function buildServerOnce(): void {
  const runId = process.env.SHOPFLOOR_TEST_RUN_ID ?? 'standalone';
  const built = () => existsSync(MARKER) && readFileSync(MARKER, 'utf8') === runId;
  if (built()) return;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (built()) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (built()) return;
    // The same up-to-date check as `npm start`: an unchanged server is not compiled again.
    execFileSync(process.execPath, [BUILD_IF_STALE], { cwd: SERVER_DIR, stdio: 'inherit' });
    writeFileSync(MARKER, runId);
  } finally {
    rmdirSync(LOCK);
  }
}

/** Called once from the global setup: a new run id, and no lock left by a killed run. */
export function startTestRun(): void {
  process.env.SHOPFLOOR_TEST_RUN_ID = `${Date.now()}-${process.pid}`;
  if (existsSync(LOCK)) rmdirSync(LOCK);
}
