import type { Client } from '@urql/core';
import { SvelteMap } from 'svelte/reactivity';
import { live } from '#lib/graphql/live.ts';
import {
  BoardCursorDocument,
  BoardEventsDocument,
  BoardMachinesDocument,
} from './board.graphql.ts';
import { compareMachines } from './sort.ts';
import type { BoardMachine } from './types.ts';

export type BoardLoad = 'loading' | 'ready' | 'error';

/** The most pages one board reads (40 machines each: the API's cost limit). */
const MAX_PAGES = 100;

/**
 * The board's live state: every machine by id, kept current by the `machineEvents` stream.
 *
 * Snapshot and stream are stitched without a gap: read the newest event id, then the
 * machines, then subscribe from that id. Events are applied once, in id order (anything at or
 * below the cursor is dropped), and each one replaces only the tile of its machine: the event
 * carries the machine as it is now, so applying a replayed event again is harmless.
 */
export class BoardState {
  readonly machines = new SvelteMap<string, BoardMachine>();
  load = $state<BoardLoad>('loading');
  /** Id of the newest event applied; the stream resumes after it. */
  cursor: string | null = null;

  #stop: (() => void) | null = null;
  #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  /** Every machine, worst and most important first. */
  readonly sorted = $derived([...this.machines.values()].sort(compareMachines));

  /** Reads the snapshot and starts the live stream; call `stop()` when the board goes away. */
  async start(): Promise<void> {
    this.stop();
    this.load = 'loading';
    try {
      // The cursor first: events after it are replayed by the subscription.
      const cursor = await this.#client.query(BoardCursorDocument, {}).toPromise();
      if (cursor.error) throw cursor.error;
      const snapshot = await this.#readMachines();
      this.setSnapshot(snapshot, cursor.data?.machineEvents.nodes[0]?.id ?? null);
    } catch (error) {
      console.warn('board: snapshot failed', error);
      this.load = 'error';
      return;
    }
    this.#stop = live({
      document: BoardEventsDocument,
      variables: () => ({ since: this.cursor }),
      next: (data) => this.applyEvent(data.machineEvents),
      error: (error) => console.warn('board: live stream refused', error),
    });
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  async #readMachines(): Promise<BoardMachine[]> {
    const all: BoardMachine[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.#client.query(BoardMachinesDocument, { after }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      all.push(...result.data.machines.nodes);
      if (!result.data.machines.pageInfo.hasNextPage) break;
      after = result.data.machines.pageInfo.endCursor ?? null;
    }
    return all;
  }

  /**
   * Replaces the board with a snapshot. `lastEventId` is the newest event the snapshot
   * includes (from the cursor query, or a `lastEventId` on the machines connection when the
   * server offers one).
   */
  setSnapshot(machines: BoardMachine[], lastEventId: string | null): void {
    this.machines.clear();
    for (const machine of machines) if (!machine.archived) this.machines.set(machine.id, machine);
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
    if (machine.archived) this.machines.delete(machine.id);
    else this.machines.set(machine.id, machine);
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
    this.machines.set(machine.id, { ...machine, activeWarnings: warnings });
  }
}
