import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * "Something a cache may hold has changed", sent after the change committed. Machine events
 * already travel on the bus; these are the changes that have no event but that caches depend
 * on: who a credential belongs to and what it may do, and names the board shows.
 */
export type Invalidation =
  /** Role, name, active flag or token version of a user changed (or all their sessions ended). */
  | { kind: 'user'; userId: string }
  /** One session (a refresh-token family) ended: logout, reuse detection. */
  | { kind: 'session'; sessionId: string }
  /** An API token or display link was revoked or changed. */
  | { kind: 'apiClient'; apiClientId: string }
  /** A building was renamed. */
  | { kind: 'building'; buildingId: string }
  /** Anything may have changed (a replica lost its bus connection and may have missed some). */
  | { kind: 'all' };

export type InvalidationListener = (invalidation: Invalidation) => void;

/**
 * What a service needs to announce an invalidation: the bus sends it through `em`'s own
 * connection (never the LISTEN one, which may be reconnecting), after the change committed.
 */
export interface Invalidations {
  publishInvalidation(em: EntityManager, invalidation: Invalidation): Promise<void>;
}

const KINDS = new Set(['user', 'session', 'apiClient', 'building', 'all']);

export function encodeInvalidation(invalidation: Invalidation): string {
  return JSON.stringify(invalidation);
}

/** Anything unreadable counts as "all": dropping a cache is always safe, keeping it is not. */
export function decodeInvalidation(payload: string): Invalidation {
  try {
    const value = JSON.parse(payload) as Partial<Invalidation> | null;
    if (value && typeof value === 'object' && KINDS.has(String(value.kind))) {
      return value as Invalidation;
    }
  } catch {
    // fall through
  }
  return { kind: 'all' };
}

/** ctx.memo key of the request's `bus.sync()`: one barrier serves every cache of a request. */
export const REQUEST_SYNC = 'bus.sync';

/**
 * The request's barrier, taken at most once: a request reads as of its arrival, so the
 * identity cache and the board cache can share one `bus.sync()`.
 */
export function onceSync(sync: () => Promise<boolean>): () => Promise<boolean> {
  let synced: Promise<boolean> | undefined;
  return () => (synced ??= sync());
}
