import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Work a request wants done first inside each of its write transactions, so that it commits
 * or rolls back with the write. The REST adapter claims an Idempotency-Key this way: the key
 * and the change it guards are stored in one commit, or neither is.
 */
export interface WriteGuard {
  enter(tx: EntityManager): Promise<void>;
}
