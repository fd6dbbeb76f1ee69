import { ReferenceKind, type EntityProperty } from '@mikro-orm/core';
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

/** Column types whose JSON form is what the driver returns for them; others travel as text. */
const JSON_NATIVE = /^(boolean|smallint|int2|integer|int4|int|jsonb?)$/i;

/**
 * SQL for one row of `entity` at `alias` as a JSON object whose keys are its columns and whose
 * values read as the driver reads them (timestamps, bigints and enums as their text), so that
 * `em.map` or a read view (read-view.ts) takes it exactly as a fetched row. Lazy columns are
 * left out.
 */
export function jsonRowSql<T extends object>(
  em: EntityManager,
  entity: new () => T,
  alias: string,
  extra: Record<string, string> = {},
): string {
  const meta = em.getMetadata().get(entity);
  const columns: string[] = [];
  for (const prop of meta.props as EntityProperty[]) {
    if (prop.lazy || prop.persist === false) continue;
    if (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE) continue;
    prop.fieldNames.forEach((column, i) => {
      const native = JSON_NATIVE.test(prop.columnTypes?.[i] ?? '');
      columns.push(`'${column}', ${alias}.${column}${native ? '' : '::text'}`);
    });
  }
  for (const [key, sql] of Object.entries(extra)) columns.push(`'${key}', ${sql}`);
  return `json_build_object(${columns.join(', ')})`;
}

/**
 * The same list as `loadTopPerParent` for one parent, as a correlated subquery answering a
 * JSON array (oldest rank first) of rows as `jsonRowSql` gives them: several lists of a page's
 * parents then come back in one statement. `parentIdSql` names the parent's id in the outer query; each
 * row may carry `extra` keys (say, the row of a referenced user).
 */
export function topPerParentJsonSql<T extends object>(
  em: EntityManager,
  query: TopPerParentQuery<T>,
  parentIdSql: string,
  extra: Record<string, string> = {},
): { sql: string; params: unknown[] } {
  return {
    sql: `(select coalesce(json_agg(ranked.row order by ranked.row_rank), '[]')
             from (select ${jsonRowSql(em, query.entity, 't', extra)} as row,
                          row_number() over (order by ${query.orderBy}) as row_rank
                     from ${query.table} t
                    where t.${query.parentColumn} = ${parentIdSql}
                      ${query.where ? `and ${query.where.sql}` : ''}
                    order by ${query.orderBy}
                    limit ${MAX_PAGE_SIZE}) ranked)`,
    params: query.where?.params ?? [],
  };
}
