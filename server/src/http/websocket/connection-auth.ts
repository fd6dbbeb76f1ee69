import { clientAddressOf } from '../client-address.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import { authenticate, bearerToken, type Authentication } from '../../modules/auth/authenticate.js';
import { CLOSE_SESSION_ENDED, CLOSE_TOO_MANY, CLOSE_TRY_AGAIN } from './limits.js';
import type { SocketRegistry, SocketState } from './registry.js';

export type SocketExtra = Extra & { state?: SocketState };
export type SocketContext = Context<Record<string, unknown>, SocketExtra>;

export interface ConnectionAuthDeps {
  orm: MikroORM;
  config: Config;
  logger: Logger;
  registry: SocketRegistry;
}

/**
 * graphql-ws's `onConnect`: the credential comes in `connection_init` (`authorization:
 * "Bearer …"` or `token`), is checked exactly as over HTTP, and the socket lives no longer
 * than that credential. `false` makes graphql-ws close with 4403.
 */
export function connectionAuthenticator(
  deps: ConnectionAuthDeps,
): (ctx: SocketContext) => Promise<boolean> {
  const { orm, config, logger, registry } = deps;
  return async (ctx) => {
    const params = ctx.connectionParams ?? {};
    const raw = typeof params.authorization === 'string' ? params.authorization : undefined;
    const token = bearerToken(raw) ?? (typeof params.token === 'string' ? params.token : undefined);
    const socket = ctx.extra.socket;
    let authentication: Authentication;
    try {
      authentication = await authenticate(orm.em.fork(), config, token);
    } catch (error) {
      // The credential could not be checked (the database is away): not the client's fault,
      // so not 4403. 1013 "try again later" makes clients reconnect; 4500 would stop them.
      logger.error({ err: error }, 'WebSocket connection could not be authenticated');
      socket.close(CLOSE_TRY_AGAIN, 'Try again later');
      return false; // graphql-ws's own close of a closing socket does nothing
    }
    const { actor, expiresAt, tokenVersion, sessionId } = authentication;
    if (!actor) {
      logger.warn(
        { ip: clientAddressOf(ctx.extra.request) },
        'WebSocket refused: missing or invalid token',
      );
      return false;
    }
    if (socket.readyState !== socket.OPEN) {
      // Closed while the token was checked: onClose has run already; count nothing.
      return false;
    }
    // The version the token carries, not the current one: a change that lands meanwhile
    // must still end this socket at the next revalidation.
    const state: SocketState = {
      connectionId: randomUUID(),
      actor,
      tokenVersion,
      sessionId,
      subscriptions: 0,
    };
    if (!registry.admit(socket, state)) {
      socket.close(CLOSE_TOO_MANY, 'Too many open connections');
      // Already closing with our own code; `false` would make graphql-ws close it again.
      return true;
    }
    if (expiresAt) {
      const ms = Math.max(0, expiresAt.getTime() - Date.now());
      state.expiryTimer = setTimeout(() => socket.close(CLOSE_SESSION_ENDED, 'Token expired'), ms);
      state.expiryTimer.unref();
    }
    ctx.extra.state = state;
    return true;
  };
}
