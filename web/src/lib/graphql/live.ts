import { stringifyDocument, type TypedDocumentNode } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { session } from '#lib/session/session.svelte.ts';
import { connection } from './connection.svelte.ts';
import { GRAPHQL_PATH } from './http.ts';

/** The server closes a socket with this code when its access token expires. */
export const CLOSE_SESSION_ENDED = 4401;

let wsClient: WsClient | null = null;

function socketUrl(): string {
  const url = new URL(GRAPHQL_PATH, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** A ping not answered within this long means the socket is dead (a cable, a Wi-Fi drop). */
const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;
/** Reconnect back-off: doubling from 1 s, never more than 10 s apart, with jitter. */
const MAX_RETRY_WAIT_MS = 10_000;

/** The one socket of this tab, opened on first use; every connect sends a fresh token. */
export function ws(): WsClient {
  if (wsClient) return wsClient;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const client: WsClient = createClient({
    url: socketUrl(),
    lazy: true,
    keepAlive: PING_INTERVAL_MS,
    retryAttempts: Infinity,
    // Every close but the fatal ones (graphql-ws never retries 4401 itself) is retried; a
    // retried subscription re-sends its payload, whose variables are a getter (see live()).
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise((r) =>
        setTimeout(r, Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** retries) + Math.random() * 1000),
      ),
    connectionParams: async () => {
      const token = await session.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: () => connection.connected(),
      closed: () => {
        clearTimeout(pongTimer);
        connection.lost();
      },
      // A dropped network often closes nothing: without an answer to our ping, end the
      // socket ourselves so that graphql-ws reconnects (and the board says it is offline).
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
  wsClient = client;
  return client;
}

// The browser knows the network went away before any ping can tell.
if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => {
    if (!wsClient) return;
    connection.lost();
    wsClient.terminate();
  });
}

function closeCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? Number((error as { code: unknown }).code)
    : undefined;
}

export interface LiveOptions<TData, TVars> {
  document: TypedDocumentNode<TData, TVars>;
  /** Called at every (re)subscribe, so a resumed stream sends the cursor it has now. */
  variables: () => TVars;
  next: (data: TData) => void;
  /** An error the stream cannot recover from by itself (after it retried). */
  error?: (error: unknown) => void;
}

/**
 * A subscription that keeps running as long as the person is signed in:
 * - the server closes the socket with 4401 when the access token expires; graphql-ws treats
 *   that as fatal, so refresh the session (one refresh at a time) and subscribe again;
 * - graphql-ws re-sends the payload it was given on every retry, so the payload's variables
 *   are a getter: a retried `machineEvents(since)` resumes from the newest cursor;
 * - a stream that completes (server restart) is started again.
 * Returns the function that stops it.
 */
export function live<TData, TVars extends Record<string, unknown>>(
  options: LiveOptions<TData, TVars>,
): () => void {
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const query = stringifyDocument(options.document);

  const restart = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(start, delayMs);
  };

  function start() {
    if (stopped) return;
    const payload = {
      query,
      get variables() {
        return options.variables();
      },
    };
    unsubscribe = ws().subscribe<TData>(payload, {
      next(result) {
        // A failure while applying one event must not bring down the socket (graphql-ws
        // closes it on any exception thrown from here).
        try {
          if (result.data) options.next(result.data);
          else if (result.errors?.length) options.error?.(result.errors);
        } catch (error) {
          console.error('live: could not apply an update', error);
        }
      },
      error(error) {
        if (stopped) return;
        if (closeCode(error) === CLOSE_SESSION_ENDED) {
          connection.lost();
          void session.refresh().then(() => {
            if (session.state === 'signed-in') restart(0);
          });
          return;
        }
        if (Array.isArray(error)) {
          // GraphQL errors for this operation (e.g. forbidden): retrying will not help.
          options.error?.(error);
          return;
        }
        connection.lost();
        restart(2_000);
      },
      complete() {
        // The server ended the stream (restart, deploy): pick it up again.
        restart(1_000);
      },
    });
  }

  start();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    unsubscribe?.();
  };
}

/** Closes the socket (sign-out): the next subscription opens a new one with a new token. */
export function closeSocket(): void {
  const current = wsClient;
  wsClient = null;
  void current?.dispose();
}
