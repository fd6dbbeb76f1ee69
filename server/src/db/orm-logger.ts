import type { LogContext, Logger as OrmLoggerContract, LoggerNamespace } from '@mikro-orm/core';
import type { Logger } from '../config/logger.js';

/**
 * Sends MikroORM's messages (migrations, discovery, queries when asked for) to the app's
 * structured log instead of coloured console lines. `onQuery` lets tests count statements.
 */
export class OrmLogger implements OrmLoggerContract {
  constructor(
    private readonly logger: Logger | undefined,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  log(namespace: string, message: string): void {
    if (namespace === 'query') return;
    this.logger?.debug({ orm: namespace }, stripAnsi(message));
  }

  error(namespace: string, message: string): void {
    this.logger?.error({ orm: namespace }, stripAnsi(message));
  }

  warn(namespace: string, message: string): void {
    // An idle pooled connection cut by the server: the pool has already replaced it, and a
    // real outage is logged once by DatabaseHealth when a request meets it.
    if (/^PostgreSQL (connection|pool) error/.test(message)) {
      this.logger?.debug({ orm: namespace }, stripAnsi(message));
      return;
    }
    this.logger?.warn({ orm: namespace }, stripAnsi(message));
  }

  logQuery(context: LogContext): void {
    if (context.query) this.onQuery?.(context.query);
  }

  setDebugMode(): void {}

  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace === 'query' ? this.onQuery !== undefined : namespace !== 'query-params';
  }
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
