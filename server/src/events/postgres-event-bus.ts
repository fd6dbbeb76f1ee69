import type { EntityManager } from '@mikro-orm/postgresql';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../config/logger.js';
import type {
  BusEvent,
  BusSignal,
  EventBus,
  RepeatSignalListener,
  SignalListener,
} from './event-bus.js';
import { decodeRepeat, encodeRepeat, type WarningRepeat } from './warning-repeats.js';

const CHANNEL = 'shopfloor_machine_events';
/** Transient warning repeats, as small JSON (well under NOTIFY's 8000 bytes). */
const REPEAT_CHANNEL = 'shopfloor_warning_repeats';
const RECONNECT_DELAY_MS = 1000;

/**
 * Several server replicas on one database: the writing transaction sends NOTIFY with the
 * highest event id it appended (PostgreSQL delivers it only on commit, so a rollback
 * announces nothing); every replica LISTENs and loads the rows itself. Ids only, so the
 * 8000-byte NOTIFY limit never matters, whatever the events hold.
 */
export class PostgresEventBus implements EventBus {
  readonly kind = 'postgres' as const;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async announce(tx: EntityManager, events: readonly BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    const upToId = events[events.length - 1]!.id;
    // tx.execute runs inside the writing transaction, so PostgreSQL sends it on commit only.
    await tx.execute('select pg_notify(?, ?)', [CHANNEL, String(upToId)]);
  }

  /** Delivery happens through LISTEN, for this replica as for the others. */
  async publish(): Promise<void> {}

  onSignal(listener: SignalListener): () => void {
    this.emitter.on('signal', listener);
    return () => this.emitter.off('signal', listener);
  }

  /**
   * Sent on the LISTEN connection, after the write committed: every replica (this one too)
   * hears it. While that connection is being re-established the repeat is dropped — it is
   * transient, and the next one carries the count.
   */
  async publishRepeat(repeat: WarningRepeat): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.query('select pg_notify($1, $2)', [REPEAT_CHANNEL, encodeRepeat(repeat)]);
  }

  onRepeat(listener: RepeatSignalListener): () => void {
    this.emitter.on('repeat', listener);
    return () => this.emitter.off('repeat', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    // An idle LISTEN connection dropped by the server emits 'error'; unhandled, it would
    // kill the process. Reconnect instead, then signal so the sequencer catches up.
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event bus connection lost; reconnecting');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    client.on('notification', (message) => {
      if (message.channel === REPEAT_CHANNEL) {
        const repeat = decodeRepeat(message.payload ?? '');
        if (repeat) this.emitter.emit('repeat', repeat);
        return;
      }
      const upToId = Number(message.payload);
      if (Number.isSafeInteger(upToId)) this.emitter.emit('signal', { upToId } satisfies BusSignal);
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    await client.query(`listen ${REPEAT_CHANNEL}`);
    this.client = client;
  }

  private reconnect(failed: pg.Client): void {
    if (this.closed || this.client !== failed) return;
    this.client = undefined;
    const attempt = () => {
      if (this.closed) return;
      this.connect()
        .then(async () => {
          // Events committed while we were away: ask the sequencer to catch up to the newest.
          const res = await this.client!.query<{ max: string | null }>(
            'select max(id) as max from machine_events',
          );
          const upToId = Number(res.rows[0]?.max ?? 0);
          if (upToId > 0) this.emitter.emit('signal', { upToId } satisfies BusSignal);
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'event bus reconnect failed; retrying');
          // Connected but the catch-up read failed: the next signal's gap read catches up.
          if (!this.client) setTimeout(attempt, RECONNECT_DELAY_MS);
        });
    };
    setTimeout(attempt, RECONNECT_DELAY_MS);
  }
}
