import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../../config/config.js';
import { User } from '../users/user.entity.js';
import { RefreshToken } from './refresh-token.entity.js';

/** 256 random bits; only the SHA-256 is stored, so a database leak yields no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  /** The session: access tokens minted with this token carry it and end with it. */
  familyId: string;
}

/** Persists (on flush of `tx`) the next token of `familyId`, or of a new family. */
export function issueRefreshToken(
  tx: EntityManager,
  config: Pick<Config, 'refreshTokenTtlSeconds'>,
  userId: string,
  familyId: string = randomUUID(),
  now = new Date(),
): IssuedRefreshToken {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.refreshTokenTtlSeconds * 1000);
  tx.create(RefreshToken, {
    user: tx.getReference(User, userId),
    familyId,
    tokenHash: hashRefreshToken(token),
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt, familyId };
}

export async function revokeFamily(
  tx: EntityManager,
  familyId: string,
  now = new Date(),
): Promise<void> {
  await tx.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
}

/**
 * Ends every session of a user. Called wherever `tokenVersion` is bumped (role or password
 * change, deactivation), so a refresh token can never outlive the access tokens it minted.
 */
export async function revokeAllRefreshTokens(
  tx: EntityManager,
  userId: string,
  now = new Date(),
): Promise<void> {
  await tx.nativeUpdate(RefreshToken, { user: userId, revokedAt: null }, { revokedAt: now });
}

/**
 * Which of these sessions still live (a refresh token of the family not revoked): open
 * sockets are checked against it, all of them in one statement.
 */
export async function liveSessions(
  em: EntityManager,
  familyIds: readonly string[],
): Promise<Set<string>> {
  if (familyIds.length === 0) return new Set();
  const placeholders = familyIds.map(() => '?').join(', ');
  const rows = await em.execute<{ family_id: string }[]>(
    `select distinct family_id from refresh_tokens
      where family_id in (${placeholders}) and revoked_at is null`,
    [...familyIds],
  );
  return new Set(rows.map((r) => r.family_id));
}

/**
 * How many sessions of a user are open now (a family whose newest token is unused, unrevoked
 * and unexpired): what ending all of them ends, for the manager who does it.
 */
export async function countLiveSessions(tx: EntityManager, userId: string): Promise<number> {
  const [row] = await tx.execute<{ n: string }[]>(
    `select count(distinct family_id) as n from refresh_tokens
      where user_id = ? and revoked_at is null and used_at is null and expires_at > now()`,
    [userId],
  );
  return Number(row?.n ?? 0);
}
