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

type Row = Record<string, unknown>;
type Order = Readonly<Record<string, 'asc' | 'desc'>>;

/**
 * `findPage` for answers that are only read (the board): the same keyset page, order and
 * cursors, but the rows come back as read views (common/read-view.ts), with no entity,
 * identity map or change tracking, and the count in the page's own statement. Sort keys must
 * be scalar properties. `columns` adds select-list columns to that statement; `rows` are the
 * rows as read, theirs included, in the order of `nodes`.
 */
export async function findViewPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  page: Page,
  orderBy: Order,
  options: { count?: boolean; columns?: ExtraColumns } = {},
): Promise<ConnectionShape<T> & { rows: Row[] }> {
  assertFirst(page.first);
  let after: unknown[] | undefined;
  if (page.after) {
    assertCursorFits(em, entity, orderBy as QueryOrderMap<T>, page.after);
    after = Cursor.decode(page.after);
  }
  const count = options.count !== false;
  const found = await findViews(em, entity, where, orderBy, page.first + 1, {
    after,
    count,
    columns: options.columns,
  });
  // An empty page carries no row to read the count from (past the end, or nothing matches).
  const totalCount = !count ? 0 : (found.count ?? (await em.count(entity, where)));
  const nodes = found.views.slice(0, page.first);
  const keys = Object.keys(orderBy);
  const cursorOf = (node: T) => Cursor.encode(keys.map((key) => (node as Row)[key]));
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
 * Up to `limit` rows matching `where`, in this order, as read views (common/read-view.ts) and
 * as read, in ONE statement: after the keyset values `after`, with the extra `columns`, and
 * with `count`, the number of rows matching `where` (read from the first row: undefined when
 * no row was found).
 *
 * The query builder turns `where` into SQL once — the set of matching rows, the rules of
 * whoever passed it — and the page, its columns and its count are written around it: a
 * filter on a collection makes the builder nest and group its own select list, which added
 * columns and limits would break.
 */
export async function findViews<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  orderBy: Order,
  limit: number,
  options: { after?: unknown[]; count?: boolean; columns?: ExtraColumns } = {},
): Promise<{ views: T[]; rows: Row[]; count?: number }> {
  const matching = em
    .createQueryBuilder(entity)
    .select('*')
    .where(where as never)
    .toQuery();
  const properties = em.getMetadata().get(entity).properties as Record<
    string,
    { fieldNames: string[] }
  >;
  const keys = Object.entries(orderBy).map(([key, direction]) => ({
    column: `p.${properties[key]!.fieldNames[0]}`,
    direction,
  }));
  const columns = ['p.*'];
  const params: unknown[] = [];
  const extra = options.columns?.('p');
  if (extra) {
    columns.push(extra.sql);
    params.push(...extra.params);
  }
  if (options.count) {
    // Not correlated: PostgreSQL computes it once for the statement.
    columns.push(`(select count(*) from (${matching.sql}) c) as ${COUNT_COLUMN}`);
    params.push(...matching.params);
  }
  params.push(...matching.params);
  let keyset = '';
  if (options.after) {
    // (a, b) after (x, y) in this order: a > x, or a = x and b > y ('<' where descending).
    const terms = keys.map(({ column, direction }, i) => {
      const equal = keys.slice(0, i).map((key) => `${key.column} = ?`);
      return `(${[...equal, `${column} ${direction === 'desc' ? '<' : '>'} ?`].join(' and ')})`;
    });
    keyset = `where ${terms.join(' or ')}`;
    keys.forEach((_, i) => params.push(...options.after!.slice(0, i + 1)));
  }
  const order = keys.map(({ column, direction }) => `${column} ${direction}`).join(', ');
  const rows = await em.execute<Row[]>(
    `select ${columns.join(', ')} from (${matching.sql}) p ${keyset} order by ${order} limit ?`,
    [...params, limit],
  );
  const count = options.count && rows.length > 0 ? Number(rows[0]![COUNT_COLUMN]) : undefined;
  return { views: rows.map(readViewMapper(em, entity)), rows, count };
}

/** The name of the count's column: no entity has a property of this name. */
const COUNT_COLUMN = '__total_count';

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
