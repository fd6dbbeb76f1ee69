import { LockMode } from '@mikro-orm/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UserActor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { inTransaction } from '../../db/transaction.js';
import type { ServiceContext } from '../../graphql/context.js';
import { User } from '../users/user.entity.js';
import { signAccessToken } from './access-token.js';
import {
  accountThrottleKey,
  ipThrottleKey,
  releaseAttempt,
  reserveAttempt,
  type ThrottleKey,
} from './login-throttle.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { assertPasswordPolicy } from './password-policy.js';
import { normaliseEmail } from '../users/email.js';
import { RefreshToken } from './refresh-token.entity.js';
import {
  hashRefreshToken,
  issueRefreshToken,
  revokeAllRefreshTokens,
  revokeFamily,
  type IssuedRefreshToken,
} from './refresh-tokens.js';

/** A signed-in session; the transport decides where the refresh token goes (cookie or body). */
export interface AuthSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

type AuthContext = Pick<ServiceContext, 'em' | 'config' | 'logger' | 'ip' | 'bus'>;

// Made at start-up, so the first unknown e-mail does not stand out by also paying for the hash.
void dummyPasswordHash();

function tooManyFailures(until: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError('TOO_MANY_REQUESTS', 'Too many failed sign-ins; try again later', {
    retryAfterSeconds,
  });
}

/** One message for every sign-in failure, so the answer never tells which part was wrong. */
const SIGN_IN_FAILED = 'Wrong e-mail or password';

export class AuthService {
  constructor(private readonly ctx: AuthContext) {}

