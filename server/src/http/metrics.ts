import type { Request, Response, NextFunction } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseHealth } from '../db/availability.js';
import type { BusEvent } from '../events/event-bus.js';
import { bearerToken } from '../modules/auth/authenticate.js';
import { MachineStatus } from '../modules/machines/machine.status.js';

/** Operation names become label values: a name a client made up must not grow the series. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;
/** First path segments the app serves (server.ts, the REST router). */
const ROUTE_FAMILIES = new Set(['/graphql', '/api', '/auth', '/healthz', '/readyz', '/metrics']);

/** What `/metrics` reads from the running server when it is scraped. */
export interface MetricSources {
  orm: MikroORM;
  health: DatabaseHealth;
  poolMax: number;
  subscriptions: () => number;
}

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

  readonly graphqlDuration = new Histogram({
    name: 'shopfloor_graphql_operation_duration_seconds',
    help: 'GraphQL operation duration (HTTP and REST) by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: 'shopfloor_event_bus_lag_seconds',
    help: "From an event being written to its delivery to this server's subscribers",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly operationNames = new Set<string>();
  private sources: MetricSources | undefined;

  constructor(options: { processMetrics: boolean }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    // The gauges' `collect` runs with the gauge as `this`: the server's parts are reached here.
    const sources = () => this.sources;
    const pool = () => this.pool();
    const machinesByStatus = () => this.machinesByStatus();
    new Gauge({
      name: 'shopfloor_subscriptions',
      help: 'Active GraphQL subscriptions over sockets',
      registers: [this.registry],
      collect() {
        const s = sources();
        if (s) this.set(s.subscriptions());
      },
    });
    new Gauge({
      name: 'shopfloor_database_up',
      help: '1 while the database answers requests, 0 during an outage',
      registers: [this.registry],
      collect() {
        const s = sources();
        if (s) this.set(s.health.available ? 1 : 0);
      },
    });
    new Gauge({
      name: 'shopfloor_db_pool_connections',
      help: 'Database pool connections by state (used, idle) and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const p = await pool();
        if (!p) return;
        this.set({ state: 'used' }, p.totalCount - p.idleCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    new Gauge({
      name: 'shopfloor_db_pool_max',
      help: 'Most connections the pool opens',
      registers: [this.registry],
      collect() {
        const s = sources();
        if (s) this.set(s.poolMax);
      },
    });
    new Gauge({
      name: 'shopfloor_machines',
      help: 'Machines by status (one query per scrape)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const counts = await machinesByStatus();
        if (!counts) return; // the database is away: the last values stay, shopfloor_database_up says why
        for (const status of Object.values(MachineStatus)) {
          this.set({ status }, counts.get(status) ?? 0);
        }
      },
    });
  }

  /** Connects the scrape-time gauges to the server's database and sockets. */
  observe(sources: MetricSources): void {
    this.sources = sources;
  }

  /** Commit-to-delivery lag of one event, as the sequencer hands it to subscribers. */
  readonly observeEvent = (event: BusEvent): void => {
    this.eventLag.observe(Math.max(0, Date.now() - event.at.getTime()) / 1000);
  };

  /** Times every GraphQL operation Apollo runs (HTTP and the REST adapter). */
  graphqlPlugin<T extends object>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async () => {
        const end = this.graphqlDuration.startTimer();
        return {
          willSendResponse: async ({ operationName, operation }) => {
            end({
              operation: this.operationLabel(operationName ?? undefined),
              type: operation?.operation ?? 'unknown',
            });
          },
        };
      },
    };
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  private async pool(): Promise<Pool | undefined> {
    if (!this.sources) return undefined;
    try {
      return (await this.sources.orm.em.getConnection().getNativeClient()) as Pool;
    } catch {
      return undefined;
    }
  }

  private async machinesByStatus(): Promise<Map<string, number> | undefined> {
    if (!this.sources || !this.sources.health.available) return undefined;
    try {
      // Straight on the pool, not through the ORM: a scrape is not counted among the app's
      // SQL statements (benchmarks read that counter around their rounds).
      const pool = await this.pool();
      if (!pool) return undefined;
      const { rows } = await pool.query<{ status: string; n: string }>(
        'select status, count(*) as n from machines where not archived group by status',
      );
      return new Map(rows.map((r) => [r.status, Number(r.n)]));
    } catch (error) {
      this.sources.health.report(error);
      return undefined;
    }
  }

  /**
   * Times every request; the route label is the first path segment when it is one the app
   * serves, else `other` (a scanner's made-up paths must not grow the series).
   */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const end = this.httpDuration.startTimer();
      const first = `/${req.path.split('/')[1] ?? ''}`;
      const route = ROUTE_FAMILIES.has(first) ? first : 'other';
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
