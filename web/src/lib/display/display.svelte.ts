import type { CombinedError, OperationResult } from '@urql/core';
import { BoardState } from '#lib/board/board.svelte.ts';
import type { BoardMachine } from '#lib/board/types.ts';
import type {
  CurrentDisplayQuery,
  DisplayBoardQuery,
  MachineStatus,
} from '#lib/graphql/generated/graphql.ts';
import { createDisplayClient, type DisplayClient, type LiveContext } from './client.ts';
import { CurrentDisplayDocument } from './display-link.graphql.ts';
import {
  DisplayEventsDocument,
  DisplayBoardDocument,
  DisplayWarningRepeatsDocument,
} from './display.graphql.ts';
import { LinkStatus } from './link.svelte.ts';
import { forgetBoard, loadBoard, saveBoard } from './persist.ts';

export type DisplaySettings = NonNullable<CurrentDisplayQuery['currentDisplay']>;

/**
 * - `starting`: nothing to show yet (first start, no saved board);
 * - `ready`: a board is shown (live or not: see `link`);
 * - `revoked`: the link was revoked; `invalid`: the server does not know the link at all.
 */
export type DisplayPhase = 'starting' | 'ready' | 'revoked' | 'invalid';

/** The saved board is written at most this often (and when the page is hidden). */
const SAVE_EVERY_MS = 5_000;
/** Retry of the link check and the snapshot while the server cannot be reached. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Close codes after which the link itself may be the problem (revoked, unknown). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

const STATUSES: MachineStatus[] = ['FAULT', 'WARNING', 'OK'];

export interface BuildingGroup {
  id: string;
  name: string;
  machines: BoardMachine[];
  counts: Record<MachineStatus, number>;
}

export interface DisplayOptions {
  token: string;
  /** Called on a new FAULT when the link has the chime on. */
  chime?: () => void;
  /** Called after every reconnect, once the server answers: e.g. reload after a deploy. */
  reconnected?: () => void;
}

function countByStatus(machines: BoardMachine[]): Record<MachineStatus, number> {
  const counts: Record<MachineStatus, number> = { FAULT: 0, WARNING: 0, OK: 0 };
  for (const m of machines) counts[m.status] += 1;
  return counts;
}

function errorReason(error: CombinedError | undefined): string | undefined {
  const details = error?.graphQLErrors[0]?.extensions?.details as { reason?: string } | undefined;
  return details?.reason;
}

function errorCode(error: CombinedError | undefined): string | undefined {
  return error?.graphQLErrors[0]?.extensions?.code as string | undefined;
}

/**
 * A wall screen's live state. The machine map, event order and dedupe are the board's own
 * (`BoardState`); this adds what a screen that runs unattended for weeks needs:
 * - its credential is a display link, and its buildings come from the link;
 * - the snapshot (`machines { lastEventId }`) is continued by `machineEvents(since)`, the
 *   cursor read at every (re)subscribe, saved with the board for reloads;
 * - a cursor the server has never reached (`CURSOR_AHEAD`: a restored database) reloads the
 *   snapshot; a revoked link says so instead of retrying;
 * - nothing grows with the number of events: one map entry per machine, no log kept.
 */
export class DisplayState {
  phase = $state<DisplayPhase>('starting');
  settings = $state<DisplaySettings | null>(null);
  readonly link = new LinkStatus();
  readonly board: BoardState;
  readonly #client: DisplayClient;
  readonly #options: DisplayOptions;

  #stopped = false;
  #streams: { unsubscribe(): void }[] = [];
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retries = 0;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #checking: Promise<void> | null = null;
  /** Bumped when the streams are stopped on purpose, so their ends are not taken as failures. */
  #generation = 0;

