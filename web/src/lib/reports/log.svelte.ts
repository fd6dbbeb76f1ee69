import type { Client } from '@urql/core';
import type { RepairLogRowFragment } from '#lib/graphql/generated/graphql.ts';
import { describeProblem, type Problem } from '#lib/graphql/problems.ts';
import { toServerLogFilter, type LogFilters } from './log-filters.ts';
import { RepairLogPageDocument } from './reports.graphql.ts';

export type LogLoad = 'loading' | 'ready' | 'error';

/**
 * The repair log under filters, newest first, read page by page. It is history, not a live
 * view: a new read (new filters, "Retry") replaces it; "Load more" appends the next page.
 */
export class RepairLogState {
  rows = $state<RepairLogRowFragment[]>([]);
  total = $state(0);
  load = $state<LogLoad>('loading');
  problem = $state<Problem | null>(null);
  hasMore = $state(false);
  more = $state<'idle' | 'loading' | 'error'>('idle');
  /** A read is under way while the previous rows are still shown. */
  busy = $state(false);

  #client: Client;
  #pageSize: number;
  #filters: LogFilters | null = null;
  #cursor: string | null = null;
  /** Bumped by every new read: answers to an older one are dropped. */
  #generation = 0;

  constructor(client: Client, pageSize: number) {
    this.#client = client;
    this.#pageSize = pageSize;
  }

  async show(filters: LogFilters): Promise<void> {
    this.#filters = filters;
    const generation = ++this.#generation;
    if (this.load !== 'ready' || this.rows.length === 0) this.load = 'loading';
    this.busy = true;
    this.problem = null;
    this.more = 'idle';
    const result = await this.#client
      .query(
        RepairLogPageDocument,
        { filter: toServerLogFilter(filters), first: this.#pageSize },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (generation !== this.#generation) return;
    this.busy = false;
    if (result.error || !result.data) {
      this.problem = result.error ? describeProblem(result.error) : null;
      this.load = 'error';
      return;
    }
    const page = result.data.machineEvents;
    this.rows = page.nodes;
    this.total = page.totalCount;
    this.#cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    this.hasMore = this.#cursor !== null;
    this.load = 'ready';
  }

  async loadMore(): Promise<void> {
    if (!this.#cursor || !this.#filters || this.more === 'loading') return;
    const generation = this.#generation;
    this.more = 'loading';
    const result = await this.#client
      .query(RepairLogPageDocument, {
        filter: toServerLogFilter(this.#filters),
        first: this.#pageSize,
        after: this.#cursor,
      })
      .toPromise();
    if (generation !== this.#generation) return;
    if (result.error || !result.data) {
      this.more = 'error';
      return;
    }
    const page = result.data.machineEvents;
    const shown = this.rows.map((r) => r.id);
    this.rows = [...this.rows, ...page.nodes.filter((r) => !shown.includes(r.id))];
    this.total = page.totalCount;
    this.#cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    this.hasMore = this.#cursor !== null;
    this.more = 'idle';
  }
}
