// The production web server: one origin for the browser. It serves the built SvelteKit app
// and forwards /graphql (HTTP and the WebSocket upgrade) and /api to the API, so cookies stay
// first-party, no CORS is needed, and a screen behind a firewall needs one address.
//
//   WEB_PORT  (default 3000)                   port to listen on (0: any free port)
//   WEB_HOST  (default 0.0.0.0)                interface to listen on
//   API_URL   (default http://127.0.0.1:4000)  where the API listens; several, comma-separated,
//                                              are used in turn (requests and WebSockets), each
//                                              only while its /readyz says ready
//   TRUST_PROXY=1                              keep X-Forwarded-* from a TLS-terminating proxy
//                                              in front (else they are dropped and set anew)
//   SHUTDOWN_TIMEOUT (default 10 seconds)
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { createProxyMiddleware } from 'http-proxy-middleware';

const PROXIED = ['/graphql', '/api'];
const DEFAULT_API_URL = 'http://127.0.0.1:4000';
/** How long an API replica that refused a connection is left out of the rotation. */
const UPSTREAM_REST_MS = 5000;
/** Errors that mean the replica is not there (stopped, restarting), not a slow answer. */
const UPSTREAM_DOWN_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** With several replicas, each one's /readyz is asked this often. */
const READINESS_INTERVAL_MS = 2000;

/**
 * The API replicas in turn (round robin), only those whose /readyz says ready (asked every
 * two seconds; a replica not yet asked counts as ready) and that did not refuse a
 * connection in the last few seconds. When none qualifies, the first is asked anyway.
 * A single replica is always used: nothing to choose, nothing to ask.
 * @param {string[]} urls
 * @param {(msg: string) => void} log
 */
