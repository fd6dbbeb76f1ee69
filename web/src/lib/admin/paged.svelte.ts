import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { client } from '#lib/graphql/client.ts';
import { describeProblem, type Problem } from '#lib/graphql/problems.ts';

export interface PageOf<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** One read, as data or as a Problem to show. */
export async function read<D, V extends AnyVariables>(
  document: TypedDocumentNode<D, V>,
  variables: V,
): Promise<{ data: D; problem?: undefined } | { data?: undefined; problem: Problem }> {
  const result = await client.query(document, variables).toPromise();
  if (result.data && !result.error) return { data: result.data };
  return {
    problem: result.error
      ? describeProblem(result.error)
      : describeProblem({ graphQLErrors: [] } as never),
  };
}

/**
 * A list read page by page: its first page, more on request, and whether it is loading,
 * ready or failed. Loading again (other filters) starts over, and an answer to an older
 * load that arrives late is dropped, so the list always shows the filters last chosen.
 * Changes made on this page (a row saved, one added) go in with `put` and `prepend`.
 */
export class PagedList<T extends { id: string }> {
  state = $state<'loading' | 'ready' | 'error'>('loading');
  items = $state<T[]>([]);
  total = $state(0);
  hasMore = $state(false);
  loadingMore = $state(false);
  problem = $state<Problem | null>(null);

  #cursor: string | null = null;
  #generation = 0;
  readonly #fetch: (after: string | null) => Promise<{ page?: PageOf<T>; problem?: Problem }>;

  constructor(fetch: (after: string | null) => Promise<{ page?: PageOf<T>; problem?: Problem }>) {
    this.#fetch = fetch;
  }

  get empty(): boolean {
    return this.state === 'ready' && this.items.length === 0;
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.state = 'loading';
    this.loadingMore = false;
    const { page, problem } = await this.#fetch(null);
    if (generation !== this.#generation) return;
    if (!page) {
      this.problem = problem ?? null;
      this.state = 'error';
      return;
    }
    this.items = page.nodes;
    this.#take(page);
    this.state = 'ready';
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore || this.state !== 'ready') return;
    const generation = this.#generation;
    this.loadingMore = true;
    const { page, problem } = await this.#fetch(this.#cursor);
    if (generation !== this.#generation) return;
    this.loadingMore = false;
    if (!page) {
      this.problem = problem ?? null;
      return;
    }
    this.problem = null;
    // A row that moved onto the next page while reading (a rename) is shown once.
    const seen = this.items.map((i) => i.id);
    this.items = [...this.items, ...page.nodes.filter((n) => !seen.includes(n.id))];
    this.#take(page);
  }

  /** Replaces a row with its saved state (in place, so the list does not jump). */
  put(item: T): void {
    this.items = this.items.map((i) => (i.id === item.id ? item : i));
  }

  prepend(item: T): void {
    this.items = [item, ...this.items.filter((i) => i.id !== item.id)];
    this.total += 1;
  }

  #take(page: PageOf<T>): void {
    this.total = page.totalCount;
    this.hasMore = page.pageInfo.hasNextPage;
    this.#cursor = page.pageInfo.endCursor ?? null;
    this.problem = null;
  }
}
