import type { Client } from '@urql/core';
import type { CaseListBoardFragment, CaseListRowFragment } from '#lib/graphql/generated/graphql.ts';
import { live } from '#lib/graphql/live.ts';
import { describeProblem, type Problem } from '#lib/graphql/problems.ts';
import {
  CaseListChangedDocument,
  CaseListPageDocument,
  CaseListRowDocument,
} from './case-lists.graphql.ts';
import {
  EMPTY_CASE_FILTERS,
  matchesCaseFilters,
  toServerFilter,
  type CaseFilters,
} from './filters.ts';

export type CaseRow = CaseListRowFragment;
export type CaseChange = CaseListBoardFragment;
export type ListLoad = 'loading' | 'ready' | 'error';

export interface CaseListOptions {
  /** Rows per page ("Load more" reads the next); at most 100. */
  pageSize: number;
  /**
   * Set for repair staff (their user id): the server lists only their own cases, so a live
   * change of a case that is no longer theirs takes it off the list.
   */
  ownerId?: string | null;
  /** A row came into the view or left it through a live change (for announcements). */
  onchange?: (kind: 'added' | 'removed', row: CaseChange) => void;
}

/** The server's order: newest first, ties by id (descending), as its keyset cursor. */
function newestFirst(a: CaseChange, b: CaseChange): number {
  return (
    Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/**
 * A list of fault cases under filters, read page by page and kept current by
 * `faultCaseChanged`. A change carries the case's board fields: a row in view takes them at
 * once (and its description is read again in the background); a case that now matches the
 * filters comes in at its place, if that place is among the rows read so far; a case that no
 * longer matches (resolved under "open", assigned under "nobody yet", reassigned away from a
 * repair worker) leaves. Changes that arrive while a page is being read are applied after
 * it, in order, so nothing that happened meanwhile is lost. The stream does not replay: after
 * a reconnect, `resync()` reads the rows in view again.
 */
export class CaseListState {
  rows = $state<CaseRow[]>([]);
  /** Cases matching the filters on the server, across pages. */
  total = $state(0);
  load = $state<ListLoad>('loading');
  /** Why the last read failed (a bad filter names its field in `fields`). */
  problem = $state<Problem | null>(null);
  hasMore = $state(false);
  more = $state<'idle' | 'loading' | 'error'>('idle');
  /** A read is under way while rows are shown (new filters, a resync). */
  busy = $state(false);

  filters: CaseFilters = EMPTY_CASE_FILTERS;
  #client: Client;
  #options: CaseListOptions;
  #cursor: string | null = null;
  /** Bumped by every new read: answers to an older one are dropped. */
  #generation = 0;
  /** Changes seen while the first page is read. */
  #pending: CaseChange[] | null = null;
  /** Per case: bumped by each change, so a late detail read never undoes a newer change. */
  #seen: Record<string, number> = {};
  #stop: (() => void) | null = null;

  constructor(client: Client, options: CaseListOptions) {
    this.#client = client;
    this.#options = options;
  }

  /** Follows changes; call once, and `stop()` when the list goes away. */
  listen(): void {
    this.#stop ??= live({
      document: CaseListChangedDocument,
      variables: () => ({}),
      next: (data) => this.applyChange(data.faultCaseChanged),
      error: (error) => console.warn('cases: live stream refused', error),
    });
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  /**
   * Reads the first page under these filters. The rows shown so far stay (marked `busy`)
   * until the answer replaces them, so a change of filter does not blank the screen.
   */
  async show(filters: CaseFilters): Promise<void> {
    this.filters = filters;
    if (this.load !== 'ready' || this.rows.length === 0) this.load = 'loading';
    await this.#readFirst(this.#options.pageSize);
  }

  /** Reads the rows in view again (after a reconnect), keeping them on screen meanwhile. */
  async resync(): Promise<void> {
    if (this.load === 'loading') return;
    await this.#readFirst(Math.min(100, Math.max(this.#options.pageSize, this.rows.length)));
  }

  async #readFirst(first: number): Promise<void> {
    const generation = ++this.#generation;
    this.#pending = [];
    this.problem = null;
    this.more = 'idle';
    this.busy = true;
    const result = await this.#client
      .query(CaseListPageDocument, { filter: toServerFilter(this.filters), first })
      .toPromise();
    if (generation !== this.#generation) return;
    this.busy = false;
    const pending = this.#pending;
    this.#pending = null;
    if (result.error || !result.data) {
      this.problem = result.error ? describeProblem(result.error) : null;
      this.load = 'error';
      return;
    }
    const page = result.data.faultCases;
    this.setPage(
      page.nodes,
      page.totalCount,
      page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    );
    for (const change of pending ?? []) this.applyChange(change);
  }

  /** Shows a first page as read; `cursor` is where "Load more" continues (null: no more). */
  setPage(rows: CaseRow[], total: number, cursor: string | null): void {
    this.rows = rows;
    this.total = total;
    this.#counted.clear();
    this.#cursor = cursor;
    this.hasMore = cursor !== null;
    this.load = 'ready';
  }

  async loadMore(): Promise<void> {
    if (!this.#cursor || this.more === 'loading') return;
    const generation = this.#generation;
    this.more = 'loading';
    const result = await this.#client
      .query(CaseListPageDocument, {
        filter: toServerFilter(this.filters),
        first: this.#options.pageSize,
        after: this.#cursor,
      })
      .toPromise();
    if (generation !== this.#generation) return;
    if (result.error || !result.data) {
      this.more = 'error';
      return;
    }
    const page = result.data.faultCases;
    const shown = this.rows.map((r) => r.id);
    this.rows = [...this.rows, ...page.nodes.filter((r) => !shown.includes(r.id))];
    this.total = page.totalCount;
    this.#counted.clear();
    this.#cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    this.hasMore = this.#cursor !== null;
    this.more = 'idle';
  }

  /** Cases added to `total` by live changes since the server last counted. */
  // Bookkeeping only, never rendered: a plain Set, not a reactive one.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #counted = new Set<string>();

  /** Whether a case, as it is now, belongs in this view. */
  belongs(fc: CaseChange): boolean {
    const owner = this.#options.ownerId;
    if (owner && fc.assignee?.id !== owner) return false;
    return matchesCaseFilters(fc, this.filters);
  }

  /** One live change: the row is updated, comes in or leaves. */
  applyChange(change: CaseChange): void {
    if (this.#pending) {
      this.#pending.push(change);
      return;
    }
    if (this.load !== 'ready') return;
    const seen = (this.#seen[change.id] ?? 0) + 1;
    this.#seen[change.id] = seen;
    const index = this.rows.findIndex((r) => r.id === change.id);
    if (!this.belongs(change)) {
      if (index >= 0) {
        this.rows = this.rows.toSpliced(index, 1);
        this.total = Math.max(0, this.total - 1);
        this.#options.onchange?.('removed', change);
      }
      return;
    }
    if (index >= 0) {
      this.rows[index] = { ...this.rows[index]!, ...change };
      void this.#readDetail(change.id, seen);
      return;
    }
    // A case new to the view goes in at its place, if that place is among the rows read;
    // further down, "Load more" brings it.
    const last = this.rows.at(-1);
    // Counted once per case: later changes of a case below the rows read are not new to it.
    if (!this.#counted.has(change.id)) {
      this.#counted.add(change.id);
      this.total += 1;
    }
    if (this.hasMore && last && newestFirst(change, last) > 0) return;
    // A repeat is known once the row's detail is read (below); until then, no marker.
    this.#insert({ ...change, description: null, resolvedAt: null, isRepeat: false });
    this.#options.onchange?.('added', change);
    void this.#readDetail(change.id, seen);
  }

  #insert(row: CaseRow): void {
    const at = this.rows.findIndex((r) => newestFirst(row, r) < 0);
    this.rows = at < 0 ? [...this.rows, row] : this.rows.toSpliced(at, 0, row);
  }

  /** The row's description and resolution, read again; dropped if a newer change came. */
  async #readDetail(id: string, seen: number): Promise<void> {
    const result = await this.#client.query(CaseListRowDocument, { id }).toPromise();
    const row = result.data?.faultCase;
    if (!row || this.#seen[id] !== seen) return;
    const index = this.rows.findIndex((r) => r.id === id);
    if (index >= 0 && this.belongs(row)) this.rows[index] = row;
  }
}
