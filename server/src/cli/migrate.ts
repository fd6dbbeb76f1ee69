import 'reflect-metadata';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';

interface LogRecord {
  level: number;
  msg?: string;
  migrations?: string[];
}

/**
 * `npm run migrate`: applies pending migrations and exits. The server applies them at start
 * too; this is for deployments that migrate as a separate step before starting replicas.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // openDatabase reports what it applied through the logger; collect that to print it plainly.
  const records: LogRecord[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) records.push(JSON.parse(line) as LogRecord);
      }
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);

  const database = await openDatabase(config, logger);
  try {
    const applied = records.find((r) => r.msg === 'migrations applied')?.migrations ?? [];
    const executed = await database.orm.migrator.getExecuted();
    if (applied.length === 0) {
      process.stdout.write(
        `Database is up to date (${executed.length} migration(s) applied earlier).\n`,
      );
    } else {
      process.stdout.write(
        `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}`,
      );
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Migration failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
