import type { Client, CombinedError } from '@urql/core';
import type {
  FaultCaseRowFragment,
  FaultStatus,
  MachineDetailFragment,
  MachineEventRowFragment,
  MachineEventType,
} from '#lib/graphql/generated/graphql.ts';
import { live } from '#lib/graphql/live.ts';
import {
  MachineEventsDocument,
  MachineFaultCasesDocument,
  MachineLiveEventsDocument,
  MachinePageDocument,
  MachineWarningRepeatsDocument,
} from './machine.graphql.ts';
import { appendNew, FAULT_EVENTS, mergeEvents } from './lists.ts';

export type MachineLoad = 'loading' | 'ready' | 'not-found' | 'error';

const TIMELINE_PAGE = 20;
const STATUS_HISTORY = 10;
/** The most events the timeline keeps while following live. */
const LIVE_TIMELINE_MAX = 500;
const RESOLVED_PAGE = 10;
const UNRESOLVED: FaultStatus[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS'];

/** A list read page by page: what is loaded, where the next page starts, and its state. */
export class Paged<T> {
  items = $state<T[]>([]);
  /** The cursor of the next page, null when everything is loaded. */
  next = $state<string | null>(null);
  loading = $state(false);
  failed = $state(false);
  /** True once the first page arrived (an empty list is then really empty). */
  loaded = $state(false);
}

function isNotFound(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND');
}

/**
 * The machine page's live state. The snapshot says which event it reflects (`lastEventId`);
 * the stream continues from there, so a change made while the page loads is replayed, not
 * lost. Every event carries the machine as it is now, so the status, warnings and open case
 * are replaced whole; the event itself joins the timeline (each id once).
 */
export class MachinePageState {
  load = $state<MachineLoad>('loading');
  machine = $state<MachineDetailFragment | null>(null);
  readonly timeline = new Paged<MachineEventRowFragment>();
  readonly statusChanges = new Paged<MachineEventRowFragment>();
  readonly openCases = new Paged<FaultCaseRowFragment>();
  readonly resolvedCases = new Paged<FaultCaseRowFragment>();
  /** Newest event applied; the stream resumes after it. */
  cursor: string | null = null;

  #client: Client;
  #assetCode: string;
  #stops: (() => void)[] = [];
  /** Bumped by every start and stop: a start whose read returns after either gives up. */
  #generation = 0;
  #casesTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: Client, assetCode: string) {
    this.#client = client;
    this.#assetCode = assetCode;
  }

  async start(): Promise<void> {
    this.stop();
    const generation = this.#generation;
    this.load = 'loading';
    const result = await this.#client
      .query(MachinePageDocument, { assetCode: this.#assetCode })
      .toPromise();
    // Left (or restarted) while reading: subscribing now would leave streams nobody stops.
    if (generation !== this.#generation) return;
    if (result.error || !result.data) {
      this.load = result.error && isNotFound(result.error) ? 'not-found' : 'error';
      return;
    }
    const { lastEventId, ...machine } = result.data.machine;
    this.machine = machine;
    this.cursor = lastEventId ?? null;
    this.load = 'ready';
    const machineId = machine.id;

    // Repeats are not replayed: listen before the events, so none is missed in between.
    this.#stops.push(
      live({
        document: MachineWarningRepeatsDocument,
        variables: () => ({ machineId }),
        next: (data) => this.applyWarningRepeat(data.warningRepeated),
        error: (error) => console.warn('machine: repeat stream refused', error),
      }),
      live({
        document: MachineLiveEventsDocument,
        variables: () => ({ machineId, since: this.cursor }),
        next: (data) => this.applyEvent(data.machineEvents),
        error: (error) => console.warn('machine: live stream refused', error),
      }),
    );
    await Promise.all([
      this.loadMoreEvents(),
      this.#loadStatusChanges(),
      this.#loadCases(this.openCases, UNRESOLVED, 100),
      this.loadMoreResolved(),
    ]);
  }

  stop(): void {
    this.#generation++;
    for (const stop of this.#stops) stop();
    this.#stops = [];
    clearTimeout(this.#casesTimer);
  }

  /** One event from the stream: dropped if already applied, else the page follows it. */
  applyEvent(event: MachineEventRowFragment & { machine: MachineDetailFragment }): boolean {
    if (this.cursor !== null && BigInt(event.id) <= BigInt(this.cursor)) return false;
    this.cursor = event.id;
    const { machine, ...row } = event;
    this.machine = machine;
    // A page left open for weeks keeps what it has shown, not every event since: the
    // newest ones plus the pages read, and the status history's own length.
    this.timeline.items = mergeEvents(this.timeline.items, [row]).slice(0, LIVE_TIMELINE_MAX);
    if (row.type === 'STATUS_CHANGED') {
      this.statusChanges.items = mergeEvents(this.statusChanges.items, [row]).slice(
        0,
        STATUS_HISTORY,
      );
    }
    if (FAULT_EVENTS.has(row.type)) this.#refreshCasesSoon();
    return true;
  }

  /** A sensor reported an active warning again: only its count and last-seen time change. */
  applyWarningRepeat(update: { warningId: string; repeatCount: number; lastSeenAt: string }) {
    const machine = this.machine;
    if (!machine) return;
    this.machine = {
      ...machine,
      activeWarnings: machine.activeWarnings.map((w) =>
        w.id === update.warningId && w.repeatCount < update.repeatCount
          ? { ...w, repeatCount: update.repeatCount, lastSeenAt: update.lastSeenAt }
          : w,
      ),
    };
  }

  /** The machine as a mutation returned it (the stream brings the same a moment later). */
  setMachine(machine: MachineDetailFragment): void {
    this.machine = machine;
  }

  /** A case this page just opened: shown at once, before the stream's event arrives. */
  addOpenCase(fc: FaultCaseRowFragment): void {
    if (!this.openCases.items.some((c) => c.id === fc.id)) {
      this.openCases.items = [fc, ...this.openCases.items];
    }
    this.#refreshCasesSoon();
  }

  async loadMoreEvents(): Promise<void> {
    await this.#loadEvents(this.timeline, null, TIMELINE_PAGE);
  }

  async loadMoreResolved(): Promise<void> {
    await this.#loadCases(this.resolvedCases, ['RESOLVED'], RESOLVED_PAGE);
  }

  async #loadStatusChanges(): Promise<void> {
    // Only the newest few: the timeline holds the rest.
    await this.#loadEvents(this.statusChanges, ['STATUS_CHANGED'], STATUS_HISTORY);
    this.statusChanges.next = null;
  }

  async #loadEvents(
    list: Paged<MachineEventRowFragment>,
    types: MachineEventType[] | null,
    first: number,
  ): Promise<void> {
    const machine = this.machine;
    if (!machine || list.loading || (list.loaded && !list.next)) return;
    list.loading = true;
    list.failed = false;
    const result = await this.#client
      .query(MachineEventsDocument, { machineId: machine.id, types, first, after: list.next })
      .toPromise();
    list.loading = false;
    if (result.error || !result.data) {
      list.failed = true;
      return;
    }
    const { nodes, pageInfo } = result.data.machineEvents;
    list.items = mergeEvents(list.items, nodes);
    list.next = pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null;
    list.loaded = true;
  }

  /**
   * A page of cases; `fresh` re-reads what is shown from the top instead (a case moved
   * between open and resolved, or changed owner).
   */
  async #loadCases(
    list: Paged<FaultCaseRowFragment>,
    statuses: FaultStatus[],
    pageSize: number,
    fresh = false,
  ): Promise<void> {
    const machine = this.machine;
    if (!machine) return;
    if (!fresh && (list.loading || (list.loaded && !list.next))) return;
    list.loading = true;
    list.failed = false;
    const first = fresh ? Math.min(100, Math.max(pageSize, list.items.length)) : pageSize;
    const after = fresh ? null : list.next;
    const result = await this.#client
      .query(MachineFaultCasesDocument, { machineId: machine.id, statuses, first, after })
      .toPromise();
    list.loading = false;
    if (result.error || !result.data) {
      list.failed = true;
      return;
    }
    const { nodes, pageInfo } = result.data.faultCases;
    if (fresh) {
      list.items = nodes;
    } else {
      list.items = appendNew(list.items, nodes);
    }
    list.next = pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null;
    list.loaded = true;
  }

  /** Fault events come in bursts (assign + acknowledge): re-read the cases once after them. */
  #refreshCasesSoon(): void {
    clearTimeout(this.#casesTimer);
    this.#casesTimer = setTimeout(() => {
      void this.#loadCases(this.openCases, UNRESOLVED, 100, true);
      void this.#loadCases(this.resolvedCases, ['RESOLVED'], RESOLVED_PAGE, true);
    }, 250);
  }
}
