import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventSequencer } from '../../events/event-sequencer.js';
import {
  readMachineParts,
  type MachineParts,
  type MachinePartsRow,
} from '../machines/machine.loaders.js';

/** Deliveries of one event follow it within moments (shared results keep as long). */
const TTL_MS = 10_000;
/** Bounds memory under a burst of events: the oldest entries go first. */
const MAX_ENTRIES = 512;

/**
 * A live event's machine tile, read ONCE per event and process, as plain rows shared by every
 * subscriber delivering that event (100 wall screens of a hall: one statement, not 100). Each
 * subscriber turns the rows into its own read views and loaders (`primeMachineParts`), so
 * every read rule — field resolvers, the fault-case rule of repair staff, a display link's
 * buildings — still runs per subscriber in its one place: the cache decides nothing.
 *
 * Fresh enough: event N's rows are read after N committed, as any per-subscriber read was;
 * every change a tile shows emits an event of its own (warning repeats travel separately),
 * which reads its tile anew. The rows are frozen: one subscriber's mapping cannot alter
 * another's.
 */
export class EventTileCache {
  private readonly entries = new Map<string, { at: number; rows: Promise<MachinePartsRow[]> }>();
  /** Each machine's newest event this process has sequenced since the cache started. */
  private readonly newestByMachine = new Map<string, number>();

  constructor(sequencer: EventSequencer) {
    sequencer.listen((event) => this.newestByMachine.set(event.machineId, Number(event.id)));
  }

  /**
   * The rows of `machineId` for a delivery of event `eventId`, with the `parts` selected; or
   * undefined when the event is not its machine's newest (a replay, a subscriber behind):
   * rows read for it earlier would be older than the reader's own read, which it then makes.
   */
  rows(
    eventId: number | string,
    machineId: string,
    parts: MachineParts,
    fork: () => EntityManager,
  ): Promise<MachinePartsRow[]> | undefined {
    if (this.newestByMachine.get(machineId) !== Number(eventId)) return undefined;
    const now = Date.now();
    const key = `${eventId}|${machineId}|${partsKey(parts)}`;
    const entry = this.entries.get(key);
    if (entry && now - entry.at < TTL_MS) return entry.rows;
    const rows = readMachineParts(fork(), [machineId], parts, { withMachine: true }).then(
      deepFreeze,
    );
    // A failed read is not kept: the next subscriber tries again.
    rows.catch(() => {
      if (this.entries.get(key)?.rows === rows) this.entries.delete(key);
    });
    this.entries.delete(key);
    this.entries.set(key, { at: now, rows });
    this.evict(now);
    return rows;
  }

  /** Expired entries and those beyond the bound, oldest first (the map keeps insertion order). */
  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && now - entry.at < TTL_MS) return;
      this.entries.delete(key);
    }
  }
}

/**
 * One cache per running app (its sequencer): tests run several apps on separate databases.
 * Subscriptions create it when they start, so it hears every event they will deliver.
 */
const caches = new WeakMap<EventSequencer, EventTileCache>();

export function eventTileCache(sequencer: EventSequencer): EventTileCache {
  let cache = caches.get(sequencer);
  if (!cache) {
    cache = new EventTileCache(sequencer);
    caches.set(sequencer, cache);
  }
  return cache;
}

function partsKey(parts: MachineParts): string {
  return [parts.building, parts.technicians, parts.activeWarnings, parts.faultCases]
    .map((on) => (on ? '1' : '0'))
    .join('');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
