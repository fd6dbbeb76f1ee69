import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
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
  /** The most connections the pool opens (for /metrics). */
  poolMax: number;
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
  const poolMax = embedded ? 8 : 20;
  const orm = await MikroORM.init(
    buildOrmOptions({ clientUrl, poolMax, logger, onQuery: options.onQuery }),
  );
  try {
    if (!embedded) await waitForDatabase(orm, logger, options.retry ?? DEFAULT_BACKOFF);
    await migrate(orm, logger, { exclusive: !embedded });
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
    poolMax,
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

/** The advisory lock replicas take around migrating: one migrates, the others wait. */
const MIGRATION_LOCK = `hashtext('shopfloor.migrations')`;

/**
 * Applies pending migrations. With `exclusive` (every shared database), under a session
 * advisory lock: replicas that start together (a rolling upgrade, `--scale`) migrate one at
 * a time, and the ones after the first find nothing pending. The lock is held on a
 * connection of its own and goes with it if the process dies mid-migration.
 */
export async function migrate(
  orm: MikroORM,
  logger: Logger,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  if (!options.exclusive) {
    logApplied(await orm.migrator.up(), logger);
    return;
  }
  const pool = (await orm.em.getConnection().getNativeClient()) as Pool;
  const holder = await pool.connect();
  let broken = false;
  try {
    const { rows } = await holder.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(${MIGRATION_LOCK}) as locked`,
    );
    if (!rows[0]?.locked) {
      logger.info('another server is migrating the database: waiting for it');
      await holder.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    }
    try {
      logApplied(await orm.migrator.up(), logger);
    } finally {
      await holder.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).catch((error: unknown) => {
        broken = true; // the session ends with the connection, and its lock with it
        logger.warn({ err: error }, 'could not release the migration lock');
      });
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    holder.release(broken);
  }
}

function logApplied(applied: { name: string }[], logger: Logger): void {
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
