import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { EventBus } from '../events/event-bus.js';
import { onceSync, REQUEST_SYNC } from '../events/invalidation.js';
import type { EventSequencer } from '../events/event-sequencer.js';
import type { RequestContext } from '../graphql/context.js';
import { bearerToken } from '../modules/auth/authenticate.js';
import type { IdentityCache } from '../modules/auth/identity-cache.js';
import type { Metrics } from './metrics.js';
import { expressCookieJar } from './cookies.js';

export interface ContextDeps {
  orm: MikroORM;
  bus: EventBus;
  sequencer: EventSequencer;
  config: Config;
  logger: Logger;
  metrics?: Metrics;
  /** Who a bearer credential is, kept between requests (no SQL statement per request). */
  identity: IdentityCache;
}

export type ContextFactory = (req: Request, res: Response) => Promise<RequestContext>;

/**
 * Builds one operation's context from an HTTP request: its own EntityManager fork, the
 * caller resolved from the bearer credential, a logger tagged with the request id. GraphQL
 * over HTTP and the REST adapter share it, so both see the same caller the same way.
 */
export function createContextFactory(deps: ContextDeps): ContextFactory {
  const { orm, bus, sequencer, config, logger, metrics, identity } = deps;
  return async (req, res) => {
    const em = orm.em.fork();
    const sync = onceSync(() => bus.sync());
    const { actor, revokedDisplay } = await identity.authenticate(
      em,
      bearerToken(req.headers.authorization),
      sync,
    );
    const requestLogger = logger.child({ requestId: req.id });
    return {
      requestId: req.id,
      actor,
      revokedDisplay,
      em,
      forkEm: () => orm.em.fork(),
      bus,
      sequencer,
      config,
      logger: requestLogger,
      ip: req.ip ?? 'unknown',
      userAgent: req.headers['user-agent'],
      cookies: expressCookieJar(req, res),
      audit: {
        denied: (reason) =>
          requestLogger.warn(
            { actor: actor ? { kind: actor.kind, id: actor.id } : null, ip: req.ip, reason },
            'access denied',
          ),
      },
      memo: new Map([[REQUEST_SYNC, sync]]),
      metrics,
    };
  };
}
