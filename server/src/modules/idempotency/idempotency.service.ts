import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../common/app-error.js';
import type { BusEvent, EventBus, SignalListener } from '../../events/event-bus.js';
import { IdempotencyState } from './idempotency-key.entity.js';

/** Keys are kept at least this long (clients retry for a day at most). */
export const IDEMPOTENCY_TTL_HOURS = 24;
/**
 * A claim whose write never committed is taken over by a retry after this long: the
 * original request is dead or hopelessly slow, and its claim token no longer matches, so it
 * can no longer commit (see `markCommitted`).
 */
export const ABANDONED_CLAIM_SECONDS = 30;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Joined into the claim and the answer's storage, which are single-statement transactions:
 * their commits need not wait for the WAL flush. Nothing is lost by it: the write's own
 * (synchronous) commit comes after the claim in the WAL and flushes it too, and an answer
 * lost to a crash leaves the key COMMITTED, the documented state of a process that died
 * before storing it (retries get 409, the write stays exactly once).
 */
const ASYNC_COMMIT = "(select set_config('synchronous_commit', 'off', true)) as async_commit";

export interface Principal {
  kind: 'user' | 'apiClient';
  id: string;
}

export interface IdempotencyClaim {
  id: string;
  claimToken: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'inProgress'; state: IdempotencyState };

interface KeyRow {
  id: string;
  claim_token: string;
  fingerprint: string;
  state: IdempotencyState;
  response_status: number | null;
  response_body: unknown;
}

export function assertIdempotencyKey(key: string): string {
  if (!KEY_FORMAT.test(key)) {
    throw AppError.badInput('Idempotency-Key must be 1 to 255 visible ASCII characters', {
      header: 'Idempotency-Key',
    });
  }
  return key;
}

/** Method, path (with sorted query) and the SHA-256 of the body in canonical JSON. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const digest = createHash('sha256')
    .update(canonicalJson(body ?? null))
    .digest('hex');
  return `${method.toUpperCase()} ${path.slice(0, 500)} ${digest}`;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency keys of the REST adapter, in three steps:
 *
 * 1. `claim` inserts the key as IN_PROGRESS in its own statement. The unique index on
 *    (principal, key) makes a concurrent second request with the key fail to claim (409).
 * 2. `markCommitted` runs inside the write transaction of the operation (writeMachine calls
 *    the bus's `announce` there, see `ClaimingEventBus`): the key turns COMMITTED in the same
 *    commit as the write, or not at all. It checks the claim token, so a request whose claim
 *    was taken over can no longer commit.
 * 3. `complete` stores the response; retries get it back (COMPLETED).
 *
 * Failure modes: an operation that fails without committing releases its claim (5xx, 409,
 * 429) or stores its answer (other 4xx); a process that dies before committing leaves an
 * IN_PROGRESS claim that a retry takes over after ABANDONED_CLAIM_SECONDS; a process that
 * dies after the write committed but before the answer was stored leaves COMMITTED: the write
 * happened exactly once, and retries get 409 until the key expires, since the answer cannot
 * be rebuilt.
 */
export class IdempotencyService {
  constructor(private readonly em: EntityManager) {}

