import type { Client } from '@urql/core';
import { SvelteMap } from 'svelte/reactivity';
import { compareMachines } from '#lib/board/sort.ts';
import type { WorkMachineFragment } from '#lib/graphql/generated/graphql.ts';
import { live } from '#lib/graphql/live.ts';
import { MyMachineEventsDocument, MyMachinesDocument } from './case-lists.graphql.ts';

export type WorkMachine = WorkMachineFragment;

/** A technician looks after a handful of machines; more pages than this is not a work list. */
const MAX_PAGES = 10;

/**
 * A technician's machines with their warnings and unresolved cases, live: the snapshot says
 * which event it reflects, and `machineEvents` continues from there for these machines (each
 * event carries its machine as it is now, so applying one twice is harmless). A machine
 * whose technicians no longer include this person, or that is archived, leaves the list.
 * Machines newly given to them arrive with the next read (a reconnect, a visit).
 */
export class TechnicianWorkState {
  readonly machines = new SvelteMap<string, WorkMachine>();
  load = $state<'loading' | 'ready' | 'error'>('loading');
  cursor: string | null = null;

  #client: Client;
  #userId: string;
  #stop: (() => void) | null = null;

  /** Bumped by every start and stop: a start whose read returns after either gives up. */
  #generation = 0;

  constructor(client: Client, userId: string) {
    this.#client = client;
    this.#userId = userId;
  }

  /** The worst and most important first, as on the board. */
  readonly sorted = $derived([...this.machines.values()].sort(compareMachines));

  async start(): Promise<void> {
    this.stop();
    const generation = this.#generation;
    if (this.machines.size === 0) this.load = 'loading';
    try {
      const { machines, lastEventId } = await this.#read();
      // Left or restarted while reading: a stream started now would never be stopped.
      if (generation !== this.#generation) return;
      this.setSnapshot(machines, lastEventId);
    } catch (error) {
      if (generation !== this.#generation) return;
      console.warn('my work: machines could not be read', error);
      this.load = 'error';
      return;
    }
    if (this.machines.size === 0) return;
    this.#stop = live({
      document: MyMachineEventsDocument,
      variables: () => ({ since: this.cursor, machineIds: [...this.machines.keys()] }),
      next: (data) => this.applyEvent(data.machineEvents),
      error: (error) => {
        // A cursor from another database (a restore, a reset): read the machines anew.
        if (isCursorAhead(error)) void this.start();
        else console.warn('my work: live stream refused', error);
      },
    });
  }

  stop(): void {
    this.#generation++;
    this.#stop?.();
    this.#stop = null;
  }

  async #read(): Promise<{ machines: WorkMachine[]; lastEventId: string | null }> {
    const machines: WorkMachine[] = [];
    let lastEventId: string | null = null;
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.#client.query(MyMachinesDocument, { after }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      if (page === 0) lastEventId = result.data.machines.lastEventId;
      machines.push(...result.data.machines.nodes);
      if (!result.data.machines.pageInfo.hasNextPage) break;
      after = result.data.machines.pageInfo.endCursor ?? null;
    }
    return { machines, lastEventId };
  }

  setSnapshot(machines: WorkMachine[], lastEventId: string | null): void {
    this.machines.clear();
    for (const machine of machines) this.upsert(machine);
    this.cursor = lastEventId;
    this.load = 'ready';
  }

  /** One event: dropped if already applied, else its machine is replaced (or leaves). */
  applyEvent(event: { id: string; machine: WorkMachine }): boolean {
    if (this.cursor !== null && BigInt(event.id) <= BigInt(this.cursor)) return false;
    this.cursor = event.id;
    this.upsert(event.machine);
    return true;
  }

  upsert(machine: WorkMachine): void {
    const mine = !machine.archived && machine.team.some((t) => t.id === this.#userId);
    if (mine) this.machines.set(machine.id, machine);
    else this.machines.delete(machine.id);
  }
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
