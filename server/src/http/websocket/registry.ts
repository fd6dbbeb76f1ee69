import type { WebSocket } from 'ws';
import type { Actor } from '../../common/actor.js';
import type { Metrics } from '../metrics.js';

/** What the server knows about one authenticated socket. */
export interface SocketState {
  /** Random per socket: operation ids are the client's and repeat across sockets. */
  connectionId: string;
  actor: Actor;
  /** The token version the credential carries (users only); revalidation compares it. */
  tokenVersion?: number;
  /** The session the token belongs to (users signed in); ending it ends the socket. */
  sessionId?: string;
  subscriptions: number;
  expiryTimer?: NodeJS.Timeout;
}

/**
 * The open, authenticated sockets, and the cap on sockets per user or API client: one
 * runaway screen (or a leaked token) cannot hold thousands of connections.
 */
export class SocketRegistry {
  private readonly states = new Map<WebSocket, SocketState>();
  private readonly perPrincipal = new Map<string, number>();

  constructor(
    private readonly maxSocketsPerPrincipal: number,
    private readonly metrics?: Metrics,
  ) {}

  get size(): number {
    return this.states.size;
  }

  /** Subscriptions running on all open sockets (for /metrics). */
  subscriptionCount(): number {
    let count = 0;
    for (const state of this.states.values()) count += state.subscriptions;
    return count;
  }

  entries(): IterableIterator<[WebSocket, SocketState]> {
    return this.states.entries();
  }

  /** Registers the socket, or false when its principal has the most sockets allowed open. */
  admit(ws: WebSocket, state: SocketState): boolean {
    const key = principalKey(state.actor);
    const open = this.perPrincipal.get(key) ?? 0;
    if (open >= this.maxSocketsPerPrincipal) return false;
    this.perPrincipal.set(key, open + 1);
    this.states.set(ws, state);
    this.metrics?.openSockets.set(this.states.size);
    return true;
  }

  /** Forgets the socket (closed, or its session ended); safe to call twice. */
  release(ws: WebSocket): void {
    const state = this.states.get(ws);
    if (!state) return;
    clearTimeout(state.expiryTimer);
    this.states.delete(ws);
    this.metrics?.openSockets.set(this.states.size);
    const key = principalKey(state.actor);
    const left = (this.perPrincipal.get(key) ?? 1) - 1;
    if (left > 0) this.perPrincipal.set(key, left);
    else this.perPrincipal.delete(key);
  }
}

function principalKey(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}
