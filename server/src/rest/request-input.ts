import type { Request } from 'express';
import { RestError } from './errors.js';
import type { RouteSpec } from './routes/route.js';

/**
 * The REST edge: what every route's request must be before its handler runs. Checked once
 * here, for every route, so a handler only ever sees a body that is an object, query
 * parameters given the way the route declares them, and no text PostgreSQL cannot store.
 */

export interface RouteInput {
  params: Record<string, string>;
  /** The route's single-valued query parameters. */
  query: Record<string, string | undefined>;
  /** The route's list parameters (`schema.type: 'array'`), every value given, in order. */
  lists: Record<string, string[] | undefined>;
  body: Record<string, unknown>;
}

type Where = 'body' | 'query' | 'path';

export function readRouteInput(req: Request, route: RouteSpec): RouteInput {
  const params = req.params as Record<string, string>;
  const rawQuery = req.query as Record<string, unknown>;
  const rawBody: unknown = req.body;
  // PostgreSQL text cannot hold U+0000: refused here rather than failing in the driver.
  refuseNul(params, 'path');
  refuseNul(rawQuery, 'query');
  refuseNul(rawBody, 'body');
  return { params, ...readQuery(rawQuery, route), body: readBody(rawBody, route) };
}

/**
 * The query parameters of a file route (it reads its own body): the same NUL refusal and the
 * same list and single-value rules as every other route's.
 */
export function readQueryInput(
  req: Request,
  route: Pick<RouteSpec, 'parameters'>,
): Pick<RouteInput, 'query' | 'lists'> {
  const rawQuery = req.query as Record<string, unknown>;
  refuseNul(rawQuery, 'query');
  return readQuery(rawQuery, route);
}

/**
 * Deeper than any route's input (flat objects, a list of ids, a little `meta`): refused before
 * anything recursive walks it. 64 kB of `[` parse fine and overflow the stack of any walk.
 */
const MAX_DEPTH = 32;

function refuseNul(value: unknown, where: Where): void {
  const field = nulAt(value, '', where, 0);
  if (field === undefined) return;
  const name = field || where;
  throw RestError.badInput(`${name} must not contain the NUL character (\\u0000)`, {
    field: name,
    in: where,
  });
}

/** The path (`a.b[2]`) of the first string holding U+0000, or undefined when none does. */
function nulAt(value: unknown, path: string, where: Where, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) {
    throw RestError.badInput(`The ${where} is nested more than ${MAX_DEPTH} levels deep`, {
      in: where,
    });
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], `${path}[${i}]`, where, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = nulAt(item, path ? `${path}.${key}` : key, where, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function readBody(body: unknown, route: RouteSpec): Record<string, unknown> {
  // No body at all is `undefined` (body-parser leaves it so); a JSON `null` is a body.
  if (body === undefined) {
    if (route.requestBody?.required)
      throw RestError.badInput('A JSON object body is required', { in: 'body' });
    return {};
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const received = body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body;
    throw RestError.badInput(`The body must be a JSON object, not ${articled(received)}`, {
      in: 'body',
      received,
    });
  }
  return body as Record<string, unknown>;
}

const articled = (kind: string) =>
  kind === 'null' ? 'null' : /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;

/**
 * The route's query parameters: a list parameter takes every value given (`?status=OK&status=FAULT`);
 * any other given twice is refused, rather than one value silently winning. Parameters the
 * route does not declare are ignored.
 */
function readQuery(
  raw: Record<string, unknown>,
  route: Pick<RouteSpec, 'parameters'>,
): Pick<RouteInput, 'query' | 'lists'> {
  const query: RouteInput['query'] = {};
  const lists: RouteInput['lists'] = {};
  for (const param of route.parameters ?? []) {
    if (param.in !== 'query') continue;
    const value = raw[param.name];
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    if (param.schema.type === 'array') {
      lists[param.name] = values;
    } else if (values.length > 1) {
      throw RestError.badInput(`${param.name} may be given only once`, {
        field: param.name,
        in: 'query',
      });
    } else {
      query[param.name] = values[0];
    }
  }
  return { query, lists };
}
