import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../config/logger.js';
import type { BusEvent, BusSignal, EventBus } from './event-bus.js';
import { finalHead } from './event-horizon.js';
import { loadEventRange } from './event-store.js';
import { WarningRepeatFeed } from './warning-repeats.js';

const RETRY_DELAY_MS = 1000;

export type EventListener = (event: BusEvent) => void;

/**
 * Turns the bus's signals into one strictly ordered, gap-free stream of committed events
 * per process. Writers publish after commit, so two writers' signals can arrive in the
 * other order, and a NOTIFY carries only ids. A signal that continues exactly where the
 * stream stands is delivered as it is (its events are committed and no smaller id is
 * missing). Otherwise the stream moves to a horizon (events/event-horizon.ts): once every id
 * up to it is final, the range is read once from the table, so an id still held by a running
 * transaction is never skipped. Subscribers never query per event: one load serves them all.
 */
export class EventSequencer {
  private lastId = 0;
  /**
   * Events that came with signals (the in-process bus) and were not delivered yet: a range
   * read from the table delivers these instead of its rows, so each event carries what it
   * carried when written (a case's assignee then, not at the time of the read).
   */
  private readonly carried = new Map<number, BusEvent>();
  private readonly listeners = new Set<EventListener>();
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  /** Warning repeats: transient, beside the ordered stream (see events/warning-repeats.ts). */
  readonly repeats: WarningRepeatFeed;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    /** True when the error was the database being away: logged once per outage there. */
    private readonly reportOutage: (error: unknown) => boolean = () => false,
  ) {
    this.repeats = new WarningRepeatFeed(logger);
  }

  /**
   * The newest id below which every event is final now (see event-horizon.ts); at least the
   * stream's position. A replay reads up to it, so rows written without a signal (imports,
   * seeding) are replayed too.
   */
  async finalHead(): Promise<number> {
    const head = await finalHead(
      () => this.orm.em.fork(),
      () => this.stopped,
    );
    return Math.max(head ?? 0, this.lastId);
  }

  async start(): Promise<void> {
    this.lastId = (await finalHead(() => this.orm.em.fork())) ?? 0;
    this.unsubscribe = this.bus.onSignal((signal) => this.enqueue(signal));
    this.repeats.start(this.bus, this);
  }

  /** The id of the last event handed to listeners. */
  get position(): number {
    return this.lastId;
  }

  /** Listeners are called synchronously, in id order, for every committed event. */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.repeats.stop();
    this.listeners.clear();
  }

  private enqueue(signal: BusSignal): void {
    for (const event of signal.events ?? []) {
      if (event.id > this.lastId) this.carried.set(event.id, event);
    }
    this.queue = this.queue
      .then(() => this.handle(signal))
      .catch((error: unknown) => {
        if (!this.reportOutage(error)) {
          this.logger.error({ err: error }, 'event sequencer failed to load events; retrying');
        }
        // A quiet floor may send no next signal for a long time: try the same range again.
        if (!this.stopped) {
          setTimeout(() => this.enqueue({ upToId: signal.upToId }), RETRY_DELAY_MS).unref();
        }
      });
  }

  private async handle(signal: BusSignal): Promise<void> {
    if (signal.upToId <= this.lastId) return; // already delivered (a late or repeated signal)
    const events = signal.events ?? [];
    const contiguous =
      events.length > 0 &&
      events[0]!.id === this.lastId + 1 &&
      events.every((e, i) => i === 0 || e.id === events[i - 1]!.id + 1) &&
      events[events.length - 1]!.id === signal.upToId;
    let upToId = signal.upToId;
    let batch = events;
    if (!contiguous) {
      const head = await finalHead(
        () => this.orm.em.fork(),
        () => this.stopped,
      );
      if (head === undefined) return;
      // The horizon is at or past the signal: the sequence handed its ids out already.
      upToId = Math.max(head, signal.upToId);
      const rows = await loadEventRange(this.orm.em.fork(), this.lastId, upToId);
      batch = rows.map((row) => this.carried.get(row.id) ?? row);
    }
    for (const event of batch) {
      if (event.id <= this.lastId) continue;
      this.lastId = event.id;
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error }, 'event listener failed');
        }
      }
    }
    if (this.lastId < upToId) this.lastId = upToId; // ids lost to rolled-back inserts
    for (const id of this.carried.keys()) if (id <= this.lastId) this.carried.delete(id);
  }
}
