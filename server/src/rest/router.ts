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
import { REVOKED } from '../modules/auth/authenticate.js';
import { AppError } from '../common/app-error.js';
import { RestError, restErrorHandler, sendError, toRestError } from './errors.js';
import { GraphqlCall } from './graphql-call.js';
import { readRouteInput } from './request-input.js';
import { buildOpenApiDocument } from './openapi.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { AttachmentRuntime } from '../modules/attachments/attachment.service.js';
import { refuseWhileBodyArrives } from './multipart.js';
import {
  FILE_ROUTES,
  OPENAPI_PATH,
  ROUTES,
  type FileRouteSpec,
  type RestResult,
  type RouteSpec,
} from './routes/index.js';

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
  /** Photos (the file routes); absent, those routes answer 500. */
  attachments?: AttachmentRuntime;
}

export const DEFAULT_BODY_LIMIT = '64kb';
const JSON_TYPES = ['application/json', 'application/*+json'];
const FORM_TYPE = 'application/x-www-form-urlencoded';
const PREFIXES = ['/api', '/auth'];

/** `/api/machines/{machineId}/` → `/api/machines/:machineId` (a trailing slash is optional). */
export function expressPath(openApiPath: string): string {
  const path = openApiPath.replace(/\{(\w+)\}/g, ':$1').replace(/\/$/, '');
  return path === '' ? '/' : path;
}

/**
 * The REST adapter: `/api/...` and `/auth/token/`, built from the route table in routes/index.ts.
 * Mount at the root of the app; it answers only under its prefixes.
 */
export function createRestRouter(deps: RestDeps): Router {
  const { apollo, buildContext, logger } = deps;
  const limiter = new RateLimiter(deps.options?.rateLimit ?? DEFAULT_RATE_LIMIT);
  const openApi = buildOpenApiDocument();
  const router = express.Router({ caseSensitive: true, strict: false });

  const limit = deps.options?.bodyLimit ?? DEFAULT_BODY_LIMIT;
  // Any JSON value is parsed, so a body that is JSON but not an object is told so (not "malformed").
  const json = express.json({ limit, type: JSON_TYPES, strict: false });
  const form = express.urlencoded({ limit, type: FORM_TYPE, extended: false });

  router.use(PREFIXES, acceptTokenScheme);

  router.get(expressPath(OPENAPI_PATH), (_req, res) => {
    res.json(openApi);
  });

  for (const route of ROUTES) {
    const forms = route.requestBody?.form === true;
    router[route.method](
      expressPath(route.path),
      refuseOtherBodies(forms ? [...JSON_TYPES, FORM_TYPE] : JSON_TYPES),
      json,
      ...(forms ? [form] : []),
      (req: Request, res: Response, next: NextFunction) => {
        handle(route, req, res).catch(next);
      },
    );
  }

  for (const route of FILE_ROUTES) {
    router[route.method](expressPath(route.path), (req: Request, res: Response) => {
      void handleFile(route, req, res);
    });
  }

  // Known path, other method: 405 with Allow; anything else under the prefixes: 404.
  const allowed = new Map<string, Set<string>>();
  for (const route of [...ROUTES, ...FILE_ROUTES]) {
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

  /** The REST edge every route passes: the caller, no display links, the rate limit. */
  async function admit(path: string, req: Request, res: Response): Promise<RequestContext> {
    const ctx = await buildContext(req, res);
    if (isDisplay(ctx.actor)) {
      // A wall screen reads the board over GraphQL; no REST route (uploads, CSV, writes) is its.
      ctx.audit.denied(`REST ${req.method} ${path}: display link`);
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
    return ctx;
  }

  /**
   * A file route: admitted like the others and signed in, then it reads the body and writes
   * the answer itself. A refusal sent while the body still arrives lets the client read it
   * (refuseWhileBodyArrives) instead of storing or even parsing the rest.
   */
  async function handleFile(route: FileRouteSpec, req: Request, res: Response): Promise<void> {
    try {
      const ctx = await admit(route.path, req, res);
      if (!ctx.actor) {
        throw ctx.revokedDisplay
          ? new RestError(401, 'UNAUTHENTICATED', 'This display link was revoked', {
              reason: REVOKED,
            })
          : new RestError(401, 'UNAUTHENTICATED', 'Sign in first');
      }
      if (!deps.attachments) throw new Error('photos are not set up on this server');
      await route.handle({ req, res, ctx, actor: ctx.actor, attachments: deps.attachments });
    } catch (error) {
      const restError = toRestError(error, logger, req);
      if (res.headersSent) res.destroy();
      else if (req.complete || req.destroyed) sendError(res, restError);
      else {
        // Written past `res.send`, so the request id is added here (see requestIdInErrors).
        const { error: answer } = restError.body();
        refuseWhileBodyArrives(req, res, restError.status, restError.headers, {
          error: { ...answer, requestId: req.id },
        });
      }
    }
  }

  async function handle(route: RouteSpec, req: Request, res: Response): Promise<void> {
    const ctx = await admit(route.path, req, res);
    const input = readRouteInput(req, route);

    const keyHeader = req.header('idempotency-key');
    if (!route.idempotent || keyHeader === undefined || !ctx.actor) {
      send(
        res,
        route,
        await run(route, { ...input, call: new GraphqlCall(apollo, ctx), ctx }, req),
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
      { ...input, call: new GraphqlCall(apollo, guardedCtx), ctx: guardedCtx },
      req,
    );
    const owner = await new IdempotencyService(ctx.forkEm()).settle(
      request,
      result.status,
      result.body,
    );
    if (owner) sendOwnerOutcome(res, route, owner);
    else send(res, route, result);
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
function sendOwnerOutcome(res: Response, route: RouteSpec, owner: KeyOwnedElsewhere): void {
  if (owner.kind === 'replay') {
    res.setHeader('Idempotent-Replayed', 'true');
    send(res, route, { status: owner.status, body: owner.body });
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

function send(
  res: Response,
  route: RouteSpec,
  result: RestResult & { headers?: Record<string, string> },
): void {
  const headers = { ...route.headersFor?.(result), ...result.headers };
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(result.status).json(result.body);
}

/** A body of another type than the route takes is 415, whatever the route (an empty body is fine). */
function refuseOtherBodies(types: string[]) {
  const wanted = types.includes(FORM_TYPE)
    ? 'Send the body as application/json or application/x-www-form-urlencoded'
    : 'Send the body as application/json';
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (hasBody && !req.is(types)) {
      sendError(res, new RestError(415, 'UNSUPPORTED_MEDIA_TYPE', wanted));
      return;
    }
    next();
  };
}

/**
 * Django REST Framework's clients send `Authorization: Token <token>`; the original spec was
 * written for them. The REST adapter takes it as the bearer credential it is.
 */
function acceptTokenScheme(req: Request, _res: Response, next: NextFunction): void {
  const match = /^Token\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match) req.headers.authorization = `Bearer ${match[1]}`;
  next();
}

function sortedQuery(req: Request): string {
  const index = req.originalUrl.indexOf('?');
  if (index === -1) return '';
  const params = new URLSearchParams(req.originalUrl.slice(index + 1));
  params.sort();
  const text = params.toString();
  return text ? `?${text}` : '';
}