  /**
   * Unknown e-mail, wrong password and inactive account all cost one argon2 verification
   * and end in the same UNAUTHENTICATED (TOO_MANY_REQUESTS while the address is slowed); a
   * locked account is refused before any verification. An address with many failures is
   * slowed, not locked: its attempts wait their turn, and a correct password gets in.
   */
  async login(rawEmail: string, password: string): Promise<AuthSession> {
    const email = normaliseEmail(rawEmail);
    const account = accountThrottleKey(email);
    const ip = ipThrottleKey(this.ctx.ip);
    const { slowedUntil } = await this.reserve([account, ip], { email });

    const user = await this.ctx.em.fork().findOne(User, { email }, { populate: ['passwordHash'] });
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !valid || !user.active) {
      const reason = !user ? 'unknown e-mail' : !valid ? 'wrong password' : 'inactive account';
      this.ctx.logger.warn(
        { email, ip: this.ctx.ip, reason, ...(slowedUntil ? { slowed: true } : {}) },
        'sign-in failed',
      );
      // Same answer for every reason; a slowed address is told when its next turn is.
      if (slowedUntil) throw tooManyFailures(slowedUntil);
      throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED);
    }

    await releaseAttempt(this.ctx.em, account, ip);
    if (needsRehash(user.passwordHash)) {
      // The old hash verified, so the password is known right now: upgrade it to today's parameters.
      await this.ctx.em
        .fork()
        .nativeUpdate(User, { id: user.id }, { passwordHash: await hashPassword(password) });
    }
    this.ctx.logger.info({ userId: user.id, ip: this.ctx.ip }, 'signed in');
    return inTransaction(this.ctx.em, async (tx) => {
      const refresh = issueRefreshToken(tx, this.ctx.config, user.id);
      await tx.flush();
      return this.session(user, refresh);
    });
  }

  /**
   * Single use: the presented token is marked used and its successor issued in the same
   * family. A used token presented again means it was copied: the whole family is revoked,
   * so the thief's and the victim's copies both die.
   */
  async refresh(token: string | null | undefined): Promise<AuthSession> {
    if (!token) throw new AppError('UNAUTHENTICATED', 'No refresh token');
    type Outcome =
      | { session: AuthSession }
      | { session?: undefined; reason: string; userId?: string; endedSessionId?: string };
    const outcome = await inTransaction(this.ctx.em, async (tx): Promise<Outcome> => {
      const now = new Date();
      // The row lock serialises two uses of the same token: the second sees `usedAt`.
      const row = await tx.findOne(
        RefreshToken,
        { tokenHash: hashRefreshToken(token) },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!row) return { reason: 'unknown' };
      if (row.revokedAt) return { reason: 'revoked', userId: row.user.id };
      if (row.usedAt) {
        await revokeFamily(tx, row.familyId, now);
        return { reason: 'reused', userId: row.user.id, endedSessionId: row.familyId };
      }
      if (row.expiresAt.getTime() <= now.getTime())
        return { reason: 'expired', userId: row.user.id };
      const user = await tx.findOne(User, { id: row.user.id });
      if (!user?.active) {
        await revokeFamily(tx, row.familyId, now);
        return { reason: 'inactive account', userId: row.user.id, endedSessionId: row.familyId };
      }
      row.usedAt = now;
      const refresh = issueRefreshToken(tx, this.ctx.config, user.id, row.familyId, now);
      await tx.flush();
      return { session: this.session(user, refresh) };
    });
    if (outcome.session) return outcome.session;
    if (outcome.endedSessionId) await this.endedSession(outcome.endedSessionId);
    // Reuse means a copied token: worth an operator's attention; expiry is routine.
    const level = outcome.reason === 'reused' ? 'warn' : 'info';
    this.ctx.logger[level](
      { ip: this.ctx.ip, reason: outcome.reason, userId: outcome.userId },
      'refresh refused',
    );
    throw new AppError('UNAUTHENTICATED', 'Sign in again');
  }

  /** Ends the session the token belongs to (its whole family); unknown tokens are ignored. */
  async logout(token: string | null | undefined): Promise<void> {
    if (!token) return;
    const sessionId = await inTransaction(this.ctx.em, async (tx) => {
      const row = await tx.findOne(RefreshToken, { tokenHash: hashRefreshToken(token) });
      if (row) await revokeFamily(tx, row.familyId);
      return row?.familyId;
    });
    if (sessionId) await this.endedSession(sessionId);
  }

  /**
   * Ends every session of the account (a lost phone, a shared PC left signed in): every
   * refresh token is revoked and the token version moves on, so access tokens and open
   * sockets die too, as after a password change.
   */
  async logoutEverywhere(actor: UserActor): Promise<void> {
    await inTransaction(this.ctx.em, async (tx) => {
      const user = await tx.findOne(
        User,
        { id: actor.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again');
      user.tokenVersion += 1;
      await revokeAllRefreshTokens(tx, user.id);
      await tx.flush();
    });
    await this.endedUserSessions(actor.id);
    this.ctx.logger.info({ userId: actor.id, ip: this.ctx.ip }, 'signed out everywhere');
  }

  /**
   * Wrong current password is BAD_USER_INPUT, not UNAUTHENTICATED: the caller *is* signed
   * in, and clients treat UNAUTHENTICATED as "session over". It counts against the
   * account's sign-in throttle, so a stolen session cannot be used to guess the password.
   * Every older token dies; the caller gets a fresh session.
   */
  async changePassword(
    actor: UserActor,
    currentPassword: string,
    newPassword: string,
  ): Promise<AuthSession> {
    const current = await this.ctx.em
      .fork()
      .findOne(User, { id: actor.id }, { populate: ['passwordHash'] });
    if (!current) throw new AppError('UNAUTHENTICATED', 'Sign in again');
    assertPasswordPolicy(newPassword, 'newPassword', { email: current.email, name: current.name });

    const account = accountThrottleKey(current.email);
    const ip = ipThrottleKey(this.ctx.ip);
    await this.reserve([account, ip], { email: current.email });
    if (!(await verifyPassword(current.passwordHash, currentPassword))) {
      this.ctx.logger.warn(
        { email: current.email, ip: this.ctx.ip, reason: 'wrong current password' },
        'password change refused',
      );
      throw AppError.badInput('The current password is wrong', { field: 'currentPassword' });
    }
    await releaseAttempt(this.ctx.em, account, ip);

    const passwordHash = await hashPassword(newPassword);
    const session = await inTransaction(this.ctx.em, async (tx) => {
      const user = await tx.findOne(
        User,
        { id: actor.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!user?.active) throw new AppError('UNAUTHENTICATED', 'Sign in again');
      user.passwordHash = passwordHash;
      user.tokenVersion += 1;
      await revokeAllRefreshTokens(tx, user.id);
      const refresh = issueRefreshToken(tx, this.ctx.config, user.id);
      await tx.flush();
      return this.session(user, refresh);
    });
    await this.endedUserSessions(actor.id);
    this.ctx.logger.info({ userId: actor.id, ip: this.ctx.ip }, 'password changed');
    return session;
  }

  /** Cached identities of the session die on every replica (after the commit). */
  private endedSession(sessionId: string): Promise<void> {
    return this.ctx.bus.publishInvalidation(this.ctx.em, { kind: 'session', sessionId });
  }

  /** The token version moved on: every cached identity of the user dies on every replica. */
  private endedUserSessions(userId: string): Promise<void> {
    return this.ctx.bus.publishInvalidation(this.ctx.em, { kind: 'user', userId });
  }

  /**
   * Counts the attempt before the password is checked; refuses a locked key; waits for the
   * attempt's turn when the address is slowed (the same wait whatever the e-mail, so it
   * tells nothing about the account).
   */
  private async reserve(
    keys: ThrottleKey[],
    who: { email: string },
  ): Promise<{ slowedUntil?: Date }> {
    const reservation = await reserveAttempt(this.ctx.em, keys);
    if (reservation.ok) {
      if (reservation.waitMs > 0) await sleep(reservation.waitMs);
      return { slowedUntil: reservation.slowedUntil };
    }
    const refusal = tooManyFailures(reservation.lockedUntil);
    this.ctx.logger.warn(
      { email: who.email, ip: this.ctx.ip, reason: 'throttled', ...refusal.details },
      'sign-in failed',
    );
    throw refusal;
  }

  private session(user: User, refresh: IssuedRefreshToken): AuthSession {
    const access = signAccessToken(this.ctx.config, user, undefined, refresh.familyId);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user,
    };
  }
}
