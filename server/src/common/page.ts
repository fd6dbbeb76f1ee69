import { Cursor, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './app-error.js';
import { isUuid } from './ids.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** `first` of any list, top-level or nested (SECURITY 2): 1 to MAX_PAGE_SIZE, else BAD_USER_INPUT. */
export function assertFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw AppError.badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { first });
  }
  return first;
}

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

/**
 * One page by keyset cursor (stable under concurrent inserts), plus the total count unless
 * `options.count` is false (the reader did not select `totalCount`, which is then 0): the
 * count is a second statement over every matching row. `options.populate` loads lazy
 * properties (a formula) with the page's own statement.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  page: Page,
  orderBy: QueryOrderMap<T>,
  options: { count?: boolean; populate?: readonly string[] } = {},
): Promise<ConnectionShape<T>> {
  assertFirst(page.first);
  if (page.after) assertCursorFits(em, entity, orderBy, page.after);
  const cursor = await em.findByCursor(entity, {
    where,
    first: page.first,
    ...(page.after ? { after: page.after } : {}),
    orderBy,
    includeCount: options.count !== false,
    ...(options.populate ? { populate: options.populate } : {}),
  } as never);
  const nodes = [...cursor.items] as T[];
  return {
    nodes,
    edges: nodes.map((node) => ({ cursor: cursor.from(node as never), node })),
    pageInfo: { hasNextPage: cursor.hasNextPage, endCursor: cursor.endCursor },
    totalCount: (cursor.totalCount as number | undefined) ?? 0,
  };
}

/**
 * A cursor comes back from the client, so it is input: its values feed the keyset condition
 * and must be exactly one plain value of the right type per sort key (no objects, which the
 * ORM would read as operators).
 */
function assertCursorFits<T extends object>(
  em: EntityManager,
  entity: new () => T,
  orderBy: QueryOrderMap<T>,
  after: string,
): void {
  let decoded: unknown;
  try {
    decoded = Cursor.decode(after);
  } catch {
    decoded = undefined;
  }
  const keys = Object.keys(orderBy);
  const properties = em.getMetadata().get(entity).properties as Record<
    string,
    { type: string; runtimeType: string }
  >;
  const fits =
    Array.isArray(decoded) &&
    decoded.length === keys.length &&
    keys.every((key, i) => valueFits(properties[key], decoded[i]));
  if (!fits) throw AppError.badInput('after is not a valid cursor', { field: 'after' });
}

function valueFits(
  prop: { type: string; runtimeType: string } | undefined,
  value: unknown,
): boolean {
  if (!prop) return false;
  if (prop.runtimeType === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (typeof value !== 'string') return false;
  if (prop.type === 'uuid') return isUuid(value);
  if (prop.runtimeType === 'Date') return !Number.isNaN(Date.parse(value));
  return true;
}
