import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../common/actor.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { WriteGuard } from '../db/write-guard.js';
import type { EventBus } from '../events/event-bus.js';
import type { EventSequencer } from '../events/event-sequencer.js';
import type { Metrics } from '../http/metrics.js';
import type { DirectDelivery } from './shared-subscribe.js';

/** Writes the refresh cookie for browsers; absent for transports without cookies. */
export interface CookieJar {
  read(name: string): string | undefined;
  set(name: string, value: string, options: { maxAgeSeconds: number; path: string }): void;
  clear(name: string, path: string): void;
}

export interface AuditLog {
  /** A denied action, with who tried it; never the credentials. */
  denied(reason: string): void;
}

/**
 * Everything one operation needs. `em` is this operation's own fork: no identity map is
 * shared between requests.
 */
export interface RequestContext {
  requestId: string;
  actor: Actor | null;
  /** No actor because the bearer was a revoked display link (errors then say REVOKED). */
  revokedDisplay?: boolean;
  em: EntityManager;
  bus: EventBus;
  /** The process's ordered stream of committed events (subscriptions read it). */
  sequencer: EventSequencer;
  /** A fresh EntityManager fork; subscriptions take one per delivered event. */
  forkEm: () => EntityManager;
  config: Config;
  logger: Logger;
  ip: string;
  userAgent: string | undefined;
  cookies: CookieJar | undefined;
  audit: AuditLog;
  /** Per-operation memo for dataloaders and other request-scoped helpers. */
  memo: Map<string, unknown>;
  metrics?: Metrics;
  /** Runs first inside every write transaction of this request (REST Idempotency-Key). */
  writeGuard?: WriteGuard;
  /**
   * The present for rules that compare stored times with it (the repeat-failure window).
   * Absent: the wall clock. The demo's back-dated writes set it to the time they replay.
   */
  clock?: () => Date;
  /** Socket subscriptions only: where shared broadcasts write this subscription's frames. */
  directDelivery?: DirectDelivery;
}

/** What a service needs from the request; services never see GraphQL types. */
export type ServiceContext = Pick<
  RequestContext,
  | 'em'
  | 'bus'
  | 'config'
  | 'logger'
  | 'memo'
  | 'ip'
  | 'userAgent'
  | 'cookies'
  | 'writeGuard'
  | 'audit'
  | 'clock'
>;

/** Returns the request's instance of something, creating it on first use. */
export function memoized<T>(ctx: Pick<RequestContext, 'memo'>, key: string, create: () => T): T {
  let value = ctx.memo.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    ctx.memo.set(key, value);
  }
  return value;
}
