import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../config/logger.js';
import type { BusEvent, BusSignal, EventBus } from './event-bus.js';
import { latestEventId, loadEventRange } from './event-store.js';
import { WarningRepeatFeed } from './warning-repeats.js';

const RETRY_DELAY_MS = 1000;

export type EventListener = (event: BusEvent) => void;

/**
 * Turns the bus's signals into one strictly ordered, gap-free stream of committed events
 * per process. Writers publish after commit, so two writers' signals can arrive in the
 * other order, and a NOTIFY carries only ids; when a signal does not continue exactly
 * where the stream stands, the missing range is read once from the table (ids are handed
 * out in commit order, so once id N is visible every smaller id is final). Subscribers then
 * never query per event: one load serves them all.
 */
export class EventSequencer {
  private lastId = 0;
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
  ) {
    this.repeats = new WarningRepeatFeed(logger);
  }

  async start(): Promise<void> {
    this.lastId = await latestEventId(this.orm.em.fork());
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
    this.queue = this.queue
      .then(() => this.handle(signal))
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'event sequencer failed to load events; retrying');
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
    const batch = contiguous
      ? events
      : await loadEventRange(this.orm.em.fork(), this.lastId, signal.upToId);
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
    if (this.lastId < signal.upToId) this.lastId = signal.upToId; // ids lost to rolled-back inserts
  }
}
