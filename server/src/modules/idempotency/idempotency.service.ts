import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../common/app-error.js';
import { isDatabaseUnavailable } from '../../db/availability.js';
import type { WriteGuard } from '../../db/write-guard.js';
import { PendingAnswers } from './pending-answers.js';
import { IdempotencyState } from './idempotency-key.entity.js';

/** Keys are kept at least this long (clients retry for a day at most). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/**
 * A key COMMITTED without an answer for this long has lost its answer for good (no request
 * runs this long; an answer kept through an outage is stored within seconds of its end).
 */
export const ANSWER_LEASE_MINUTES = 10;
/** Final, not retryable: the write happened; the client looks its result up. */
const ANSWER_LOST_STATUS = 422;
const ANSWER_LOST_BODY = {
  error: {
    code: 'IDEMPOTENCY_ANSWER_LOST',
    message:
      'The request with this Idempotency-Key was carried out, but its answer was lost; ' +
      'look the result up instead of retrying',
  },
};
/** The answer of a request that met a database outage (RestError.unavailable). */
const OUTAGE_STATUS = 503;

/**
 * Joined into the statement that stores an answer, a single-statement transaction: its
 * commit need not wait for the WAL flush. Nothing is lost by it: an answer lost to a crash
 * leaves the key COMMITTED, the documented state of a process that died before storing it
 * (retries get 409, the write stays exactly once).
 */
const ASYNC_COMMIT = "(select set_config('synchronous_commit', 'off', true)) as async_commit";

/** Inserting a key, or taking over one of ours or an expired one: the shared columns. */
const UPSERT_KEY = `
  on conflict (principal_kind, principal_id, key) do update set
    fingerprint = excluded.fingerprint, state = excluded.state, claim_token = excluded.claim_token,
    response_status = excluded.response_status, response_body = excluded.response_body,
    created_at = now(), expires_at = excluded.expires_at
  where idempotency_keys.claim_token = excluded.claim_token or idempotency_keys.expires_at < now()
  returning id`;

interface KeyRow {
  id: string;
  stale: boolean;
  fingerprint: string;
  state: IdempotencyState;
  response_status: number | null;
  response_body: unknown;
}

export interface Principal {
  kind: 'user' | 'apiClient';
  id: string;
}

