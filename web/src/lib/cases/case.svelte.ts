import type { AnyVariables, Client, OperationResult } from '@urql/core';
import { SvelteMap } from 'svelte/reactivity';
import type {
  AddFaultNoteMutation,
  CaseDetailFragment,
  CaseHistoryEventFragment,
  CaseMachineFragment,
  CaseNoteFragment,
  CasePageQuery,
  CasePhotoFragment,
} from '#lib/graphql/generated/graphql.ts';
import { live } from '#lib/graphql/live.ts';
import { describeProblem, type Problem } from '#lib/graphql/problems.ts';
import { messages } from '#lib/messages.ts';
import type { Viewer } from './actions.ts';
import {
  AcknowledgeFaultCaseDocument,
  AddFaultNoteDocument,
  AssignFaultCaseDocument,
  CaseEventsDocument,
  CaseHistoryDocument,
  CasePageDocument,
  ReopenFaultCaseDocument,
  RepairWorkersDocument,
  ResolveFaultCaseDocument,
  StartRepairDocument,
  UpdateFaultCaseDocument,
} from './case.graphql.ts';
import {
  factsFromDetails,
  factsOf,
  type CaseConflict,
  type CaseFacts,
  type CaseWrite,
} from './conflict.ts';
import { added, byCreated, byEventId, mergeById } from './history.ts';

export type CaseLoad = 'loading' | 'ready' | 'error';
export type CaseResult = OperationResult<CaseDetailFragment, AnyVariables>;
type ReadCase = CasePageQuery['faultCase'];

/** The most history pages read (100 events each): a case is never near it. */
const MAX_HISTORY_PAGES = 10;

/** An event of the case's machine as the stream delivers it. */
export interface CaseEvent {
  id: string;
  type: string;
  faultCase?: { id: string } | null;
  machine: CaseMachineFragment;
}

function asCaseResult<D, V extends AnyVariables>(
  result: OperationResult<D, V>,
  pick: (data: D) => CaseDetailFragment,
): CaseResult {
  return { ...result, data: result.data ? pick(result.data) : undefined } as CaseResult;
}

/**
 * One fault case, live. The case is read as a snapshot whose `lastEventId` starts the stream
 * of its machine's events, so nothing that happens after the read is missed:
 * - every event carries the machine as it is now (its status after a resolve, its warnings);
 * - an event of this case (a step, an edit, a note or photo by anyone) reads the case again — the
 *   event itself does not carry the case's detail, which other cases' events on the same
 *   machine must not ask for. Reads overlap with each other and with the answers to our own
 *   writes: the case's `version` only grows, so the newest wins; notes and history only
 *   grow, so they are merged by id.
 * Every write sends the version the person saw; a CONFLICT opens `conflict`, the view of what
 * changed, from which the person's write can be made again on the current version.
 */
export class LiveCase {
  readonly id: string;
  load = $state<CaseLoad>('loading');
  loadProblem = $state.raw<Problem | null>(null);
  fc = $state.raw<CaseDetailFragment | null>(null);
  machine = $state.raw<CaseMachineFragment | null>(null);
  notes = $state.raw<CaseNoteFragment[]>([]);
  /** Every photo of the case, oldest first (under a note or not): the viewer's order. */
  photos = $state.raw<CasePhotoFragment[]>([]);
  /** True when the read hit the notes limit: older notes beyond it are not shown. */
  notesCapped = $state(false);
  history = $state.raw<CaseHistoryEventFragment[]>([]);
  historyLoad = $state<CaseLoad>('loading');
  conflict = $state.raw<CaseConflict | null>(null);
  /** Repair workers to assign to (managers only), once asked for. */
  workers = $state.raw<{ id: string; name: string }[] | null>(null);
  workersLoad = $state<CaseLoad | 'idle'>('idle');
  /** A sentence for screen readers about what changed on its own (polite live region). */
  announcement = $state('');

  #client: Client;
  #viewer: () => Viewer | null;
  /** The stream's position: the newest event applied; a resumed stream starts after it. */
  #cursor: string | null = null;
  /** The event the shown machine state reflects. */
  #machineAt = -1n;
  #stopLive: (() => void) | null = null;
  #reloading: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  /** Names of people seen on this case, for a conflict told by the server in ids. */
  #names = new SvelteMap<string, string>();

  constructor(client: Client, id: string, viewer: () => Viewer | null) {
    this.#client = client;
    this.id = id;
    this.#viewer = viewer;
  }

  static readonly NOTES_LIMIT = 100;

