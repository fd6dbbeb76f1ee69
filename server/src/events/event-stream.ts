import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusEvent } from './event-bus.js';
import type { EventSequencer } from './event-sequencer.js';
import { loadEventsAfter, type ReplayFilter } from './event-store.js';

const REPLAY_PAGE = 500;
/** Live events held for one subscriber; past this many they are read back from the log. */
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
 *
 * The replay is read one page at a time as the subscriber takes events, so a screen
 * resuming after a long absence (or from `since: 0`) holds one page in memory, not the
 * whole history. Live events waiting for a subscriber are bounded too: past MAX_BUFFERED
 * they are dropped and read back from the log instead, during a replay as for a live
 * subscriber that falls behind (a board in a background tab during a sensor storm), which
 * so catches up page by page instead of being ended.
 */
export function eventStream(options: StreamOptions): AsyncIterableIterator<BusEvent> {
  const { sequencer, scope, allow } = options;
  const inScope = (e: BusEvent) =>
    (!scope?.machineIds?.length || scope.machineIds.includes(e.machineId)) &&
    (!scope?.buildingIds?.length || scope.buildingIds.includes(e.buildingId));

  /** Live events not yet taken (while replaying: held back until the seam). */
  let live: BusEvent[] = [];
  /** The current replay page, not yet taken. */
  let page: BusEvent[] = [];
  let replaying = options.since !== undefined;
  /** The id of the last replayed row read, allowed or not. */
  let replayCursor = options.since ?? 0;
  let waiting: ((result: IteratorResult<BusEvent>) => void) | undefined;
  let failed: ((error: unknown) => void) | undefined;
  let done = false;
  /** The highest id handed to the subscriber. */
  let delivered = options.since ?? sequencer.position;

  /** Live events dropped during the replay go up to this id: the replay reads past it. */
  let replayMustReach = 0;

  /** The highest live id already queued or delivered: a later signal for it is a repeat. */
  let highWater = options.since ?? sequencer.position;
  const push = (event: BusEvent) => {
    if (done || event.id <= highWater || !inScope(event) || !allow(event)) return;
    highWater = event.id;
    if (!replaying && waiting) {
      const resolve = waiting;
      waiting = undefined;
      delivered = event.id;
      resolve({ value: event, done: false });
      return;
    }
    live.push(event);
    if (live.length <= MAX_BUFFERED) return;
    // Every live event is committed, so the log has these: drop them and have a replay read
    // at least this far (a catch-up after a missed signal can be long). A live subscriber
    // that fell behind resumes reading after the last event it was given.
    live = [];
    replayMustReach = highWater;
    if (!replaying) {
      replaying = true;
      // Rows of the last replay page still to be taken are not read again.
      replayCursor = Math.max(replayCursor, delivered);
    }
  };
  const stopListening = sequencer.listen(push);

  /** How far the replay may read, beyond the stream's position; set by its first page. */
  let replayBound: number | undefined;
  /** Reads replay pages until one has an allowed event or the history is exhausted. */
  const readReplayPage = async (): Promise<void> => {
    while (replaying && !done && page.length === 0) {
      const mustReachAtStart = replayMustReach;
      // Only up to a final head (every id below it is final; later ones reach this
      // subscriber live, through the listener registered above): the stream's position, or
      // the table's final head when the replay began, whichever is further.
      replayBound ??= await sequencer.finalHead();
      const rows = await loadEventsAfter(
        options.em(),
        replayCursor,
        Math.max(replayBound, sequencer.position),
        REPLAY_PAGE,
        scope ?? {},
      );
      if (rows.length > 0) replayCursor = rows[rows.length - 1]!.id;
      page = rows.filter(allow);
      // Events dropped before this read began were committed before it and so are in it;
      // events dropped while it ran may not be, and need one more read.
      const droppedCovered =
        replayCursor >= replayMustReach || replayMustReach === mustReachAtStart;
      if (rows.length < REPLAY_PAGE && droppedCovered) {
        // Caught up: live events held back that were already read from the log are dropped.
        replaying = false;
        live = live.filter((e) => e.id > replayCursor);
        highWater = Math.max(highWater, replayCursor);
      }
    }
  };

  const finish = (): IteratorResult<BusEvent> => {
    done = true;
    replaying = false; // a page read in flight ends the replay loop
    stopListening();
    live.length = 0;
    page = [];
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
      if (page.length === 0 && replaying) {
        try {
          await readReplayPage();
        } catch (error) {
          finish(); // a failed replay must not leave a listener buffering forever
          throw error;
        }
        if (done) return { value: undefined, done: true };
      }
      const next = page.shift() ?? live.shift();
      if (next) {
        delivered = Math.max(delivered, next.id);
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