/** What a request gets when its key belongs to another request, earlier or concurrent. */
export type KeyOwnedElsewhere =
  { kind: 'replay'; status: number; body: unknown } | { kind: 'mismatch' } | { kind: 'inProgress' };

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
 * One REST request's Idempotency-Key, claimed as the first statement of each of its write
 * transactions (it is the request's `writeGuard`, see writeMachine): the key is stored as
 * COMMITTED in the same commit as the write, or not at all. The unique index on
 * (principal, key) decides between concurrent requests: the second waits for the first's
 * commit, finds the key taken, and rolls back without writing anything.
 */
export class IdempotentRequest implements WriteGuard {
  /** Random per request: only this request may turn its key COMPLETED. */
  readonly claimToken = randomUUID();
  /** Another request holds the key: this one wrote nothing and answers with the other's outcome. */
  taken = false;

  constructor(
    readonly principal: Principal,
    readonly key: string,
    readonly fingerprint: string,
  ) {}

  async enter(tx: EntityManager): Promise<void> {
    const rows = await tx.execute<{ id: string }[]>(
      `insert into idempotency_keys
         (id, principal_kind, principal_id, key, fingerprint, state, claim_token,
          response_status, response_body, created_at, expires_at)
       values (?, ?, ?, ?, ?, 'COMMITTED', ?, null, null, now(), now() + make_interval(hours => ?))
       ${UPSERT_KEY}`,
      [
        randomUUID(),
        this.principal.kind,
        this.principal.id,
        this.key,
        this.fingerprint,
        this.claimToken,
        IDEMPOTENCY_TTL_HOURS,
      ],
    );
    if (rows.length === 0) {
      this.taken = true;
      throw AppError.conflict('This Idempotency-Key belongs to another request', {
        reason: 'IDEMPOTENCY_KEY_TAKEN',
      });
    }
  }
}

/**
 * Stores answers with their keys and reads back the answer of a key held by another request.
 *
 * Failure modes: a request that fails before its write commits leaves no key (a retry runs
 * afresh) unless its answer is final (a 4xx other than 409/429), which is stored as the
 * key's answer. When the database goes away between the write's commit and the storing of
 * its answer, the answer is kept in memory (`PendingAnswers`): the client still gets it,
 * retries that reach this process get it, and it is stored as soon as the database is back,
 * so retries anywhere get it from then on. Only a process that dies in that window leaves
 * COMMITTED without an answer: the write happened exactly once; retries get 409 "in
 * progress" for ANSWER_LEASE_MINUTES, then a final 422 IDEMPOTENCY_ANSWER_LOST.
 */
export class IdempotencyService {
  constructor(
    private readonly em: EntityManager,
    private readonly pending: PendingAnswers = PendingAnswers.shared,
  ) {}

  /**
   * Keeps the request's answer for its retries. A retryable answer (5xx, 409, 429) is kept
   * only when the request's write committed (a 503 as IDEMPOTENCY_ANSWER_LOST); otherwise
   * the key stays free for a retry.
   * Returns the other request's outcome when the key turned out to be held by another.
   */
  async settle(
    request: IdempotentRequest,
    status: number,
    body: unknown,
  ): Promise<KeyOwnedElsewhere | null> {
    // Taken, yet gone now (it expired meanwhile): "in progress" sends the client to retry.
    if (request.taken) return (await this.ownerOutcome(request)) ?? { kind: 'inProgress' };
    const retryable = status >= 500 || status === 409 || status === 429;
    // A retryable answer is stored only over a write that committed. A 503 ("retry shortly")
    // there would send every retry back for a day: the write's outcome is lost instead.
    const [answerStatus, answerBody] =
      status === OUTAGE_STATUS ? [ANSWER_LOST_STATUS, ANSWER_LOST_BODY] : [status, body];
    try {
      return await this.store(request, answerStatus, answerBody, retryable);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      // A retryable answer is not kept: every request of an outage has one, nearly all of
      // them with no write behind them, and a write that did commit leaves its key COMMITTED
      // (409, then IDEMPOTENCY_ANSWER_LOST after the lease). A final answer may be that of a
      // committed write: kept for retries and stored when the database is back.
      if (retryable) return null;
      this.pending.keep(
        request,
        status,
        body,
        (em) => this.withEm(em).store(request, status, body, retryable),
        this.em,
      );
      return null;
    }
  }

  private withEm(em: EntityManager): IdempotencyService {
    return new IdempotencyService(em, this.pending);
  }

  private async store(
    request: IdempotentRequest,
    status: number,
    body: unknown,
    retryable: boolean,
  ): Promise<KeyOwnedElsewhere | null> {
    const response = JSON.stringify(body ?? null);
    if (retryable) {
      const stored = await this.em.execute<{ id: string }[]>(
        `update idempotency_keys set state = 'COMPLETED', response_status = ?, response_body = ?::jsonb
           from ${ASYNC_COMMIT}
          where principal_kind = ? and principal_id = ? and key = ? and claim_token = ?
          returning idempotency_keys.id`,
        [
          status,
          response,
          request.principal.kind,
          request.principal.id,
          request.key,
          request.claimToken,
        ],
      );
      if (stored.length > 0) return null;
      // Nothing written: the key stays free for a retry, unless another request holds it.
      return this.ownerOutcome(request);
    }
    const rows = await this.em.execute<{ id: string }[]>(
      `insert into idempotency_keys
         (id, principal_kind, principal_id, key, fingerprint, state, claim_token,
          response_status, response_body, created_at, expires_at)
       select ?, ?, ?, ?, ?, 'COMPLETED', ?, ?, ?::jsonb, now(), now() + make_interval(hours => ?)
         from ${ASYNC_COMMIT}
       ${UPSERT_KEY}`,
      [
        randomUUID(),
        request.principal.kind,
        request.principal.id,
        request.key,
        request.fingerprint,
        request.claimToken,
        status,
        response,
        IDEMPOTENCY_TTL_HOURS,
      ],
    );
    if (rows.length > 0) {
      if (Math.random() < 0.01) void this.purgeExpired().catch(() => undefined);
      return null;
    }
    return this.ownerOutcome(request);
  }

  private async ownerOutcome(request: IdempotentRequest): Promise<KeyOwnedElsewhere | null> {
    const [owner] = await this.em.execute<KeyRow[]>(
      `select id, fingerprint, state, response_status, response_body,
              created_at < now() - make_interval(mins => ?) as stale
         from idempotency_keys
        where principal_kind = ? and principal_id = ? and key = ? and expires_at >= now()`,
      [ANSWER_LEASE_MINUTES, request.principal.kind, request.principal.id, request.key],
    );
    if (!owner) return null;
    if (owner.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
    if (owner.state === IdempotencyState.COMPLETED && owner.response_status !== null) {
      return { kind: 'replay', status: owner.response_status, body: owner.response_body };
    }
    // Its answer may be waiting here for the database to take it (see PendingAnswers).
    const kept = this.pending.find(request);
    if (kept) return { kind: 'replay', status: kept.status, body: kept.body };
    if (owner.stale) return this.answerLost(owner.id, request);
    // COMMITTED: the other request's write is in, its answer not yet stored (or never will be).
    return { kind: 'inProgress' };
  }

  /**
   * A key COMMITTED for longer than any request runs: its process died between the write's
   * commit and the storing of its answer, which is gone with it. Rather than 409 "in
   * progress" until the key expires, every retry gets one final answer from now on: the
   * write was carried out once, its answer is lost, look the result up instead of retrying.
   */
  private async answerLost(
    id: string,
    request: IdempotentRequest,
  ): Promise<KeyOwnedElsewhere | null> {
    const body = ANSWER_LOST_BODY;
    const rows = await this.em.execute<{ id: string }[]>(
      `update idempotency_keys set state = 'COMPLETED', response_status = ?, response_body = ?::jsonb
        where id = ? and state = 'COMMITTED'
        returning id`,
      [ANSWER_LOST_STATUS, JSON.stringify(body), id],
    );
    // Nobody else settled it meanwhile: this is its answer. Otherwise read what was stored.
    if (rows.length > 0) return { kind: 'replay', status: ANSWER_LOST_STATUS, body };
    return this.ownerOutcome(request);
  }

  async purgeExpired(limit = 1000): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      // Re-checked on the row itself and skipping locked rows: a write transaction may be
      // taking over an expired key right now, and its fresh row must not be deleted.
      `delete from idempotency_keys where expires_at < now() and id in
         (select id from idempotency_keys where expires_at < now() limit ? for update skip locked)
       returning id`,
      [limit],
    );
    return rows.length;
  }
}
