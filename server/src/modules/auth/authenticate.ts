import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import type { Config } from '../../config/config.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import type { ApiScope } from '../api-clients/api-client.scope.js';
import { hashApiToken, looksLikeApiToken } from '../api-clients/api-token.js';
import type { Role } from '../users/user.role.js';
import { verifyAccessToken } from './access-token.js';

/** `lastUsedAt` is a hint for managers, not an audit trail: write it at most once a minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface Authentication {
  actor: Actor | null;
  /** When the credential stops being valid (sockets close then). */
  expiresAt: Date | null;
  /** For users: the token version the credential carries (sockets compare it later). */
  tokenVersion?: number;
  /** For users: the session the token belongs to (sockets check it still lives). */
  sessionId?: string;
  /**
   * Anonymous because the credential is a display link that was revoked: the screen is told
   * so (`details.reason = 'REVOKED'`) instead of retrying forever. API tokens are not marked.
   */
  revokedDisplay?: boolean;
}

/** `extensions.details.reason` when the bearer was a display link that has been revoked. */
export const REVOKED = 'REVOKED';

const ANONYMOUS: Authentication = { actor: null, expiresAt: null };

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Resolves a bearer credential to an actor: a user's access JWT (checked against the
 * user's current active flag, role and token version, and against its session having been
 * ended) or an external system's API token.
 */
export async function authenticate(
  em: EntityManager,
  config: Pick<Config, 'jwtSecret'>,
  token: string | undefined,
): Promise<Authentication> {
  if (!token) return ANONYMOUS;
  if (looksLikeApiToken(token)) return authenticateApiClient(em, token);
  const claims = verifyAccessToken(config, token);
  if (!claims) return ANONYMOUS;
  const user = await loadTokenHolder(em, claims.userId, claims.sessionId);
  if (
    !user ||
    !user.active ||
    !user.sessionLive ||
    user.tokenVersion !== claims.tokenVersion ||
    user.role !== claims.role
  ) {
    return ANONYMOUS;
  }
  return {
    actor: { kind: 'user', id: user.id, role: user.role, name: user.name },
    expiresAt: claims.expiresAt,
    tokenVersion: claims.tokenVersion,
    sessionId: claims.sessionId,
  };
}

interface TokenHolder {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  tokenVersion: number;
  /** False once the token's session was ended (logout, refresh-token reuse). */
  sessionLive: boolean;
}

/**
 * The user a token names and whether its session still lives, in one statement: this runs
 * on every request. A session lives while its refresh-token family has a token not revoked
 * (logout and reuse detection revoke the whole family).
 */
async function loadTokenHolder(
  em: EntityManager,
  userId: string,
  sessionId: string | undefined,
): Promise<TokenHolder | undefined> {
  const sessionLive = sessionId
    ? 'exists (select 1 from refresh_tokens r where r.family_id = ? and r.revoked_at is null)'
    : 'true';
  const rows = await em.execute<
    {
      id: string;
      name: string;
      role: Role;
      active: boolean;
      token_version: number;
      session_live: boolean;
    }[]
  >(
    `select u.id, u.name, u.role, u.active, u.token_version, ${sessionLive} as session_live
       from users u where u.id = ?`,
    sessionId ? [sessionId, userId] : [userId],
  );
  const [row] = rows;
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    active: row.active,
    tokenVersion: row.token_version,
    sessionLive: row.session_live,
  };
}

async function authenticateApiClient(em: EntityManager, token: string): Promise<Authentication> {
  const client = await em.findOne(
    ApiClient,
    { tokenHash: hashApiToken(token) },
    // One statement: this runs on every request of every sensor.
    { populate: ['buildings'], strategy: 'joined' },
  );
  if (!client) return ANONYMOUS;
  if (client.revokedAt !== null) {
    return client.purpose === 'DISPLAY' ? { ...ANONYMOUS, revokedDisplay: true } : ANONYMOUS;
  }
  const buildingIds = client.buildings.getItems().map((b) => b.id);
  // For API tokens no building means every building; a display always names its own, so an
  // empty list would only be a broken link, and must not turn into the whole plant.
  if (client.purpose === 'DISPLAY' && buildingIds.length === 0) return ANONYMOUS;
  const now = Date.now();
  if (!client.lastUsedAt || now - client.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(ApiClient, { id: client.id }, { lastUsedAt: new Date(now) });
  }
  return {
    actor: {
      kind: 'apiClient',
      id: client.id,
      name: client.name,
      purpose: client.purpose,
      scopes: [...client.scopes] as ApiScope[],
      buildingIds,
    },
    expiresAt: null,
  };
}