  async claim(principal: Principal, key: string, fingerprint: string): Promise<ClaimOutcome> {
    const claimToken = randomUUID();
    const rows = await this.em.execute<{ id: string; claim_token: string }[]>(
      `insert into idempotency_keys
         (id, principal_kind, principal_id, key, fingerprint, state, claim_token, created_at, claimed_at, expires_at)
       select ?, ?, ?, ?, ?, 'IN_PROGRESS', ?, now(), now(), now() + make_interval(hours => ?)
         from ${ASYNC_COMMIT}
       on conflict (principal_kind, principal_id, key) do update set
         fingerprint = excluded.fingerprint, state = 'IN_PROGRESS', claim_token = excluded.claim_token,
         response_status = null, response_body = null,
         created_at = now(), claimed_at = now(), expires_at = excluded.expires_at
       where idempotency_keys.expires_at < now()
          or (idempotency_keys.state = 'IN_PROGRESS'
              and idempotency_keys.fingerprint = excluded.fingerprint
              and idempotency_keys.claimed_at < now() - make_interval(secs => ?))
       returning id, claim_token`,
      [
        randomUUID(),
        principal.kind,
        principal.id,
        key,
        fingerprint,
        claimToken,
        IDEMPOTENCY_TTL_HOURS,
        ABANDONED_CLAIM_SECONDS,
      ],
    );
    const claimed = rows[0];
    if (claimed && claimed.claim_token === claimToken) {
      if (Math.random() < 0.01) void this.purgeExpired().catch(() => undefined);
      return { kind: 'claimed', claim: { id: claimed.id, claimToken } };
    }
    const [existing] = await this.em.execute<KeyRow[]>(
      `select id, claim_token, fingerprint, state, response_status, response_body
         from idempotency_keys where principal_kind = ? and principal_id = ? and key = ?`,
      [principal.kind, principal.id, key],
    );
    // Gone between the two statements (it expired and was purged): claim afresh.
    if (!existing) return this.claim(principal, key, fingerprint);
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.state === IdempotencyState.COMPLETED && existing.response_status !== null) {
      return { kind: 'replay', status: existing.response_status, body: existing.response_body };
    }
    return { kind: 'inProgress', state: existing.state };
  }

  /** Inside the write transaction: the key commits with the write, under this claim only. */
  static async markCommitted(tx: EntityManager, claim: IdempotencyClaim): Promise<void> {
    const rows = await tx.execute<{ id: string }[]>(
      `update idempotency_keys set state = 'COMMITTED'
        where id = ? and claim_token = ? and state in ('IN_PROGRESS', 'COMMITTED')
        returning id`,
      [claim.id, claim.claimToken],
    );
    if (rows.length === 0) {
      throw AppError.conflict('This Idempotency-Key was taken over by a retry', {
        reason: 'IDEMPOTENCY_CLAIM_LOST',
      });
    }
  }

  async complete(claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
    await this.em.execute(
      `update idempotency_keys set state = 'COMPLETED', response_status = ?, response_body = ?::jsonb
         from ${ASYNC_COMMIT}
        where id = ? and claim_token = ?`,
      [status, JSON.stringify(body ?? null), claim.id, claim.claimToken],
      'run',
    );
  }

  /**
   * Gives the key back when the operation failed in a way a retry may fix. Returns false when
   * the write had committed after all (then the answer must be stored instead).
   */
  async release(claim: IdempotencyClaim): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `delete from idempotency_keys where id = ? and claim_token = ? and state = 'IN_PROGRESS' returning id`,
      [claim.id, claim.claimToken],
    );
    return rows.length > 0;
  }

  async purgeExpired(limit = 1000): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      `delete from idempotency_keys where id in
         (select id from idempotency_keys where expires_at < now() limit ?) returning id`,
      [limit],
    );
    return rows.length;
  }
}

/**
 * The request's event bus with one addition: every write transaction (writeMachine calls
 * `announce` inside it) first marks the idempotency claim as committed, so the key and the
 * write share one commit. Everything else goes to the real bus.
 */
export class ClaimingEventBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    private readonly claim: IdempotencyClaim,
  ) {}

  get kind(): EventBus['kind'] {
    return this.inner.kind;
  }

  async announce(tx: EntityManager, events: readonly BusEvent[]): Promise<void> {
    await IdempotencyService.markCommitted(tx, this.claim);
    await this.inner.announce(tx, events);
  }

  publish(events: readonly BusEvent[]): Promise<void> {
    return this.inner.publish(events);
  }

  onSignal(listener: SignalListener): () => void {
    return this.inner.onSignal(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
