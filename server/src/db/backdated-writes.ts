import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { InProcessEventBus } from '../events/event-bus.js';
import type { ServiceContext } from '../graphql/context.js';

/**
 * Tables whose timestamps the demo's writes set. Every timestamp column of them is moved,
 * whatever its name, so a column added later is moved too.
 */
const TABLES = [
  'users',
  'buildings',
  'machines',
  'warnings',
  'fault_cases',
  'fault_notes',
  'machine_events',
];

/**
 * Runs the demo's history through the real services, as if it had happened at the times
 * given: each write runs at the current time, then every timestamp it wrote (those at or
 * after the moment it began: earlier writes were all moved into the past) is set to the
 * write's time in the past. Writes must come in time order, so event ids and event times
 * rise together, as they do in a live plant.
 */
export class BackdatedWrites {
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly bus = new InProcessEventBus();

  private constructor(
    private readonly em: EntityManager,
    private readonly config: Config,
    private readonly logger: Logger,
    /** The present: nothing may be written after it. */
    readonly now: Date,
    private readonly statement: string,
    /** Which value each `?` of the statement takes, in order. */
    private readonly slots: ('began' | 'at')[],
  ) {}

  static async open(
    em: EntityManager,
    config: Config,
    logger: Logger,
    now: Date,
  ): Promise<BackdatedWrites> {
    const rows = await em.execute<{ table_name: string; column_name: string }[]>(
      `select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type = 'timestamp with time zone'
          and table_name in (${TABLES.map(() => '?').join(', ')})
        order by table_name, column_name`,
      TABLES,
    );
    const byTable = new Map<string, string[]>();
    for (const row of rows) {
      byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row.column_name]);
    }
    // One statement per write, whatever the number of tables: data-modifying CTEs.
    const slots: ('began' | 'at')[] = [];
    const updates = [...byTable].map(([table, columns], i) => {
      const set = columns.map((c) => {
        slots.push('began', 'at');
        return `"${c}" = case when "${c}" >= ? then ? else "${c}" end`;
      });
      const where = columns.map((c) => {
        slots.push('began');
        return `"${c}" >= ?`;
      });
      return `u${i} as (update "${table}" set ${set.join(', ')} where ${where.join(' or ')})`;
    });
    const statement = `with ${updates.join(', ')} select 1`;
    return new BackdatedWrites(em, config, logger, now, statement, slots);
  }

  /** Runs `write` with a service context of its own, as one request would, at time `at`. */
  async at<T>(at: Date, write: (ctx: ServiceContext) => Promise<T>): Promise<T> {
    if (at.getTime() > this.now.getTime()) throw new Error(`demo write in the future: ${at}`);
    if (at.getTime() < this.lastAt) throw new Error(`demo writes out of order at ${at}`);
    this.lastAt = at.getTime();
    // Every timestamp written before this moment has been moved into the past already, so
    // whatever is at or after it was written by this write.
    const began = new Date();
    const result = await write({
      em: this.em.fork(),
      bus: this.bus,
      config: this.config,
      logger: this.logger,
      memo: new Map(),
      ip: '127.0.0.1',
      userAgent: 'demo seed',
      cookies: undefined,
      writeGuard: undefined,
      audit: { denied: () => {} },
      clock: () => at,
    });
    await this.em.execute(this.statement, this.parameters(began, at));
    return result;
  }

  async close(): Promise<void> {
    await this.bus.close();
  }

  private parameters(began: Date, at: Date): Date[] {
    return this.slots.map((slot) => (slot === 'began' ? began : at));
  }
}
