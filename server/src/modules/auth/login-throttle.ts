import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inTransaction } from '../../db/transaction.js';
import { LoginThrottle } from './login-throttle.entity.js';

/**
 * `lock`: over the limit, the key is locked and attempts are refused before any password is
 * checked. Right for an account: only its owner is locked out, and only while guessed at.
 *
 * `slow`: over the limit, attempts take turns, `baseLockMs` apart and doubling with each
 * further failure up to `maxLockMs`, and each is still checked when its turn comes. Right for
 * an address, which a whole shop floor may share behind one NAT: a password sprayer gets one
 * guess per turn, while a colleague's correct password still gets in (after at most
 * `maxWaitMs`). An attempt whose turn is further away than `maxWaitMs` is refused unchecked,
 * so a flood of parallel attempts neither queues up nor gets more guesses.
 */
export type ThrottleRule = {
  /** Failures within the window that lock (or slow) the key. */
  limit: number;
  windowMs: number;
  /** First lock, or gap between turns; each further failure doubles it, up to maxLockMs. */
  baseLockMs: number;
  maxLockMs: number;
} & ({ mode: 'lock' } | { mode: 'slow'; maxWaitMs: number });

const SECOND = 1000;
const MINUTE = 60_000;

export const ACCOUNT_RULE: ThrottleRule = {
  mode: 'lock',
  limit: 5,
  windowMs: 15 * MINUTE,
  baseLockMs: MINUTE,
  maxLockMs: 60 * MINUTE,
};
// At most one checked guess per 5 s from a spraying address (the per-account lock still
// applies to each account it guesses at); a colleague behind it waits at most 10 s.
export const IP_RULE: ThrottleRule = {
  mode: 'slow',
  limit: 20,
  windowMs: 15 * MINUTE,
  baseLockMs: SECOND,
  maxLockMs: 5 * SECOND,
  maxWaitMs: 10 * SECOND,
};

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

export function accountThrottleKey(normalisedEmail: string): ThrottleKey {
  // The column holds 300 characters; e-mails are at most 254 by the input rules.
  return { key: `account:${normalisedEmail.slice(0, 280)}`, rule: ACCOUNT_RULE };
}

export function ipThrottleKey(ip: string): ThrottleKey {
  return { key: `ip:${ip.slice(0, 280)}`, rule: IP_RULE };
}

export type Reservation =
  | {
      ok: true;
      /** How long to wait for this attempt's turn before checking the password. */
      waitMs: number;
      /** Set when a `slow` key is over its limit: when its next turn is. */
      slowedUntil?: Date;
    }
  | { ok: false; lockedUntil: Date };

/** The lock, or the gap between turns, after `failures` failures. */
function backoffMs(rule: ThrottleRule, failures: number): number {
  return Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** Math.max(0, failures - rule.limit));
}

/**
 * Counts an attempt as a failure *before* the password is checked, in its own committed
 * transaction, with the rows locked. Counting first means concurrent requests (or aliased
 * fields) cannot all slip past the check while the first ones are still verifying; a
 * success then gives its reservation back (`releaseAttempt`). A locked key (or a slowed one
 * whose queue is full) reserves nothing and the caller must not check the password at all;
 * otherwise the caller waits `waitMs` first.
 */
export async function reserveAttempt(
  em: EntityManager,
  keys: readonly ThrottleKey[],
): Promise<Reservation> {
  return inTransaction(em, async (tx) => {
    const now = Date.now();
    const rows: { row: LoginThrottle; rule: ThrottleRule }[] = [];
    // Always the same key order (account, then IP), so two attempts cannot deadlock.
    for (const { key, rule } of keys) {
      await tx.execute(
        'insert into login_throttles (key) values (?) on conflict (key) do nothing',
        [key],
      );
      const row = await tx.findOneOrFail(
        LoginThrottle,
        { key },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const quietSince = Math.max(row.windowStartedAt.getTime(), row.lockedUntil?.getTime() ?? 0);
      if (now - quietSince > rule.windowMs) {
        row.failures = 0;
        row.windowStartedAt = new Date(now);
        row.lockedUntil = null;
      }
      rows.push({ row, rule });
    }
    // For `lock` rows, lockedUntil is the end of the lock; for `slow` rows, the next turn.
    const refusedUntil = rows
      .map(({ row, rule }) => {
        const until = row.lockedUntil?.getTime() ?? 0;
        if (rule.mode === 'lock') return until > now ? until : 0;
        if (row.failures < rule.limit) return 0;
        return until - now > rule.maxWaitMs ? until - rule.maxWaitMs : 0;
      })
      .filter((until) => until > 0);
    if (refusedUntil.length > 0)
      return { ok: false, lockedUntil: new Date(Math.max(...refusedUntil)) };

    let waitMs = 0;
    let slowedUntil: Date | undefined;
    for (const { row, rule } of rows) {
      const overLimit = row.failures >= rule.limit;
      row.failures += 1;
      if (rule.mode === 'lock') {
        if (row.failures >= rule.limit)
          row.lockedUntil = new Date(now + backoffMs(rule, row.failures));
      } else if (row.failures >= rule.limit) {
        const turn = Math.max(now, row.lockedUntil?.getTime() ?? now);
        if (overLimit) waitMs = Math.max(waitMs, turn - now);
        row.lockedUntil = new Date(turn + backoffMs(rule, row.failures));
        if (overLimit) slowedUntil = row.lockedUntil;
      }
    }
    return { ok: true, waitMs, ...(slowedUntil ? { slowedUntil } : {}) };
  });
}

/**
 * After a successful sign-in: the account's counter starts again; the IP only gets this
 * attempt's reservation (and, when slowed, its turn) back, so one good login from a busy
 * address cannot hide many bad ones.
 */
export async function releaseAttempt(
  em: EntityManager,
  account: ThrottleKey,
  ip: ThrottleKey | undefined,
): Promise<void> {
  await inTransaction(em, async (tx) => {
    await tx.nativeDelete(LoginThrottle, { key: account.key });
    if (!ip) return;
    const row = await tx.findOne(
      LoginThrottle,
      { key: ip.key },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!row) return;
    if (row.lockedUntil && ip.rule.mode === 'slow' && row.failures >= ip.rule.limit) {
      const givenBack = row.lockedUntil.getTime() - backoffMs(ip.rule, row.failures);
      row.lockedUntil = new Date(Math.max(Date.now(), givenBack));
    }
    row.failures = Math.max(0, row.failures - 1);
    if (row.failures < ip.rule.limit) row.lockedUntil = null;
  });
}
