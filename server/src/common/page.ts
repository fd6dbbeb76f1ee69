import { Cursor, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from './app-error.js';
import { isUuid } from './ids.js';
import { readViewMapper } from './read-view.js';

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

/** Extra select-list columns of a view read, on the entity's row at `alias`. */
export type ExtraColumns = (alias: string) => { sql: string; params: unknown[] } | undefined;

/**
 * `findPage` for answers that are only read (the board): the same keyset page, order and
 * cursors, but the rows come back as read views (common/read-view.ts) from one query builder,
 * with no entity, identity map or change tracking. Sort keys must be scalar properties.
 * `columns` adds select-list columns to the page's own statement; `rows` are the rows as read,
 * theirs included, in the order of `nodes`.
 */
export async function findViewPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  page: Page,
  orderBy: Readonly<Record<string, 'asc' | 'desc'>>,
  options: { count?: boolean; columns?: ExtraColumns } = {},
): Promise<ConnectionShape<T> & { rows: Record<string, unknown>[] }> {
  assertFirst(page.first);
  const conditions: FilterQuery<T>[] = [where];
  if (page.after) {
    assertCursorFits(em, entity, orderBy as QueryOrderMap<T>, page.after);
    conditions.push(keysetAfter(orderBy, Cursor.decode(page.after)) as FilterQuery<T>);
  }
  const count = options.count !== false;
  const found = await findViews(
    em,
    entity,
    { $and: conditions } as FilterQuery<T>,
    orderBy,
    page.first + 1,
    { columns: options.columns, countOf: count ? where : undefined },
  );
  // An empty page carries no row to read the count from (past the end, or nothing matches).
  const totalCount = !count ? 0 : (found.count ?? (await em.count(entity, where)));
  const nodes = found.views.slice(0, page.first);
  const keys = Object.keys(orderBy);
  const cursorOf = (node: T) =>
    Cursor.encode(keys.map((key) => (node as Record<string, unknown>)[key]));
  return {
    nodes,
    edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: {
      hasNextPage: found.views.length > page.first,
      endCursor: nodes.length > 0 ? cursorOf(nodes[nodes.length - 1]!) : null,
    },
    totalCount,
    rows: found.rows.slice(0, page.first),
  };
}

/**
 * Up to `limit` rows in this order, as read views (common/read-view.ts) and as read, in one
 * statement: with the extra `columns`, and with `count`, the number of rows matching
 * `countOf` (read from the first row: undefined when no row was found).
 */
export async function findViews<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  orderBy: Readonly<Record<string, 'asc' | 'desc'>>,
  limit: number,
  options: { columns?: ExtraColumns; countOf?: FilterQuery<T> } = {},
): Promise<{ views: T[]; rows: Record<string, unknown>[]; count?: number }> {
  const found = em
    .createQueryBuilder(entity)
    .select('*')
    .where(where as never)
    .orderBy(orderBy as QueryOrderMap<T>)
    .limit(limit);
  const toView = readViewMapper(em, entity);
  const extra = options.columns?.('p');
  if (!extra && !options.countOf) {
    const rows = await found.execute<Record<string, unknown>[]>('all', false);
    return { views: rows.map(toView), rows };
  }
  // What is added goes around the query builder's statement, not into it: a filter on a
  // collection makes it nest and group its select list, which added columns would break.
  const columns = ['p.*'];
  const params: unknown[] = [];
  if (extra) {
    columns.push(extra.sql);
    params.push(...extra.params);
  }
  if (options.countOf) {
    // Not correlated: PostgreSQL computes it once for the statement.
    const counted = em
      .createQueryBuilder(entity)
      .count(undefined, true)
      .where(options.countOf as never)
      .toQuery();
    columns.push(`(${counted.sql}) as ${COUNT_COLUMN}`);
    params.push(...counted.params);
  }
  const page = found.toQuery();
  const meta = em.getMetadata().get(entity);
  const order = Object.entries(orderBy)
    .map(
      ([key, direction]) =>
        `p.${(meta.properties as Record<string, { fieldNames: string[] }>)[key]!.fieldNames[0]} ${direction}`,
    )
    .join(', ');
  const rows = await em.execute<Record<string, unknown>[]>(
    `select ${columns.join(', ')} from (${page.sql}) p order by ${order}`,
    [...params, ...page.params],
  );
  const count = rows.length > 0 ? Number(rows[0]![COUNT_COLUMN]) : undefined;
  return { views: rows.map(toView), rows, ...(options.countOf ? { count } : {}) };
}

/** The name of the count's column: no entity has a property of this name. */
const COUNT_COLUMN = '__total_count';

/** Rows after the cursor's values in this order: `(a, b) > (x, y)`, spelled per direction. */
function keysetAfter(
  orderBy: Readonly<Record<string, 'asc' | 'desc'>>,
  values: unknown[],
): Record<string, unknown> {
  const keys = Object.keys(orderBy);
  return {
    $or: keys.map((key, i) => {
      const condition: Record<string, unknown> = {};
      for (let j = 0; j < i; j++) condition[keys[j]!] = values[j];
      condition[key] = { [orderBy[key] === 'desc' ? '$lt' : '$gt']: values[i] };
      return condition;
    }),
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
