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
  expiresAt: Date;
}

export function signAccessToken(
  config: Pick<Config, 'jwtSecret' | 'accessTokenTtlSeconds'>,
  user: { id: string; role: Role; tokenVersion: number },
  ttlSeconds = config.accessTokenTtlSeconds,
): { token: string; expiresAt: Date } {
  const token = jwt.sign({ role: user.role, tv: user.tokenVersion }, config.jwtSecret, {
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
    const { sub, role, tv, exp } = payload as {
      sub?: unknown;
      role?: unknown;
      tv?: unknown;
      exp?: unknown;
    };
    if (typeof sub !== 'string' || typeof tv !== 'number' || typeof exp !== 'number') return null;
    if (!Object.values(Role).includes(role as Role)) return null;
    return { userId: sub, role: role as Role, tokenVersion: tv, expiresAt: new Date(exp * 1000) };
  } catch {
    return null;
  }
}
