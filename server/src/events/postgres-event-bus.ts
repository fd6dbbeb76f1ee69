import type { EntityManager } from '@mikro-orm/postgresql';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../config/logger.js';
import type {
  BusEvent,
  BusSignal,
  EventBus,
  RepeatSignalListener,
  SignalListener,
} from './event-bus.js';
import {
  decodeInvalidation,
  encodeInvalidation,
  type Invalidation,
  type InvalidationListener,
} from './invalidation.js';
import { decodeRepeat, encodeRepeat, type WarningRepeat } from './warning-repeats.js';

const CHANNEL = 'shopfloor_machine_events';
/** Transient warning repeats, as small JSON (well under NOTIFY's 8000 bytes). */
const REPEAT_CHANNEL = 'shopfloor_warning_repeats';
/** Cache invalidations (auth/board caches), as small JSON. */
const INVALIDATION_CHANNEL = 'shopfloor_invalidations';
/** Read barriers: a replica hears its own token after everything committed before it. */
const SYNC_CHANNEL = 'shopfloor_sync';
const RECONNECT_DELAY_MS = 1000;

interface Waiter {
  resolve: (synced: boolean) => void;
}

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
  /** Tells this replica's sync tokens from the other replicas'. */
  private readonly replicaId = randomUUID();
  private syncSeq = 0;
  private syncInFlight: { token: string; waiters: Waiter[] } | undefined;
  /** Callers that arrived while a sync was in flight: it may predate their writes. */
  private syncQueued: Waiter[] = [];

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

  async publishInvalidation(em: EntityManager, invalidation: Invalidation): Promise<void> {
    await em.execute('select pg_notify(?, ?)', [
      INVALIDATION_CHANNEL,
      encodeInvalidation(invalidation),
    ]);
  }

  onInvalidation(listener: InvalidationListener): () => void {
    this.emitter.on('invalidation', listener);
    return () => this.emitter.off('invalidation', listener);
  }

  /**
   * A NOTIFY of our own on the LISTEN connection: PostgreSQL delivers notifications in commit
   * order, so when ours comes back every notification committed before it has been handled.
   * Callers arriving meanwhile share the next one (one statement per round trip, not per
   * request).
   */
  sync(): Promise<boolean> {
    if (!this.client) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.syncQueued.push({ resolve });
      if (!this.syncInFlight) this.startSync();
    });
  }

  private startSync(): void {
    const client = this.client;
    const waiters = this.syncQueued;
    this.syncQueued = [];
    if (!client) {
      for (const w of waiters) w.resolve(false);
      return;
    }
    const token = `${this.replicaId}:${++this.syncSeq}`;
    this.syncInFlight = { token, waiters };
    client.query('select pg_notify($1, $2)', [SYNC_CHANNEL, token]).catch(() => {
      if (this.syncInFlight?.token === token) this.finishSync(false);
    });
  }

  private finishSync(synced: boolean): void {
    const inFlight = this.syncInFlight;
    this.syncInFlight = undefined;
    for (const w of inFlight?.waiters ?? []) w.resolve(synced);
    if (this.syncQueued.length > 0) {
      if (synced && this.client) this.startSync();
      else for (const w of this.syncQueued.splice(0)) w.resolve(false);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.finishSync(false);
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
      if (message.channel === SYNC_CHANNEL) {
        if (message.payload === this.syncInFlight?.token) this.finishSync(true);
        return;
      }
      if (message.channel === INVALIDATION_CHANNEL) {
        this.emitter.emit('invalidation', decodeInvalidation(message.payload ?? ''));
        return;
      }
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
    await client.query(`listen ${INVALIDATION_CHANNEL}`);
    await client.query(`listen ${SYNC_CHANNEL}`);
    this.client = client;
  }

  private reconnect(failed: pg.Client): void {
    if (this.closed || this.client !== failed) return;
    this.client = undefined;
    // Until we listen again, no cache may answer: what it holds may be outdated unheard.
    this.finishSync(false);
    const attempt = () => {
      if (this.closed) return;
      this.connect()
        .then(async () => {
          // Invalidations sent while we were away were lost: drop every cached answer.
          this.emitter.emit('invalidation', { kind: 'all' } satisfies Invalidation);
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
