import { Cursor, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './app-error.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

export interface Page {
  first: number;
  after?: string | null;
}

export interface ConnectionShape<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** One page by keyset cursor (stable under concurrent inserts), plus the total count. */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  page: Page,
  orderBy: QueryOrderMap<T>,
): Promise<ConnectionShape<T>> {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw AppError.badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { first: page.first });
  }
  if (page.after) {
    let decoded: unknown;
    try {
      decoded = Cursor.decode(page.after);
    } catch {
      decoded = undefined;
    }
    if (!Array.isArray(decoded)) throw AppError.badInput('after is not a valid cursor');
  }
  const cursor = await em.findByCursor(entity, {
    where,
    first: page.first,
    ...(page.after ? { after: page.after } : {}),
    orderBy,
    includeCount: true,
  } as never);
  const nodes = [...cursor.items] as T[];
  return {
    nodes,
    edges: nodes.map((node) => ({ cursor: cursor.from(node as never), node })),
    pageInfo: { hasNextPage: cursor.hasNextPage, endCursor: cursor.endCursor },
    totalCount: cursor.totalCount as number,
  };
}
