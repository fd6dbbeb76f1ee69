import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config/config.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Invalidation } from '../../events/invalidation.js';
import { authenticate, type Authentication } from './authenticate.js';

/** Enough for every open session of a large plant; the oldest entry goes first beyond it. */
const MAX_ENTRIES = 20_000;
/**
 * A safety net only: every change that ends or alters a credential is invalidated over the
 * bus at once. It also bounds how stale an API client's `lastUsedAt` hint may get (it is
 * written by the uncached path, at most once a minute).
 */
const MAX_AGE_MS = 60_000;

interface Entry {
  authentication: Authentication;
  storedAt: number;
}

/**
 * Who a bearer credential is, without a SQL statement per request. Only credentials that
 * resolved to an actor are kept (a refused one is looked up every time). What ends or alters
 * a credential — deactivation, role or name change, password change, logout, sign-out
 * everywhere, revocation of an API token or display link — is announced on the event bus
 * (`Invalidation`) and drops the entries it concerns on every replica. A cached answer is used
 * only after `bus.sync()`: with several replicas, a change committed on another one before
 * this request arrived has been heard by then.
 */
export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on with every invalidation: a lookup that raced one does not store its answer. */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly config: Pick<Config, 'jwtSecret'>,
  ) {
    this.unsubscribe = bus.onInvalidation((invalidation) => this.invalidate(invalidation));
  }

  /** `sync`: the request's barrier (bus.sync() once per request), shared with other caches. */
  async authenticate(
    em: EntityManager,
    token: string | undefined,
    sync: () => Promise<boolean> = () => this.bus.sync(),
  ): Promise<Authentication> {
    if (!token) return authenticate(em, this.config, token);
    const entry = this.entries.get(token);
    if (entry && this.isFresh(entry) && (await sync())) {
      // sync() may have let an invalidation through: look again.
      if (this.entries.get(token) === entry) return entry.authentication;
    }
    const generation = this.generation;
    const authentication = await authenticate(em, this.config, token);
    if (authentication.actor && generation === this.generation) {
      this.entries.delete(token);
      this.entries.set(token, { authentication, storedAt: Date.now() });
      if (this.entries.size > MAX_ENTRIES) {
        this.entries.delete(this.entries.keys().next().value!);
      }
    }
    return authentication;
  }

  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }

  private isFresh(entry: Entry): boolean {
    const now = Date.now();
    const expiresAt = entry.authentication.expiresAt;
    return now - entry.storedAt < MAX_AGE_MS && (!expiresAt || expiresAt.getTime() > now);
  }

  private invalidate(invalidation: Invalidation): void {
    const concerns = concernsOf(invalidation);
    if (!concerns) return;
    this.generation++;
    for (const [token, { authentication }] of this.entries) {
      if (concerns(authentication)) this.entries.delete(token);
    }
  }
}

function concernsOf(invalidation: Invalidation): ((a: Authentication) => boolean) | undefined {
  switch (invalidation.kind) {
    case 'all':
      return () => true;
    case 'user':
      return (a) => a.actor?.kind === 'user' && a.actor.id === invalidation.userId;
    case 'session':
      return (a) => a.sessionId === invalidation.sessionId;
    case 'apiClient':
      return (a) => a.actor?.kind === 'apiClient' && a.actor.id === invalidation.apiClientId;
    case 'building':
      // Credentials name buildings by id; a new name changes none of them.
      return undefined;
  }
}
