import type { ApolloServer } from '@apollo/server';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../config/logger.js';
import type { RequestContext } from '../graphql/context.js';
import type { ContextFactory } from '../http/request-context.js';
import {
  assertIdempotencyKey,
  IdempotencyService,
  IdempotentRequest,
  requestFingerprint,
  type KeyOwnedElsewhere,
} from '../modules/idempotency/idempotency.service.js';
import { isDisplay } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { RestError, restErrorHandler, sendError, toRestError } from './errors.js';
import { GraphqlCall } from './graphql-call.js';
import { buildOpenApiDocument } from './openapi.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { OPENAPI_PATH, ROUTES, type RestResult, type RouteSpec } from './routes.js';

export interface RestOptions {
  /** Bodies larger than this are refused with 413 before being read whole. */
  bodyLimit?: string;
  rateLimit?: RateLimitOptions;
}

export interface RestDeps {
  apollo: ApolloServer<RequestContext>;
  buildContext: ContextFactory;
  logger: Logger;
  options?: RestOptions;
}

export const DEFAULT_BODY_LIMIT = '64kb';
const JSON_TYPES = ['application/json', 'application/*+json'];
const PREFIXES = ['/api', '/auth'];

/** `/api/machines/{machineId}/` → `/api/machines/:machineId` (a trailing slash is optional). */
export function expressPath(openApiPath: string): string {
  const path = openApiPath.replace(/\{(\w+)\}/g, ':$1').replace(/\/$/, '');
  return path === '' ? '/' : path;
}

/**
 * The REST adapter: `/api/...` and `/auth/token/`, built from the route table in routes.ts.
 * Mount at the root of the app; it answers only under its prefixes.
 */
