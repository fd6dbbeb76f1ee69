import jwt from 'jsonwebtoken';
import type { Config } from '../../config/config.js';
import { Role } from '../users/user.role.js';

export const JWT_ISSUER = 'shopfloor';
export const JWT_AUDIENCE = 'shopfloor-api';
const JWT_ALGORITHM = 'HS256';

export interface AccessClaims {
  userId: string;
  role: Role;
  /** Must equal the user's current token version, or the token is stale. */
  tokenVersion: number;
  /**
   * The session (refresh-token family) the token was issued to: when that session ends
   * (logout, reuse of a rotated refresh token) the token ends with it. Absent only in
   * tokens minted outside a sign-in (tests, and tokens from before sessions were recorded).
   */
  sessionId?: string;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function signAccessToken(
  config: Pick<Config, 'jwtSecret' | 'accessTokenTtlSeconds'>,
  user: { id: string; role: Role; tokenVersion: number },
  ttlSeconds = config.accessTokenTtlSeconds,
  sessionId?: string,
): { token: string; expiresAt: Date } {
  const claims = {
    role: user.role,
    tv: user.tokenVersion,
    ...(sessionId ? { sid: sessionId } : {}),
  };
  const token = jwt.sign(claims, config.jwtSecret, {
    algorithm: JWT_ALGORITHM,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    subject: user.id,
    expiresIn: ttlSeconds,
  });
  const decoded = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(decoded.exp * 1000) };
}

/** Verifies with the algorithm, issuer and audience pinned; null for anything not valid. */
export function verifyAccessToken(
  config: Pick<Config, 'jwtSecret'>,
  token: string,
): AccessClaims | null {
  try {
    const payload = jwt.verify(token, config.jwtSecret, {
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    if (typeof payload === 'string') return null;
    const { sub, role, tv, sid, exp } = payload as {
      sub?: unknown;
      role?: unknown;
      tv?: unknown;
      sid?: unknown;
      exp?: unknown;
    };
    if (typeof sub !== 'string' || typeof tv !== 'number' || typeof exp !== 'number') return null;
    // Both end up in SQL as uuids: anything else is not a token of ours.
    if (!UUID.test(sub) || (sid !== undefined && (typeof sid !== 'string' || !UUID.test(sid))))
      return null;
    if (!Object.values(Role).includes(role as Role)) return null;
    return {
      userId: sub,
      role: role as Role,
      tokenVersion: tv,
      ...(sid ? { sessionId: sid } : {}),
      expiresAt: new Date(exp * 1000),
    };
  } catch {
    return null;
  }
}
