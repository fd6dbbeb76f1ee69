import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusEvent } from './event-bus.js';
import type { EventSequencer } from './event-sequencer.js';
import { loadEventsAfter, type ReplayFilter } from './event-store.js';

const REPLAY_PAGE = 500;
/** A subscriber this far behind is too slow to keep; it is ended and may resume with `since`. */
const MAX_BUFFERED = 10_000;

export interface StreamOptions {
  sequencer: EventSequencer;
  /** A fresh EntityManager for the replay reads. */
  em: () => EntityManager;
  /** Replay everything after this id first; undefined = live only. */
  since?: number;
  /** Narrowing done in SQL during replay and in memory when live. */
  scope?: ReplayFilter;
  /** Per-subscriber read rules, applied to replayed and live events alike. */
  allow: (event: BusEvent) => boolean;
}

/**
 * Replay, then live, with no gap and no duplicate at the seam: the live listener is
 * registered before the replay reads, live events are held back while it runs, and only
 * events after the last replayed id are released.
 */
export function eventStream(options: StreamOptions): AsyncIterableIterator<BusEvent> {
  const { sequencer, scope, allow } = options;
  const inScope = (e: BusEvent) =>
    (!scope?.machineIds?.length || scope.machineIds.includes(e.machineId)) &&
    (!scope?.buildingIds?.length || scope.buildingIds.includes(e.buildingId));

  const buffer: BusEvent[] = [];
  let waiting: ((result: IteratorResult<BusEvent>) => void) | undefined;
  let failed: ((error: unknown) => void) | undefined;
  let replaying = options.since !== undefined;
  let lastDelivered = options.since ?? sequencer.position;
  let done = false;
  let overflow = false;

  /** The highest id already queued or delivered: a later signal for it is a repeat. */
  let highWater = lastDelivered;
  const push = (event: BusEvent) => {
    if (done || event.id <= highWater || !inScope(event) || !allow(event)) return;
    if (!replaying) highWater = event.id;
    if (replaying) {
      buffer.push(event);
    } else if (waiting) {
      lastDelivered = event.id;
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: event, done: false });
    } else {
      buffer.push(event);
    }
    if (buffer.length > MAX_BUFFERED) overflow = true;
  };
  const stopListening = sequencer.listen(push);

  const replay = async () => {
    let cursor = options.since!;
    for (;;) {
      const page = await loadEventsAfter(options.em(), cursor, REPLAY_PAGE, scope ?? {});
      for (const event of page) {
        cursor = event.id;
        if (allow(event)) replayed.push(event);
      }
      if (page.length < REPLAY_PAGE) break;
    }
    // Live events held back while replaying: keep only those after the last row read.
    const seamId = cursor;
    const tail = buffer.splice(0).filter((e) => e.id > seamId);
    // A loop, not push(...rows): a long replay would exceed the engine's argument limit.
    for (const event of replayed) buffer.push(event);
    for (const event of tail) buffer.push(event);
    replayed.length = 0;
    highWater = Math.max(seamId, tail.length ? tail[tail.length - 1]!.id : 0);
    replaying = false;
  };
  const replayed: BusEvent[] = [];
  const replayDone = replaying ? replay() : Promise.resolve();
  replayDone.catch(() => undefined); // observed by next(); never an unhandled rejection

  const finish = (): IteratorResult<BusEvent> => {
    done = true;
    stopListening();
    buffer.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return { value: undefined, done: true };
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<BusEvent>> {
      if (done) return { value: undefined, done: true };
      try {
        await replayDone;
      } catch (error) {
        finish(); // a failed replay must not leave a listener buffering forever
        throw error;
      }
      if (overflow) {
        finish();
        throw new Error('Subscriber fell too far behind; resubscribe with since');
      }
      const next = buffer.shift();
      if (next) {
        lastDelivered = Math.max(lastDelivered, next.id);
        return { value: next, done: false };
      }
      return new Promise<IteratorResult<BusEvent>>((resolve, reject) => {
        waiting = resolve;
        failed = reject;
      });
    },
    async return(): Promise<IteratorResult<BusEvent>> {
      return finish();
    },
    async throw(error: unknown): Promise<IteratorResult<BusEvent>> {
      failed?.(error);
      return finish();
    },
  };
}