function upstreamRotation(urls, log) {
  /** @type {{ url: string, ready: boolean | undefined, downUntil: number }[]} */
  const upstreams = urls.map((url) => ({ url, ready: undefined, downUntil: 0 }));
  let next = 0;

  /** @param {(typeof upstreams)[number]} upstream */
  async function check(upstream) {
    const ready = await fetch(`${upstream.url}/readyz`, { signal: AbortSignal.timeout(1500) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ready !== upstream.ready) log(`API ${upstream.url}: ${ready ? 'ready' : 'not ready'}`);
    upstream.ready = ready;
  }
  const timer =
    upstreams.length > 1
      ? setInterval(() => upstreams.forEach((u) => void check(u)), READINESS_INTERVAL_MS)
      : undefined;
  timer?.unref();
  if (timer) upstreams.forEach((u) => void check(u));

  return {
    pick() {
      const now = Date.now();
      for (let i = 0; i < upstreams.length; i++) {
        const candidate = upstreams[(next + i) % upstreams.length];
        if (candidate && candidate.ready !== false && candidate.downUntil <= now) {
          next = (next + i + 1) % upstreams.length;
          return candidate.url;
        }
      }
      return upstreams[0]?.url ?? DEFAULT_API_URL;
    },
    /** A proxied request failed: a replica that is not there is left out for a while. */
    /** @param {unknown} target @param {unknown} error */
    failed(target, error) {
      const code = /** @type {{ code?: string }} */ (error)?.code;
      if (!code || !UPSTREAM_DOWN_CODES.has(code)) return;
      const href = String(/** @type {{ href?: string }} */ (target)?.href ?? target);
      for (const upstream of upstreams) {
        if (href.startsWith(upstream.url)) upstream.downUntil = Date.now() + UPSTREAM_REST_MS;
      }
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

/** `API_URL` as a list: one URL, or several separated by commas. */
export function parseApiUrls(raw = DEFAULT_API_URL) {
  const urls = raw
    .split(',')
    .map((url) => url.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return urls.length > 0 ? urls : [DEFAULT_API_URL];
}

/** True when the request's path is one the API answers. */
function isApiPath(url = '') {
  const path = url.split('?')[0] ?? '';
  return PROXIED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * The headers that tell the API how the browser reached us. Only a proxy we trust may have
 * set them already; otherwise a client could claim HTTPS and get cookies marked for it.
 */
/** @param {import('node:http').IncomingMessage} req */
function dropForwardedHeaders(req) {
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith('x-forwarded-')) delete req.headers[name];
  }
}

/**
 * @param {{ port?: number, host?: string, apiUrl?: string | string[], trustProxy?: boolean,
 *   handler?: import('node:http').RequestListener, log?: (msg: string) => void }} options
 */
export async function startWebServer(options = {}) {
  const apiUrls = Array.isArray(options.apiUrl) ? options.apiUrl : parseApiUrls(options.apiUrl);
  const log = options.log ?? ((msg) => console.log(msg));
  const rotation = upstreamRotation(apiUrls, log);
  const handler =
    options.handler ??
    /** @type {import('node:http').RequestListener} */ (
      (
        await import(
          pathToFileURL(fileURLToPath(new URL('./build/handler.js', import.meta.url))).href
        )
      ).handler
    );

  const proxy = createProxyMiddleware({
    target: apiUrls[0],
    router: apiUrls.length > 1 ? () => rotation.pick() : undefined,
    // A listener beside the default ones (an `on.error` would replace the one that answers 504).
    plugins: [
      (proxyServer) =>
        proxyServer.on('error', (error, _req, _res, target) => rotation.failed(target, error)),
    ],
    // The API must see the browser's Host and Origin (cookies, allowed origins) …
    changeOrigin: false,
    // … and X-Forwarded-For/-Proto/-Host, to know the client and whether it came over HTTPS.
    xfwd: true,
    // Upgrades are wired explicitly below: with `ws: true` the proxy would only start
    // listening for them after a first HTTP request, and a wall screen that reconnects after
    // a restart asks for the socket first.
    ws: false,
    // The proxy logs printf-style (`%s`): its arguments carry the path, target and error code.
    logger: {
      info: () => {},
      warn: (...args) => log(format(...args)),
      error: (...args) => log(format(...args)),
    },
  });

  const server = createServer((req, res) => {
    // The web server's own liveness, for a container HEALTHCHECK: it says nothing of the API.
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('{"status":"ok"}');
      return;
    }
    if (isApiPath(req.url)) {
      if (!options.trustProxy) dropForwardedHeaders(req);
      void proxy(req, res, () => {
        if (!res.headersSent) res.writeHead(502).end();
      });
      return;
    }
    handler(req, res);
  });

  /** Upgraded sockets are not tracked by server.close(); shutdown ends them itself. */
  const upgraded = new Set();
  server.on('upgrade', (req, socket, head) => {
    if (!isApiPath(req.url)) {
      // Nothing else here speaks WebSocket; an unanswered upgrade would hang the client.
      socket.destroy();
      return;
    }
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    if (!options.trustProxy) dropForwardedHeaders(req);
    proxy.upgrade(req, /** @type {import('node:net').Socket} */ (socket), head);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '0.0.0.0', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address}:${address.port}`;

  let closing = null;
  /** Stops accepting, lets requests finish, ends WebSockets; forces it after `timeoutMs`. */
  function close(timeoutMs = 10_000) {
    closing ??= new Promise((resolve) => {
      rotation.stop();
      const force = setTimeout(() => {
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }, timeoutMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve(undefined);
      });
      server.closeIdleConnections();
      // A proxied WebSocket ends both ways: the browser reconnects, the API sees it go.
      for (const socket of upgraded) socket.end();
    });
    return closing;
  }

  return { server, url, port: address.port, close };
}

async function main() {
  const port = Number(process.env.WEB_PORT ?? 3000);
  const web = await startWebServer({
    port,
    host: process.env.WEB_HOST ?? '0.0.0.0',
    apiUrl: parseApiUrls(process.env.API_URL),
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  console.log(
    `Shopfloor web listening on ${web.url} (API: ${parseApiUrls(process.env.API_URL).join(', ')})`,
  );
  const timeout = Number(process.env.SHUTDOWN_TIMEOUT ?? 10) * 1000;
  /** @param {string} signal */
  const stop = (signal) => {
    console.log(`${signal}: shutting down`);
    void web.close(timeout).then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
