import type { EntityManager } from '@mikro-orm/postgresql';
import { assertFirst, MAX_PAGE_SIZE } from './page.js';

export interface TopPerParentQuery<T> {
  entity: new () => T;
  table: string;
  parentColumn: string;
  /** Extra condition on the table's alias `t`, with its parameters. */
  where?: { sql: string; params: unknown[] };
  /** The order inside each parent, on alias `t`. */
  orderBy: string;
}

/**
 * The first MAX_PAGE_SIZE rows of each parent, in order, for a whole batch of parents in
 * one statement: however many rows a parent has, a request never loads more than the cap.
 */
export async function loadTopPerParent<T extends object>(
  em: EntityManager,
  query: TopPerParentQuery<T>,
  parentIds: readonly string[],
): Promise<Map<string, T[]>> {
  const byParent = new Map<string, T[]>();
  if (parentIds.length === 0) return byParent;
  const rows = await em.execute<Record<string, unknown>[]>(
    `select * from (
       select t.*, row_number() over (partition by t.${query.parentColumn} order by ${query.orderBy}) as row_rank
         from ${query.table} t
        where t.${query.parentColumn} in (${parentIds.map(() => '?').join(', ')})
          ${query.where ? `and ${query.where.sql}` : ''}
     ) ranked
     where row_rank <= ?
     order by ${query.parentColumn}, row_rank`,
    [...parentIds, ...(query.where?.params ?? []), MAX_PAGE_SIZE],
  );
  for (const { row_rank: _rank, ...row } of rows) {
    const parentId = row[query.parentColumn] as string;
    const list = byParent.get(parentId) ?? [];
    list.push(em.map(query.entity, row));
    byParent.set(parentId, list);
  }
  return byParent;
}

/** The first `first` items of an already loaded (and capped) list, after checking `first`. */
export function firstOf<T>(items: readonly T[], first: number): T[] {
  return items.slice(0, assertFirst(first));
}