export function createRestRouter(deps: RestDeps): Router {
  const { apollo, buildContext, logger } = deps;
  const limiter = new RateLimiter(deps.options?.rateLimit ?? DEFAULT_RATE_LIMIT);
  const openApi = buildOpenApiDocument();
  const router = express.Router({ caseSensitive: true, strict: false });

  router.use(
    PREFIXES,
    refuseNonJsonBodies,
    express.json({ limit: deps.options?.bodyLimit ?? DEFAULT_BODY_LIMIT, type: JSON_TYPES }),
  );

  router.get(expressPath(OPENAPI_PATH), (_req, res) => {
    res.json(openApi);
  });

  for (const route of ROUTES) {
    router[route.method](
      expressPath(route.path),
      (req: Request, res: Response, next: NextFunction) => {
        handle(route, req, res).catch(next);
      },
    );
  }

  // Known path, other method: 405 with Allow; anything else under the prefixes: 404.
  const allowed = new Map<string, Set<string>>();
  for (const route of ROUTES) {
    const path = expressPath(route.path);
    (allowed.get(path) ?? allowed.set(path, new Set()).get(path)!).add(route.method.toUpperCase());
  }
  allowed.set(expressPath(OPENAPI_PATH), new Set(['GET']));
  for (const [path, methods] of allowed) {
    router.all(path, (_req, res) => {
      res.setHeader('Allow', [...methods].join(', '));
      sendError(
        res,
        new RestError(405, 'METHOD_NOT_ALLOWED', 'This method is not allowed here', {
          allow: [...methods],
        }),
      );
    });
  }
  router.use(PREFIXES, (_req: Request, res: Response) => {
    sendError(res, new RestError(404, 'NOT_FOUND', 'No such route; see /api/openapi.json'));
  });
  router.use(PREFIXES, restErrorHandler(logger));

  async function handle(route: RouteSpec, req: Request, res: Response): Promise<void> {
    const ctx = await buildContext(req, res);
    if (isDisplay(ctx.actor)) {
      // A wall screen reads the board over GraphQL; no REST route (uploads, CSV, writes) is its.
      ctx.audit.denied(`REST ${req.method} ${route.path}: display link`);
      throw new RestError(403, 'FORBIDDEN', 'A display link only reads the board');
    }
    const principal = ctx.actor ? `${ctx.actor.kind}:${ctx.actor.id}` : `ip:${req.ip ?? 'unknown'}`;
    const allowance = limiter.take(principal);
    if (!allowance.ok) {
      ctx.logger.warn(
        {
          actor: ctx.actor ? { kind: ctx.actor.kind, id: ctx.actor.id } : null,
          ip: req.ip,
          path: req.path,
        },
        'REST rate limit exceeded',
      );
      throw new RestError(
        429,
        'TOO_MANY_REQUESTS',
        'Too many requests; slow down',
        { retryAfterSeconds: allowance.retryAfterSeconds },
        {
          'Retry-After': String(allowance.retryAfterSeconds),
        },
      );
    }
    const body = bodyObject(req, route);
    const query = firstValues(req.query);
    const params = req.params as Record<string, string>;

    const keyHeader = req.header('idempotency-key');
    if (!route.idempotent || keyHeader === undefined || !ctx.actor) {
      send(
        res,
        await run(route, { params, query, body, call: new GraphqlCall(apollo, ctx), ctx }, req),
      );
      return;
    }

    let key: string;
    try {
      key = assertIdempotencyKey(keyHeader);
    } catch (error) {
      if (error instanceof AppError) throw RestError.badInput(error.message, error.details);
      throw error;
    }
    const path = req.path.replace(/\/+$/, '') + sortedQuery(req);
    const request = new IdempotentRequest(
      { kind: ctx.actor.kind, id: ctx.actor.id },
      key,
      requestFingerprint(req.method, path, req.body),
    );
    // The key is claimed inside the write transaction itself (the context's write guard);
    // a retry runs the route again and finds the key taken before it changes anything.
    const guardedCtx: RequestContext = { ...ctx, writeGuard: request };
    const result = await run(
      route,
      { params, query, body, call: new GraphqlCall(apollo, guardedCtx), ctx: guardedCtx },
      req,
    );
    const owner = await new IdempotencyService(ctx.forkEm()).settle(
      request,
      result.status,
      result.body,
    );
    if (owner) sendOwnerOutcome(res, owner);
    else send(res, result);
  }

  /** Runs the route; failures become their REST answer (so they can be stored with the key). */
  async function run(
    route: RouteSpec,
    restReq: Parameters<RouteSpec['handle']>[0],
    req: Request,
  ): Promise<RestResult & { headers?: Record<string, string> }> {
    try {
      return await route.handle(restReq);
    } catch (error) {
      const restError = toRestError(error, restReq.ctx.logger, req);
      return { status: restError.status, body: restError.body(), headers: restError.headers };
    }
  }

  return router;
}

/** The answer of a request whose key another request holds: its replay, or why not. */
function sendOwnerOutcome(res: Response, owner: KeyOwnedElsewhere): void {
  if (owner.kind === 'replay') {
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(owner.status).json(owner.body);
  } else if (owner.kind === 'mismatch') {
    sendError(
      res,
      new RestError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for another request',
      ),
    );
  } else {
    sendError(
      res,
      new RestError(
        409,
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this Idempotency-Key is still being processed',
        undefined,
        { 'Retry-After': '1' },
      ),
    );
  }
}

function send(res: Response, result: RestResult & { headers?: Record<string, string> }): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status).json(result.body);
}

/** A body that is not JSON is 415, whatever the route (an empty body is fine). */
function refuseNonJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !req.is(JSON_TYPES)) {
    sendError(
      res,
      new RestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'),
    );
    return;
  }
  next();
}

function bodyObject(req: Request, route: RouteSpec): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null) {
    if (route.requestBody?.required) throw RestError.badInput('A JSON object body is required');
    return {};
  }
  if (typeof body !== 'object' || Array.isArray(body))
    throw RestError.badInput('The body must be a JSON object');
  return body as Record<string, unknown>;
}

function firstValues(query: Request['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[name] = first;
  }
  return out;
}

function sortedQuery(req: Request): string {
  const index = req.originalUrl.indexOf('?');
  if (index === -1) return '';
  const params = new URLSearchParams(req.originalUrl.slice(index + 1));
  params.sort();
  const text = params.toString();
  return text ? `?${text}` : '';
}
