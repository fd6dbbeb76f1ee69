import type { Actor } from '../common/actor.js';
import type { Logger } from '../config/logger.js';
import type { EventBus } from './event-bus.js';
import type { EventSequencer } from './event-sequencer.js';
import { MachineEventType } from '../modules/events/machine-event.type.js';

/**
 * A sensor reported an active warning again. Transient: never stored as an event (the log
 * keeps raise and clear; the warning row keeps the count), only told to the boards.
 */
export interface WarningRepeat {
  warningId: string;
  machineId: string;
  buildingId: string;
  code: string | null;
  repeatCount: number;
  lastSeenAt: Date;
}

/** At most one notification per warning per window reaches subscribers; the newest wins. */
export const REPEAT_WINDOW_MS = 250;

/**
 * Per key: the first value goes out at once, later ones within the window are held and only
 * the newest is sent when the window ends. A sensor storm on one warning costs each socket at
 * most a few frames a second, and the last count always arrives.
 */
export class Coalescer<V> {
  private readonly windows = new Map<
    string,
    { pending: V | undefined; last: V; timer: NodeJS.Timeout }
  >();

  constructor(
    private readonly windowMs: number,
    /** True when `next` supersedes `current` (an older value arriving late is dropped). */
    private readonly isNewer: (next: V, current: V) => boolean,
    private readonly deliver: (value: V) => void,
  ) {}

  offer(key: string, value: V): void {
    const open = this.windows.get(key);
    if (open) {
      const reference = open.pending ?? open.last;
      if (this.isNewer(value, reference)) open.pending = value;
      return;
    }
    this.deliver(value);
    this.open(key, value);
  }

  /** Forgets a key's held value (e.g. the warning was cleared: a late repeat means nothing). */
  drop(key: string): void {
    const open = this.windows.get(key);
    if (!open) return;
    clearTimeout(open.timer);
    this.windows.delete(key);
  }

  close(): void {
    for (const open of this.windows.values()) clearTimeout(open.timer);
    this.windows.clear();
  }

  private open(key: string, last: V): void {
    const timer = setTimeout(() => {
      const open = this.windows.get(key);
      this.windows.delete(key);
      if (open?.pending === undefined) return;
      this.deliver(open.pending);
      this.open(key, open.pending);
    }, this.windowMs);
    timer.unref();
    this.windows.set(key, { pending: undefined, last, timer });
  }
}

export type RepeatListener = (repeat: WarningRepeat) => void;

/**
 * The process's feed of warning repeats, from the bus (in-process, or NOTIFY from any
 * replica), coalesced per warning before any subscriber sees it. A WARNING_CLEARED passing
 * through the event stream drops a repeat still held for that warning.
 */
export class WarningRepeatFeed {
  private readonly listeners = new Set<RepeatListener>();
  private readonly coalescer = new Coalescer<WarningRepeat>(
    REPEAT_WINDOW_MS,
    (next, current) => next.repeatCount > current.repeatCount,
    (repeat) => this.emit(repeat),
  );
  private readonly stops: (() => void)[] = [];

  constructor(private readonly logger: Logger) {}

  start(bus: EventBus, sequencer: EventSequencer): void {
    this.stops.push(bus.onRepeat((repeat) => this.coalescer.offer(repeat.warningId, repeat)));
    this.stops.push(
      sequencer.listen((event) => {
        if (event.type === MachineEventType.WARNING_CLEARED && event.warningId) {
          this.coalescer.drop(event.warningId);
        }
      }),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.coalescer.close();
    this.listeners.clear();
  }

  listen(listener: RepeatListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private emit(repeat: WarningRepeat): void {
    for (const listener of this.listeners) {
      try {
        listener(repeat);
      } catch (error) {
        this.logger.error({ err: error }, 'warning repeat listener failed');
      }
    }
  }
}

export interface RepeatStreamOptions {
  scope: { buildingIds?: readonly string[] | null; machineIds?: readonly string[] | null };
  allow: (repeat: WarningRepeat) => boolean;
}

/**
 * One subscriber's repeats. A subscriber that reads slowly holds at most one repeat per
 * warning (the newest), so its queue is bounded by the warnings in its scope.
 */
export function repeatStream(
  feed: WarningRepeatFeed,
  options: RepeatStreamOptions,
): AsyncIterableIterator<WarningRepeat> {
  const { scope, allow } = options;
  const held = new Map<string, WarningRepeat>();
  let waiting: ((result: IteratorResult<WarningRepeat>) => void) | undefined;
  let done = false;
  const stopListening = feed.listen((repeat) => {
    if (done) return;
    if (scope.machineIds?.length && !scope.machineIds.includes(repeat.machineId)) return;
    if (scope.buildingIds?.length && !scope.buildingIds.includes(repeat.buildingId)) return;
    if (!allow(repeat)) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: repeat, done: false });
      return;
    }
    const current = held.get(repeat.warningId);
    if (!current || repeat.repeatCount > current.repeatCount) {
      held.delete(repeat.warningId); // re-inserted: delivered in arrival order
      held.set(repeat.warningId, repeat);
    }
  });
  const finish = (): IteratorResult<WarningRepeat> => {
    done = true;
    stopListening();
    held.clear();
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return { value: undefined, done: true };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<WarningRepeat>> {
      if (done) return { value: undefined, done: true };
      const [first] = held;
      if (first) {
        held.delete(first[0]);
        return { value: first[1], done: false };
      }
      return new Promise((resolve) => (waiting = resolve));
    },
    async return() {
      return finish();
    },
    async throw() {
      return finish();
    },
  };
}

/** API tokens limited to some buildings hear of those alone; warnings are machine-level. */
export function mayReadBuilding(actor: Actor, buildingId: string): boolean {
  return (
    actor.kind !== 'apiClient' ||
    actor.buildingIds.length === 0 ||
    actor.buildingIds.includes(buildingId)
  );
}

/** NOTIFY carries JSON: the repeat as text, and back. */
export function encodeRepeat(repeat: WarningRepeat): string {
  return JSON.stringify({ ...repeat, lastSeenAt: repeat.lastSeenAt.toISOString() });
}

export function decodeRepeat(payload: string): WarningRepeat | undefined {
  try {
    const raw = JSON.parse(payload) as Record<string, unknown>;
    const lastSeenAt = new Date(String(raw.lastSeenAt));
    if (
      typeof raw.warningId !== 'string' ||
      typeof raw.machineId !== 'string' ||
      typeof raw.buildingId !== 'string' ||
      !(typeof raw.code === 'string' || raw.code === null) ||
      !Number.isSafeInteger(raw.repeatCount) ||
      Number.isNaN(lastSeenAt.getTime())
    ) {
      return undefined;
    }
    return {
      warningId: raw.warningId,
      machineId: raw.machineId,
      buildingId: raw.buildingId,
      code: raw.code,
      repeatCount: raw.repeatCount as number,
      lastSeenAt,
    };
  } catch {
    return undefined;
  }
}
