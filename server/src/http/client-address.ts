import type { IncomingMessage } from 'node:http';

/** express's compiled `trust proxy` setting: is the hop at this address, this far in, trusted? */
export type TrustProxy = (address: string, hop: number) => boolean;

const addresses = new WeakMap<IncomingMessage, string>();

/**
 * The client's address as express's `req.ip` reads it, for requests express never sees (the
 * WebSocket upgrade): X-Forwarded-For is walked from the nearest hop while each hop is a
 * trusted proxy; the first untrusted one is the client.
 */
export function resolveClientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  const hops = [socketAddress, ...forwarded];
  for (let i = 0; i < hops.length - 1; i++) {
    if (!trust(hops[i]!, i)) return hops[i]!;
  }
  return hops[hops.length - 1]!;
}

/** Resolves the address once, at the upgrade; later look-ups for the socket find it. */
export function rememberClientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const address = resolveClientAddress(req, trust);
  addresses.set(req, address);
  return address;
}

/** The address remembered at the upgrade, or the socket's own. */
export function clientAddressOf(req: IncomingMessage): string {
  return addresses.get(req) ?? req.socket.remoteAddress ?? 'unknown';
}
