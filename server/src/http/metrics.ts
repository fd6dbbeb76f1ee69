import type { Request, Response, NextFunction } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { bearerToken } from '../modules/auth/authenticate.js';

/**
 * Prometheus metrics for operators (and the benchmarks): request latency, SQL statements,
 * open sockets and subscription deliveries. One registry per server instance, so several
 * servers in one process (tests) don't mix their numbers.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly sqlStatements = new Counter({
    name: 'shopfloor_sql_statements_total',
    help: 'SQL statements sent to PostgreSQL',
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'shopfloor_subscription_deliveries_total',
    help: 'Events delivered to subscribers',
    labelNames: ['subscription'],
    registers: [this.registry],
  });
  readonly openSockets = new Gauge({
    name: 'shopfloor_websocket_connections',
    help: 'Open subscription sockets',
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'shopfloor_http_request_duration_seconds',
    help: 'HTTP request duration by route family and status',
    labelNames: ['route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(options: { processMetrics: boolean }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Times every request; the route label is the first path segment (bounded cardinality). */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.httpDuration.startTimer();
      const route = `/${req.path.split('/')[1] ?? ''}`;
      res.on('finish', () => end({ route, status: String(res.statusCode) }));
      next();
    };
  }

  /** Serves the metrics; with a token configured, only to a scraper that sends it. */
  handler(token: string | undefined) {
    const expected = token === undefined ? undefined : createHash('sha256').update(token).digest();
    return async (req: Request, res: Response): Promise<void> => {
      if (expected) {
        const given = createHash('sha256')
          .update(bearerToken(req.headers.authorization) ?? '')
          .digest();
        if (!timingSafeEqual(given, expected)) {
          res.setHeader('WWW-Authenticate', 'Bearer');
          res
            .status(401)
            .json({ error: { code: 'UNAUTHENTICATED', message: 'Metrics token required' } });
          return;
        }
      }
      res.setHeader('content-type', this.registry.contentType);
      res.send(await this.registry.metrics());
    };
  }
}
