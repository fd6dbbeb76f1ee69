import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { DatabaseHealth, isDatabaseUnavailable } from './availability.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';
import { buildOrmOptions } from './orm.config.js';

export interface Database {
  orm: MikroORM;
  /** True when running on the in-process PostgreSQL (single node, demo data). */
  embedded: boolean;
  /** Outage tracking: 503s instead of 500s, one log line per outage, /readyz. */
  health: DatabaseHealth;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  dataDirOverride?: string | null;
  onQuery?: (sql: string) => void;
  /** Waits between connection attempts while the database is not there yet. */
  retry?: RetryBackoff;
}

/** Milliseconds: the first wait, doubled per attempt up to `maxMs`. */
export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 500, maxMs: 10_000 };

/**
 * Connects (starting the embedded server when no DATABASE_URL is set), waiting for the
 * database as long as it takes, and applies migrations.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let clientUrl = config.databaseUrl;
  if (!clientUrl) {
    const dir =
      options.dataDirOverride === null ? undefined : (options.dataDirOverride ?? config.dataDir);
    embedded = await startEmbeddedPostgres(dir);
    clientUrl = embedded.url;
    logger.info({ dataDir: dir ?? '(memory)' }, 'embedded PostgreSQL started');
  }
  const orm = await MikroORM.init(
    buildOrmOptions({ clientUrl, poolMax: embedded ? 8 : 20, logger, onQuery: options.onQuery }),
  );
  try {
    if (!embedded) await waitForDatabase(orm, logger, options.retry ?? DEFAULT_BACKOFF);
    await migrateOneAtATime(clientUrl, orm, logger);
  } catch (error) {
    await orm.close(true);
    await embedded?.close();
    throw error;
  }
  const health = new DatabaseHealth({
    logger,
    probe: async () => {
      await orm.em.getConnection().execute('select 1');
    },
  });
  return {
    orm,
    embedded: embedded !== undefined,
    health,
    async close() {
      health.close();
      await orm.close(true);
      await embedded?.close();
    },
  };
}

/**
 * Start order is the orchestrator's business (podman-compose ignores `service_healthy`; a
 * managed database may come up after the app): a database that is not there yet is waited
 * for with capped exponential back-off, one log line per attempt, instead of exiting. Any
 * other failure (a wrong password, a broken migration) still ends the start.
 */
export async function waitForDatabase(
  orm: MikroORM,
  logger: Logger,
  backoff: RetryBackoff = DEFAULT_BACKOFF,
): Promise<void> {
  const startedAt = Date.now();
  let delayMs = backoff.initialMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await orm.em.getConnection().execute('select 1');
      if (attempt > 1) {
        logger.info({ attempts: attempt, waitedMs: Date.now() - startedAt }, 'database reached');
      }
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      logger.warn(
        { attempt, retryInMs: delayMs, reason: describeFailure(error) },
        'database not reachable yet; waiting for it',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
  }
}

/** The driver's own words, without a stack: the operator needs to see why, once per line. */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    const text = [
      typeof e.code === 'string' ? e.code : '',
      typeof e.message === 'string' ? e.message : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (text && !parts.includes(text)) parts.push(text);
    e = e.cause as typeof e;
  }
  return parts.join(' / ') || String(error);
}

/** Any fixed number: the advisory lock replicas take around their migrations. */
const MIGRATION_LOCK = 740_581_113;

/**
 * Replicas started together (docker compose's scale profile, a rolling upgrade) migrate one
 * after the other: the second finds nothing left to do instead of failing on tables the first
 * is creating. A session-level advisory lock on a connection of its own, released when that
 * connection ends.
 */
async function migrateOneAtATime(clientUrl: string, orm: MikroORM, logger: Logger): Promise<void> {
  const lock = new pg.Client({ connectionString: clientUrl });
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(orm, logger);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

export async function migrate(orm: MikroORM, logger: Logger): Promise<void> {
  const applied = await orm.migrator.up();
  if (applied.length > 0) {
    logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
}

/** For /readyz: the database answers and nothing is pending. */
export async function isDatabaseReady(orm: MikroORM, health?: DatabaseHealth): Promise<boolean> {
  try {
    const pending = await orm.migrator.getPending();
    health?.confirmAvailable();
    return pending.length === 0;
  } catch (error) {
    health?.report(error);
    return false;
  }
}