  constructor(options: DisplayOptions) {
    this.#options = options;
    this.#client = createDisplayClient(options.token, {
      connected: () => {
        const wasOffline = this.link.state === 'offline';
        this.#retries = 0;
        this.link.connected();
        if (wasOffline) void this.#afterReconnect();
      },
      closed: (code) => {
        this.link.lost();
        if (code !== undefined && AUTH_CLOSE_CODES.has(code)) void this.#checkLink();
      },
    });
    this.board = new BoardState(this.#client.urql);
  }

  /** Buildings in the link's order (by name), each with its machines worst first. */
  readonly groups: BuildingGroup[] = $derived.by(() => {
    const listed = this.settings?.buildings ?? [];
    const byBuilding: Record<string, BoardMachine[]> = {};
    for (const b of listed) byBuilding[b.id] = [];
    for (const m of this.board.sorted) (byBuilding[m.building.id] ??= []).push(m);
    return Object.entries(byBuilding).map(([id, machines]) => ({
      id,
      name: listed.find((b) => b.id === id)?.name ?? machines[0]?.building.name ?? '',
      machines,
      counts: countByStatus(machines),
    }));
  });

  readonly counts: Record<MachineStatus, number> = $derived.by(() =>
    countByStatus(this.board.sorted),
  );

  get statuses(): MachineStatus[] {
    return STATUSES;
  }

  async start(): Promise<void> {
    const saved = loadBoard();
    if (saved) {
      // The last board at once, marked as not yet live; the stream replays what it missed.
      this.board.setSnapshot(saved.machines, saved.cursor);
      this.phase = 'ready';
    }
    addEventListener('pagehide', this.#saveNow);
    await this.#connect(saved !== null);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#saveTimer);
    removeEventListener('pagehide', this.#saveNow);
    this.#stopStreams();
    this.link.dispose();
    this.#client.dispose();
  }

  /** Reads the link's settings, then (unless a saved board is resumed) the snapshot. */
  async #connect(resume: boolean): Promise<void> {
    if (this.#stopped) return;
    const current = await this.#client.urql.query(CurrentDisplayDocument, {}).toPromise();
    if (this.#stopped) return;
    if (current.error || !current.data?.currentDisplay) {
      if (this.#refused(current.error)) return;
      this.link.lost();
      this.#retry(() => this.#connect(resume));
      return;
    }
    this.settings = current.data.currentDisplay;
    if (!resume && !(await this.#loadSnapshot())) {
      this.#retry(() => this.#connect(false));
      return;
    }
    this.#retries = 0;
    this.#subscribe();
  }

  /** True when the server refused the link itself: the screen says so and stops. */
  #refused(error: CombinedError | undefined): boolean {
    if (errorCode(error) !== 'UNAUTHENTICATED' && errorCode(error) !== 'FORBIDDEN') return false;
    this.phase = errorReason(error) === 'REVOKED' ? 'revoked' : 'invalid';
    forgetBoard();
    this.board.machines.clear();
    this.stop();
    return true;
  }

  /** After the socket closed with an auth code: is the link still good? */
  #checkLink(): Promise<void> {
    this.#checking ??= (async () => {
      const current = await this.#client.urql.query(CurrentDisplayDocument, {}).toPromise();
      this.#refused(current.error);
      this.#checking = null;
    })();
    return this.#checking;
  }

  async #afterReconnect(): Promise<void> {
    const current = await this.#client.urql.query(CurrentDisplayDocument, {}).toPromise();
    if (this.#stopped || this.#refused(current.error)) return;
    if (current.data?.currentDisplay) {
      this.settings = current.data.currentDisplay;
      this.#options.reconnected?.();
    }
  }

  async #loadSnapshot(): Promise<boolean> {
    const buildingIds = this.settings?.buildings.map((b) => b.id) ?? [];
    const result: OperationResult<DisplayBoardQuery> = await this.#client.urql
      .query(DisplayBoardDocument, { buildingIds })
      .toPromise();
    if (this.#stopped) return false;
    if (result.error || !result.data) {
      if (this.#refused(result.error)) return false;
      this.link.lost();
      return false;
    }
    const { machines, lastEventId } = result.data.wholeBoard;
    this.board.setSnapshot(machines, lastEventId);
    this.phase = 'ready';
    this.#saveSoon();
    return true;
  }

  #subscribe(): void {
    this.#stopStreams();
    const generation = this.#generation;
    const buildingIds = this.settings?.buildings.map((b) => b.id) ?? [];
    const onEnd = (error?: unknown) => this.#ended(generation, error);
    // Repeats are not replayed: listen before the events, so none is missed in between.
    this.#streams.push(
      this.#client.urql
        .subscription(DisplayWarningRepeatsDocument, { buildingIds }, {
          onEnd,
        } satisfies LiveContext)
        .subscribe((result) => {
          if (result.data) this.board.applyWarningRepeat(result.data.warningRepeated);
        }),
    );
    this.#streams.push(
      this.#client.urql
        .subscription(DisplayEventsDocument, { since: this.board.cursor, buildingIds }, {
          liveVariables: () => ({ since: this.board.cursor, buildingIds }),
          onEnd,
        } satisfies LiveContext)
        .subscribe((result) => {
          if (result.data) this.#apply(result.data.machineEvents);
        }),
    );
  }

  #apply(event: { id: string; type: string; at: string; machine: BoardMachine }): void {
    const before = this.board.machines.get(event.machine.id)?.status;
    if (!this.board.applyEvent(event)) return;
    this.link.applied(event.type, event.at);
    this.#saveSoon();
    if (event.machine.status === 'FAULT' && before !== 'FAULT' && this.settings?.chime) {
      this.#options.chime?.();
    }
  }

  /**
   * A stream of this generation ended: the server refused it (GraphQL errors), completed it
   * (restart) or its socket closed fatally (4401). Streams stopped on purpose are ignored.
   */
  #ended(generation: number, error?: unknown): void {
    if (generation !== this.#generation || this.#stopped) return;
    const first = Array.isArray(error)
      ? (error[0] as { extensions?: { code?: string; details?: { reason?: string } } })
      : undefined;
    if (first?.extensions?.details?.reason === 'CURSOR_AHEAD') {
      // The cursor belongs to another database (restored, reset): read the board anew.
      this.#stopStreams();
      forgetBoard();
      void this.#connect(false);
      return;
    }
    if (first) console.warn('display: live stream refused', first.extensions?.code);
    this.#restartSoon();
  }

  /** Start the streams again shortly, once the link is known to be good. */
  #restartSoon(): void {
    if (this.#stopped || this.phase !== 'ready') return;
    this.#retry(async () => {
      await this.#checkLink();
      if (!this.#stopped && this.phase === 'ready') this.#subscribe();
    });
  }

  #retry(run: () => Promise<void> | void): void {
    if (this.#stopped) return;
    clearTimeout(this.#retryTimer);
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.#retries);
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => void run(), delay * (0.5 + Math.random() / 2));
  }

  #stopStreams(): void {
    this.#generation += 1;
    for (const s of this.#streams) s.unsubscribe();
    this.#streams = [];
  }

  #saveSoon(): void {
    if (this.#saveTimer !== undefined || this.#stopped) return;
    this.#saveTimer = setTimeout(this.#saveNow, SAVE_EVERY_MS);
  }

  readonly #saveNow = (): void => {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    if (this.phase !== 'ready') return;
    saveBoard({
      cursor: this.board.cursor,
      machines: [...this.board.machines.values()],
      savedAt: Date.now(),
    });
  };
}
