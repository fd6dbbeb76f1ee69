import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Collected<T> {
  items: T[];
  errors: unknown[];
  done: Promise<void>;
  /** Resolves once `count` items have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

export interface SocketClient {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
  subscribe<T>(query: string, variables?: Record<string, unknown>): Collected<T>;
  dispose(): Promise<void>;
}

/** A real graphql-ws client over `ws`, as a wall screen or browser would connect. */
export function connectSocket(
  url: string,
  token: string | undefined,
  options: { origin?: string; retry?: boolean } = {},
): SocketClient {
  let onClosed: (e: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((r) => (onClosed = r));
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, options.origin ? { headers: { origin: options.origin } } : {});
      }
    },
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retry ? 5 : 0,
    lazy: false,
    // Tests read closes from `closed`; the default would print the whole socket to stderr.
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        onClosed({ code: e.code, reason: String(e.reason) });
      },
    },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}) {
      const items: T[] = [];
      const errors: unknown[] = [];
      const waiters: { count: number; resolve: (v: T[]) => void }[] = [];
      let finish: () => void = () => undefined;
      const done = new Promise<void>((r) => (finish = r));
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            if (value.errors) errors.push(...value.errors);
            if (value.data) items.push(value.data as T);
            for (const w of [...waiters]) {
              if (items.length >= w.count) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(items.slice());
              }
            }
          },
          error: (error) => {
            // A close arrives as a CloseEvent, which serialises to {}: keep its code and reason.
            const close = error as { code?: unknown; reason?: unknown };
            errors.push(
              typeof close?.code === 'number'
                ? { code: close.code, reason: String(close.reason) }
                : error,
            );
            finish();
          },
          complete: () => finish(),
        },
      );
      return {
        items,
        errors,
        done,
        stop,
        waitFor(count, timeoutMs = 5000) {
          if (items.length >= count) return Promise.resolve(items.slice());
          return new Promise<T[]>((resolve, reject) => {
            const timer = setTimeout(
              () =>
                reject(
                  new Error(
                    `waited for ${count} items, got ${items.length}: ${JSON.stringify(errors)}`,
                  ),
                ),
              timeoutMs,
            );
            waiters.push({ count, resolve: (v) => (clearTimeout(timer), resolve(v)) });
          });
        },
      };
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}
