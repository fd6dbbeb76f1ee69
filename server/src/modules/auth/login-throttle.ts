import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inTransaction } from '../../db/transaction.js';
import { LoginThrottle } from './login-throttle.entity.js';

export interface ThrottleRule {
  /** Failures within the window that lock the key. */
  limit: number;
  windowMs: number;
  /** First lock; each further failure while the window is open doubles it, up to maxLockMs. */
  baseLockMs: number;
  maxLockMs: number;
}

const MINUTE = 60_000;

export const ACCOUNT_RULE: ThrottleRule = {
  limit: 5,
  windowMs: 15 * MINUTE,
  baseLockMs: MINUTE,
  maxLockMs: 60 * MINUTE,
};
export const IP_RULE: ThrottleRule = {
  limit: 20,
  windowMs: 15 * MINUTE,
  baseLockMs: MINUTE,
  maxLockMs: 60 * MINUTE,
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

export type Reservation = { ok: true } | { ok: false; lockedUntil: Date };

/**
 * Counts an attempt as a failure *before* the password is checked, in its own committed
 * transaction, with the rows locked. Counting first means concurrent requests (or aliased
 * fields) cannot all slip past the check while the first ones are still verifying; a
 * success then gives its reservation back (`releaseAttempt`). A locked key reserves
 * nothing and the caller must not check the password at all.
 */
export async function reserveAttempt(
  em: EntityManager,
  keys: readonly ThrottleKey[],
): Promise<Reservation> {
  return inTransaction(em, async (tx) => {
    const now = new Date();
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
      if (now.getTime() - quietSince > rule.windowMs) {
        row.failures = 0;
        row.windowStartedAt = now;
        row.lockedUntil = null;
      }
      rows.push({ row, rule });
    }
    const locks = rows
      .map(({ row }) => row.lockedUntil)
      .filter((until): until is Date => until !== null && until.getTime() > now.getTime());
    if (locks.length > 0) {
      return { ok: false, lockedUntil: new Date(Math.max(...locks.map((d) => d.getTime()))) };
    }
    for (const { row, rule } of rows) {
      row.failures += 1;
      if (row.failures >= rule.limit) {
        const lockMs = Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** (row.failures - rule.limit));
        row.lockedUntil = new Date(now.getTime() + lockMs);
      }
    }
    return { ok: true };
  });
}

/**
 * After a successful sign-in: the account's counter starts again; the IP only gets this
 * attempt's reservation back, so one good login from a busy address cannot hide many bad ones.
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
    row.failures = Math.max(0, row.failures - 1);
    if (row.failures < ip.rule.limit) row.lockedUntil = null;
  });
}
