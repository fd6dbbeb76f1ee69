import type { Logger } from '../config/logger.js';

/** What a client is told to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that mean "the database cannot serve us right now", not "this request is wrong":
 * class 08 (connection exception; 08P01 only as FATAL, see below), 57P01-57P03 (admin/crash shutdown, cannot connect now),
 * 53300 (too many connections, also what `CONNECTION LIMIT` gives).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket-level failures of the driver (Node's errno codes). */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** `pg` and `pg-pool` report these without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^connect ECONNREFUSED/,
];

interface DriverErrorShape {
  code?: unknown;
  errno?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

/**
 * The one place that decides whether an error means the database is unreachable (down,
 * restarting, refusing connections, or the connection was cut) rather than a bug or a bad
 * request. Follows `cause` (MikroORM wraps driver errors), `originalError` (GraphQL wraps
 * resolver errors) and AggregateError's `errors` (a failed connect to several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const e = error as DriverErrorShape;
  if (typeof e.code === 'string') {
    // 08P01 "protocol violation" as a plain ERROR is about one statement (a NUL in its text):
    // the connection stays usable, and the statement is a bug to log, not an outage to retry.
    // (A wrapper without the severity defers to its `cause`, below.)
    if (e.code === '08P01') {
      if (e.severity === 'FATAL') return true;
    } else if (e.code.startsWith('08') && e.code.length === 5) return true;
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code)) return true;
    // 55000 is also a plain "object not in prerequisite state"; as a FATAL at connection
    // time it is `ALLOW_CONNECTIONS false`: "database is not currently accepting connections".
    if (e.code === '55000' && e.severity === 'FATAL') return true;
  }
  if (
    typeof e.message === 'string' &&
    UNAVAILABLE_MESSAGES.some((m) => m.test(e.message as string))
  )
    return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return (
    isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1)
  );
}

export interface DatabaseHealthOptions {
  /** A cheap round trip to the database (`select 1`); throws while it is away. */
  probe: () => Promise<void>;
  logger: Logger;
  /** How often the database is probed while it is away (default 1 s). */
  probeIntervalMs?: number;
}

/**
 * Whether the database is reachable, as seen by the requests that use it. The first
 * failure that `isDatabaseUnavailable` recognises starts an outage: one log line, then a
 * probe every second until the database answers again, then one more line. Requests that
 * fail meanwhile are answered 503 / SERVICE_UNAVAILABLE and not logged one by one.
 */
export class DatabaseHealth {
  private downSince: number | undefined;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: DatabaseHealthOptions) {}

  get available(): boolean {
    return this.downSince === undefined;
  }

  /** A request (or anything else) met this error; starts an outage if it is one. */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    this.failures++;
    if (this.downSince !== undefined || this.closed) return true;
    this.downSince = Date.now();
    this.failures = 1;
    this.options.logger.error(
      { err: error, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      'database unavailable: answering 503 until it is back',
    );
    this.scheduleProbe();
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.runProbe(), this.options.probeIntervalMs ?? 1000);
    this.timer.unref();
  }

  private async runProbe(): Promise<void> {
    try {
      await this.options.probe();
    } catch {
      this.scheduleProbe();
      return;
    }
    this.confirmAvailable();
  }

  /** The database just answered (the probe, or /readyz's own check): an outage is over. */
  confirmAvailable(): void {
    if (this.downSince === undefined) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.options.logger.info(
      { downForMs: Date.now() - this.downSince, failedRequests: this.failures },
      'database available again',
    );
    this.downSince = undefined;
    this.failures = 0;
  }
}