  /** Reads the case and follows it live; `stop()` when the page goes. */
  async start(): Promise<void> {
    this.stop();
    this.#stopped = false;
    this.load = 'loading';
    this.loadProblem = null;
    const result = await this.#client.query(CasePageDocument, { id: this.id }).toPromise();
    if (this.#stopped) return;
    if (result.error || !result.data) {
      this.loadProblem = result.error
        ? describeProblem(result.error)
        : { code: 'INTERNAL', message: messages.problems.generic, fields: {}, details: {} };
      this.load = 'error';
      return;
    }
    const fc = result.data.faultCase;
    this.#applyRead(fc);
    this.#cursor = fc.lastEventId ?? null;
    this.load = 'ready';
    void this.#readHistory();
    const machineIds = [fc.machine.id];
    this.#stopLive = live({
      document: CaseEventsDocument,
      variables: () => ({ since: this.#cursor, machineIds }),
      next: (data) => this.applyEvent(data.machineEvents),
      error: (error) => {
        // A cursor from another database (a restore): read the case anew.
        if (JSON.stringify(error).includes('CURSOR_AHEAD')) void this.start();
        else console.warn('case: live stream refused', error);
      },
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#stopLive?.();
    this.#stopLive = null;
  }

  /** One event of the machine's stream, in order; a replayed one is dropped. */
  applyEvent(event: CaseEvent): void {
    if (this.#cursor !== null && BigInt(event.id) <= BigInt(this.#cursor)) return;
    this.#cursor = event.id;
    this.#setMachine(event.machine, BigInt(event.id));
    if (event.faultCase?.id === this.id) void this.refresh();
  }

  /**
   * Reads the case and its history again. Calls while a read runs share it, and one more read
   * follows it, so the last change is always read after it happened.
   */
  refresh(): Promise<void> {
    if (this.#reloading) {
      this.#again = true;
      return this.#reloading;
    }
    this.#reloading = (async () => {
      do {
        this.#again = false;
        await this.#reloadOnce();
      } while (this.#again && !this.#stopped);
    })().finally(() => (this.#reloading = null));
    return this.#reloading;
  }

  async #reloadOnce(): Promise<void> {
    const result = await this.#client.query(CasePageDocument, { id: this.id }).toPromise();
    if (this.#stopped) return;
    if (result.data) {
      this.#applyRead(result.data.faultCase);
      await this.#readHistory();
      return;
    }
    const problem = result.error ? describeProblem(result.error) : null;
    // No longer this person's to read (reassigned away from them): say so, stop following.
    if (problem && (problem.code === 'FORBIDDEN' || problem.code === 'NOT_FOUND')) {
      this.loadProblem = problem;
      this.load = 'error';
      this.stop();
    }
  }

  async #readHistory(): Promise<void> {
    const events: CaseHistoryEventFragment[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const result = await this.#client
        .query(CaseHistoryDocument, { id: this.id, after })
        .toPromise();
      if (this.#stopped) return;
      if (result.error || !result.data) {
        if (this.history.length === 0) this.historyLoad = 'error';
        return;
      }
      events.push(...result.data.machineEvents.nodes);
      if (!result.data.machineEvents.pageInfo.hasNextPage) break;
      after = result.data.machineEvents.pageInfo.endCursor ?? null;
    }
    this.history = mergeById(this.history, events, byEventId);
    this.historyLoad = 'ready';
  }

  #applyRead(fc: ReadCase): void {
    this.#applyCase(fc);
    const notes = fc.notes ?? [];
    const me = this.#viewer()?.id;
    const fromOthers = added(this.notes, notes).filter((n) => n.author.id !== me);
    if (this.load === 'ready' && fromOthers.length > 0) {
      this.announcement = messages.cases.notes.newFrom(fromOthers.at(-1)!.author.name);
    }
    this.notes = mergeById(this.notes, notes, byCreated);
    const photos = fc.attachments ?? [];
    const newPhotos = added(this.photos, photos).filter((p) => p.uploadedBy.id !== me);
    if (this.load === 'ready' && newPhotos.length > 0 && fromOthers.length === 0) {
      this.announcement = messages.photos.newFrom(newPhotos.at(-1)!.uploadedBy.name);
    }
    this.photos = mergeById(this.photos, photos, byCreated);
    this.notesCapped = notes.length >= LiveCase.NOTES_LIMIT;
    for (const n of notes) this.#names.set(n.author.id, n.author.name);
    if (fc.lastEventId) this.#setMachine(fc.machine, BigInt(fc.lastEventId));
  }

  /** A newer version of the case replaces the shown one; an older answer is dropped. */
  #applyCase(fc: CaseDetailFragment): void {
    const shown = this.fc;
    if (shown && (fc.version ?? 0) < (shown.version ?? 0)) return;
    if (shown && this.load === 'ready' && shown.status !== fc.status) {
      this.announcement = messages.cases.live.caseNow(fc.status);
    }
    if (fc.assignee) this.#names.set(fc.assignee.id, fc.assignee.name);
    this.fc = fc;
  }

  #setMachine(machine: CaseMachineFragment, at: bigint): void {
    if (at < this.#machineAt) return;
    const before = this.machine;
    this.#machineAt = at;
    this.machine = machine;
    if (before && this.load === 'ready' && before.status !== machine.status) {
      this.announcement = messages.cases.live.machineNow(machine.status);
    }
  }

  /**
   * Sends one write with the version the person saw (`base`). Resolves to the answer, for the
   * form that sent it; a CONFLICT also opens the conflict view.
   */
  async write(write: CaseWrite, base: CaseFacts): Promise<CaseResult> {
    const result = await this.#send(write, base.version);
    if (result.data) {
      this.#applyCase(result.data);
      return result;
    }
    if (result.error?.graphQLErrors[0]?.extensions?.code === 'CONFLICT') {
      await this.#openConflict(write, base, describeProblem(result.error).details);
    }
    return result;
  }

  async #openConflict(
    write: CaseWrite,
    base: CaseFacts,
    details: Record<string, unknown>,
  ): Promise<void> {
    // The server sends the case as it is now; reading it again also brings the names.
    await this.refresh();
    const told = factsFromDetails(details, this.#names);
    const read = this.fc ? factsOf(this.fc) : null;
    const current = read && (!told || read.version >= told.version) ? read : (told ?? read);
    if (current) this.conflict = { write, base, current };
  }

  dismissConflict(): void {
    this.conflict = null;
  }

  #send(write: CaseWrite, expectedVersion: number): Promise<CaseResult> {
    const id = this.id;
    const c = this.#client;
    switch (write.kind) {
      case 'edit': {
        const input = { expectedVersion, description: write.description, severity: write.severity };
        return c
          .mutation(UpdateFaultCaseDocument, { id, input })
          .toPromise()
          .then((r) => asCaseResult(r, (d) => d.updateFaultCase));
      }
      case 'acknowledge':
        return c
          .mutation(AcknowledgeFaultCaseDocument, { id, expectedVersion })
          .toPromise()
          .then((r) => asCaseResult(r, (d) => d.acknowledgeFaultCase));
      case 'start':
        return c
          .mutation(StartRepairDocument, { id, expectedVersion })
          .toPromise()
          .then((r) => asCaseResult(r, (d) => d.startRepair));
      case 'assign':
        return c
          .mutation(AssignFaultCaseDocument, { id, assigneeId: write.assigneeId, expectedVersion })
          .toPromise()
          .then((r) => asCaseResult(r, (d) => d.assignFaultCase));
      case 'resolve':
        return c
          .mutation(ResolveFaultCaseDocument, {
            id,
            resolutionNote: write.resolutionNote,
            expectedVersion,
          })
          .toPromise()
          .then((r) => asCaseResult(r, (d) => d.resolveFaultCase));
      case 'reopen':
        return c
          .mutation(ReopenFaultCaseDocument, { id, reason: write.reason, expectedVersion })
          .toPromise()
          .then((r) => asCaseResult(r, (d) => d.reopenFaultCase));
    }
  }

  /** Adds a note; it shows at once (others see it through their stream). */
  async addNote(body: string): Promise<OperationResult<AddFaultNoteMutation, AnyVariables>> {
    const result = await this.#client
      .mutation(AddFaultNoteDocument, { faultCaseId: this.id, body })
      .toPromise();
    if (result.data) this.notes = mergeById(this.notes, [result.data.addFaultNote], byCreated);
    return result;
  }

  /** The active repair workers (managers assign to them). */
  async loadWorkers(): Promise<void> {
    if (this.workersLoad === 'loading' || this.workersLoad === 'ready') return;
    this.workersLoad = 'loading';
    const result = await this.#client.query(RepairWorkersDocument, {}).toPromise();
    if (!result.data) {
      this.workersLoad = 'error';
      return;
    }
    this.workers = result.data.users.nodes;
    for (const w of this.workers) this.#names.set(w.id, w.name);
    this.workersLoad = 'ready';
  }
}
