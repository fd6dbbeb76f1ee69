import { isUuid } from '../../common/ids.js';
import { MAX_PAGE_SIZE } from '../../common/page.js';
import { UNKNOWN_MACHINE } from '../../modules/machines/machine-writer.js';
import { RestError } from '../errors.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RestRequest } from './route.js';

/** Reading a REST request's body, query and path into GraphQL variables. */

export type Json = Record<string, unknown>;

export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const ASSET_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** The first of `names` present in the body; it must be a string when present. */
export function text(body: Json, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string')
      throw RestError.badInput(`${name} must be a string`, { field: name });
    return value;
  }
  return undefined;
}

export function requireText(body: Json, ...names: string[]): string {
  const value = text(body, ...names);
  if (value === undefined)
    throw RestError.badInput(`${names.join(' or ')} is required`, { field: names[0] });
  return value;
}

/** `?limit=&cursor=` of the list routes, as the connection's `first` and `after`. */
export function pageArgs(req: RestRequest): { first: number | undefined; after: string | null } {
  const limit = req.query.limit;
  let first: number | undefined;
  if (limit !== undefined && limit !== '') {
    first = /^\d{1,3}$/.test(limit) ? Number(limit) : NaN;
    if (!(first >= 1 && first <= MAX_PAGE_SIZE))
      throw RestError.badInput(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, {
        field: 'limit',
        in: 'query',
      });
  }
  return { first, after: req.query.cursor || null };
}

/**
 * A list parameter's values (`?status=OK&status=FAULT`, or comma-separated `?status=ok,fault`),
 * upper-cased and checked against the enum's values; undefined when none is given.
 */
export function enumList<T extends string>(
  values: string[] | undefined,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const items = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (items.length === 0) return undefined;
  for (const item of items)
    if (!(allowed as readonly string[]).includes(item))
      throw RestError.badInput(`${name} must be ${allowed.join(', ')} (any case)`, {
        field: name,
        in: 'query',
        allowed,
      });
  return [...new Set(items)] as T[];
}

/** A body field that must be one of an enum's values, given in any case; undefined if absent. */
export function enumField<T extends string>(
  body: Json,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  if (upper === undefined || !(allowed as readonly string[]).includes(upper))
    throw RestError.badInput(`${name} must be one of ${allowed.join(', ')} (any case)`, {
      field: name,
      allowed,
    });
  return upper as T;
}

/** A body field that must be a whole number when present (its range is the operation's). */
export function integerField(body: Json, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw RestError.badInput(`${name} must be a whole number`, { field: name });
  // GraphQL's Int is 32-bit; beyond it the operation's own range check never runs.
  if (Math.abs(value) > 2 ** 31 - 1)
    throw RestError.badInput(`${name} is out of range`, { field: name });
  return value;
}

/** A connection as REST's page: `items`, `totalCount`, `nextCursor`. */
export function page<T>(connection: Connection<T>, map: (node: T) => unknown = (n) => n) {
  return {
    items: connection.nodes.map(map),
    totalCount: connection.totalCount,
    nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null,
  };
}

/** A machine in a path: its id, or its asset code resolved through the `machine` query. */
export async function machineId(req: RestRequest): Promise<string> {
  const ref = req.params.machineId ?? '';
  if (isUuid(ref)) return ref.toLowerCase();
  if (!ASSET_CODE.test(ref)) throw RestError.notFound('Machine', ref.slice(0, 64));
  const { data } = await req.call.run<{ machine: { id: string } }>(
    Q.machineByCode,
    { assetCode: ref },
    { assetCode: 'machineId' },
  );
  return data.machine.id;
}

export function uuidParam(req: RestRequest, name: string, what: string): string {
  const value = req.params[name] ?? '';
  if (!isUuid(value)) throw RestError.notFound(what, value.slice(0, 64));
  return value.toLowerCase();
}

/**
 * Mutations treat a machine named inside their input as bad input when it does not exist;
 * in REST the machine is in the path, so that is a 404 (whatever scopes the token holds).
 */
export async function machineInPath<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof RestError &&
      error.code === 'BAD_USER_INPUT' &&
      error.details?.machineId === id &&
      error.details.reason === UNKNOWN_MACHINE
    ) {
      throw RestError.notFound('Machine', id);
    }
    throw error;
  }
}
