import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../config/logger.js';
import { ApiClient } from '../../modules/api-clients/api-client.entity.js';
import { liveSessions } from '../../modules/auth/refresh-tokens.js';
import { User } from '../../modules/users/user.entity.js';
import { CLOSE_SESSION_ENDED, SOCKET_LIMITS } from './limits.js';
import type { SocketRegistry, SocketState } from './registry.js';

/**
 * Deactivation, role or password changes, ended sessions (logout, refresh-token reuse) and
 * revoked API tokens end sockets within seconds, on every replica: every `revalidateEveryMs`,
 * one query per kind for all open sockets.
 * Returns the function that stops it.
 */
export function startRevalidation(
  registry: SocketRegistry,
  orm: MikroORM,
  logger: Logger,
): () => void {
  const timer = setInterval(() => {
    void revalidateSockets(registry, orm).catch((error: unknown) =>
      logger.warn({ err: error }, 'socket revalidation failed'),
    );
  }, SOCKET_LIMITS.revalidateEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function revalidateSockets(registry: SocketRegistry, orm: MikroORM): Promise<void> {
  if (registry.size === 0) return;
  const em = orm.em.fork();
  const userIds = new Set<string>();
  const clientIds = new Set<string>();
  const sessionIds = new Set<string>();
  for (const [, s] of registry.entries()) {
    (s.actor.kind === 'user' ? userIds : clientIds).add(s.actor.id);
    if (s.sessionId) sessionIds.add(s.sessionId);
  }
  const users = userIds.size
    ? await em.find(
        User,
        { id: { $in: [...userIds] } },
        { fields: ['id', 'active', 'tokenVersion', 'role'] },
      )
    : [];
  const clients = clientIds.size
    ? await em.find(ApiClient, { id: { $in: [...clientIds] }, revokedAt: null }, { fields: ['id'] })
    : [];
  const sessions = await liveSessions(em, [...sessionIds]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const liveClients = new Set(clients.map((c) => c.id));
  const stillValid = (s: SocketState): boolean => {
    if (s.actor.kind !== 'user') return liveClients.has(s.actor.id);
    const u = userById.get(s.actor.id);
    if (s.sessionId && !sessions.has(s.sessionId)) return false;
    return !!u && u.active && u.tokenVersion === s.tokenVersion && u.role === s.actor.role;
  };
  for (const [ws, s] of [...registry.entries()]) {
    if (!stillValid(s)) {
      ws.close(CLOSE_SESSION_ENDED, 'Session ended');
      registry.release(ws);
    }
  }
}
