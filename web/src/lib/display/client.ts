import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { fetchWithClock, GRAPHQL_PATH } from '#lib/graphql/http.ts';

/** The longest wait between two reconnect attempts: a screen comes back soon after the API. */
const MAX_RETRY_MS = 30_000;
/** A ping is sent this often; a pong later than PONG_TIMEOUT_MS means the socket is dead. */
const KEEP_ALIVE_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

export interface DisplayClientHooks {
  connected(): void;
  /** The socket closed (`code` when the server gave one); it is being retried. */
  closed(code: number | undefined): void;
}

/** Operation context: read at every (re)subscribe, so a retried stream sends today's cursor. */
export interface LiveContext {
  liveVariables?: () => Record<string, unknown>;
  /** The stream ended (server restart, error): the caller decides whether to start it again. */
  onEnd?: (error?: unknown) => void;
}

export interface DisplayClient {
  urql: Client;
  ws: WsClient;
  dispose(): void;
}

function socketUrl(): string {
  const url = new URL(GRAPHQL_PATH, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Resolves after `ms`, or as soon as the browser says the network is back. */
function waitOrOnline(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    addEventListener('online', done);
  });
}

/**
 * The wall screen's own client, signed in with its display link's token (never with a
 * person's session). No document cache: a screen that runs for weeks must not keep every
 * answer it ever got; the board state holds what is shown.
 *
 * The socket reconnects forever, with exponential back-off capped at 30 s (graphql-ws's
 * default grows without bound), sooner when the browser reports the network back; a socket
 * whose pong does not come, or a browser gone offline, is terminated so the retry starts at
 * once instead of waiting on a dead TCP connection.
 */
export function createDisplayClient(token: string, hooks: DisplayClientHooks): DisplayClient {
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const ws = createClient({
    url: socketUrl(),
    lazy: true,
    // Stay connected between subscriptions (a CURSOR_AHEAD reload re-subscribes).
    lazyCloseTimeout: 5_000,
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) =>
      waitOrOnline(Math.min(MAX_RETRY_MS, 1000 * 2 ** retries) * (0.5 + Math.random() / 2)),
    connectionParams: { authorization: `Bearer ${token}` },
    on: {
      connected: () => hooks.connected(),
      closed: (event) => {
        clearTimeout(pongTimer);
        const code =
          typeof event === 'object' && event !== null && 'code' in event
            ? Number((event as { code: unknown }).code)
            : undefined;
        hooks.closed(code);
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => ws.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
  const goneOffline = () => ws.terminate();
  addEventListener('offline', goneOffline);

  const urql = new Client({
    url: GRAPHQL_PATH,
    // urql 6 sends short queries as GET; the API's CSRF prevention refuses those.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: fetchWithClock,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request, operation) {
          const context = operation.context as LiveContext;
          return {
            subscribe(sink) {
              const payload = {
                query: request.query ?? '',
                // graphql-ws sends the payload it was given again on every retry: a getter,
                // so a stream resumed after a reconnect asks from the newest cursor.
                get variables() {
                  return context.liveVariables?.() ?? request.variables;
                },
              };
              // A subscription refused at its start (e.g. CURSOR_AHEAD) arrives as one result
              // with errors and then a complete: the end carries those errors.
              let refusal: unknown;
              const unsubscribe = ws.subscribe(payload, {
                next: (value) => {
                  if (value.errors?.length && !value.data) refusal = value.errors;
                  sink.next(value as Parameters<typeof sink.next>[0]);
                },
                error: (error) => {
                  context.onEnd?.(error);
                  sink.error(error);
                },
                complete: () => {
                  context.onEnd?.(refusal);
                  sink.complete();
                },
              });
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    urql,
    ws,
    dispose() {
      clearTimeout(pongTimer);
      removeEventListener('offline', goneOffline);
      void ws.dispose();
    },
  };
}
