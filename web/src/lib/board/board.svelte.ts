import type { Client } from '@urql/core';
import { SvelteMap } from 'svelte/reactivity';
import { live } from '#lib/graphql/live.ts';
import {
  BoardEventsDocument,
  BoardMachinesDocument,
  BoardWarningRepeatsDocument,
} from './board.graphql.ts';
import { compareMachines } from './sort.ts';
import type { BoardMachine } from './types.ts';

export type BoardLoad = 'loading' | 'ready' | 'error';

/** The most pages one board reads (40 machines each: the API's cost limit). */
const MAX_PAGES = 100;

/**
 * The board's live state: every machine by id, kept current by the `machineEvents` stream.
 *
 * Snapshot and stream are stitched without a gap: the first page of machines says which
 * event it is consistent with (`lastEventId`), and the stream is subscribed from that id. Events are applied once, in id order (anything at or
 * below the cursor is dropped), and each one replaces only the tile of its machine: the event
 * carries the machine as it is now, so applying a replayed event again is harmless.
 */
export class BoardState {
  readonly machines = new SvelteMap<string, BoardMachine>();
  load = $state<BoardLoad>('loading');
  /** Id of the newest event applied; the stream resumes after it. */
  cursor: string | null = null;

  #stops: (() => void)[] = [];
  #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  /**
   * Every machine, worst and most important first. Kept in order as events arrive (one
   * removal and one binary insertion per change) rather than re-sorted: on a 2,000-machine
   * board a full sort per event cost more than the rest of applying it.
   */
  sorted = $state.raw<BoardMachine[]>([]);
  /**
   * Moves on when the set of buildings or of assigned technicians may have changed (a new
   * snapshot, a machine moved or reassigned): the filter choices are rebuilt only then, not
   * on every status change.
   */
  catalogVersion = $state(0);

  /** Reads the snapshot and starts the live stream; call `stop()` when the board goes away. */
  async start(): Promise<void> {
    this.stop();
    this.load = 'loading';
    try {
      const snapshot = await this.#readMachines();
      this.setSnapshot(snapshot.machines, snapshot.lastEventId);
    } catch (error) {
      console.warn('board: snapshot failed', error);
      this.load = 'error';
      return;
    }
    // Repeats are not replayed: listen before the events, so none is missed in between.
    this.#stops.push(
      live({
        document: BoardWarningRepeatsDocument,
        variables: () => ({}),
        next: (data) => this.applyWarningRepeat(data.warningRepeated),
        error: (error) => console.warn('board: repeat stream refused', error),
      }),
      live({
        document: BoardEventsDocument,
        variables: () => ({ since: this.cursor }),
        next: (data) => this.applyEvent(data.machineEvents),
        error: (error) => {
          // A cursor from another database (a restore, a reset): read the board anew.
          if (isCursorAhead(error)) void this.start();
          else console.warn('board: live stream refused', error);
        },
      }),
    );
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  async #readMachines(): Promise<{ machines: BoardMachine[]; lastEventId: string | null }> {
    const machines: BoardMachine[] = [];
    let lastEventId: string | null = null;
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.#client.query(BoardMachinesDocument, { after }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      // The first page's: later pages are newer still, and their events are replayed.
      if (page === 0) lastEventId = result.data.machines.lastEventId;
      machines.push(...result.data.machines.nodes);
      if (!result.data.machines.pageInfo.hasNextPage) break;
      after = result.data.machines.pageInfo.endCursor ?? null;
    }
    return { machines, lastEventId };
  }

  /**
   * Replaces the board with a snapshot. `lastEventId` is the newest event the snapshot
   * includes (the machines connection's `lastEventId`).
   */
  setSnapshot(machines: BoardMachine[], lastEventId: string | null): void {
    this.machines.clear();
    for (const machine of machines) if (!machine.archived) this.machines.set(machine.id, machine);
    this.sorted = [...this.machines.values()].sort(compareMachines);
    this.catalogVersion++;
    this.cursor = lastEventId;
    this.load = 'ready';
  }

  /** One event from the stream: dropped if already applied, else its tile is replaced. */
  applyEvent(event: { id: string; machine: BoardMachine }): boolean {
    if (this.cursor !== null && BigInt(event.id) <= BigInt(this.cursor)) return false;
    this.cursor = event.id;
    this.upsert(event.machine);
    return true;
  }

  /** A machine as it is now: its tile is replaced, or removed once archived. */
  upsert(machine: BoardMachine): void {
    const previous = this.machines.get(machine.id);
    if (machine.archived) this.machines.delete(machine.id);
    else this.machines.set(machine.id, machine);
    this.sorted = reordered(this.sorted, previous, machine.archived ? undefined : machine);
    if (!previous || machine.archived || !sameCatalog(previous, machine)) this.catalogVersion++;
  }

  /**
   * A repeat of an active warning (the same sensor condition reported again): only the
   * count and last-seen time change, which the event log does not record, so it comes by its
   * own notification and touches only that tile.
   */
  applyWarningRepeat(update: {
    machineId: string;
    warningId: string;
    repeatCount: number;
    lastSeenAt: string;
  }): void {
    const machine = this.machines.get(update.machineId);
    if (!machine) return;
    const warnings = machine.activeWarnings.map((w) =>
      w.id === update.warningId && w.repeatCount < update.repeatCount
        ? { ...w, repeatCount: update.repeatCount, lastSeenAt: update.lastSeenAt }
        : w,
    );
    const updated = { ...machine, activeWarnings: warnings };
    this.machines.set(machine.id, updated);
    // Repeats don't change the order: the tile keeps its place.
    this.sorted = this.sorted.map((m) => (m === machine ? updated : m));
  }
}

/** Same building and same technicians: the filter choices cannot have changed. */
function sameCatalog(a: BoardMachine, b: BoardMachine): boolean {
  return (
    a.building.id === b.building.id &&
    a.building.name === b.building.name &&
    a.technicians.length === b.technicians.length &&
    a.technicians.every(
      (t, i) => t.id === b.technicians[i]!.id && t.name === b.technicians[i]!.name,
    )
  );
}

/** `list` (in board order) with `previous` taken out and `next` put in its place in the order. */
function reordered(
  list: BoardMachine[],
  previous: BoardMachine | undefined,
  next: BoardMachine | undefined,
): BoardMachine[] {
  const result = previous ? list.filter((m) => m !== previous) : [...list];
  if (next) {
    let low = 0;
    let high = result.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareMachines(result[mid]!, next) <= 0) low = mid + 1;
      else high = mid;
    }
    result.splice(low, 0, next);
  }
  return result;
}

/** The server's answer to a `since` beyond its newest event (`details.reason`). */
function isCursorAhead(error: unknown): boolean {
  const errors = Array.isArray(error) ? (error as unknown[]) : [error];
  return errors.some(
    (e) =>
      (e as { extensions?: { details?: { reason?: unknown } } } | null)?.extensions?.details
        ?.reason === 'CURSOR_AHEAD',
  );
}
