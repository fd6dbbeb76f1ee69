// The production web server: one origin for the browser. It serves the built SvelteKit app
// and forwards /graphql (HTTP and the WebSocket upgrade) and /api to the API, so cookies stay
// first-party, no CORS is needed, and a screen behind a firewall needs one address.
//
//   WEB_PORT  (default 3000)                   port to listen on (0: any free port)
//   WEB_HOST  (default 0.0.0.0)                interface to listen on
//   API_URL   (default http://127.0.0.1:4000)  where the API listens
//   TRUST_PROXY=1                              keep X-Forwarded-* from a TLS-terminating proxy
//                                              in front (else they are dropped and set anew)
//   SHUTDOWN_TIMEOUT (default 10 seconds)
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProxyMiddleware } from 'http-proxy-middleware';

const PROXIED = ['/graphql', '/api'];

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
 * @param {{ port?: number, host?: string, apiUrl?: string, trustProxy?: boolean,
 *   handler?: import('node:http').RequestListener, log?: (msg: string) => void }} options
 */
export async function startWebServer(options = {}) {
  const apiUrl = options.apiUrl ?? 'http://127.0.0.1:4000';
  const log = options.log ?? ((msg) => console.log(msg));
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
    target: apiUrl,
    // The API must see the browser's Host and Origin (cookies, allowed origins) …
    changeOrigin: false,
    // … and X-Forwarded-For/-Proto/-Host, to know the client and whether it came over HTTPS.
    xfwd: true,
    // Upgrades are wired explicitly below: with `ws: true` the proxy would only start
    // listening for them after a first HTTP request, and a wall screen that reconnects after
    // a restart asks for the socket first.
    ws: false,
    logger: { info: () => {}, warn: (m) => log(String(m)), error: (m) => log(String(m)) },
  });

  const server = createServer((req, res) => {
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
    apiUrl: process.env.API_URL ?? 'http://127.0.0.1:4000',
    trustProxy: process.env.TRUST_PROXY === '1',
  });
  console.log(
    `Shopfloor web listening on ${web.url} (API: ${process.env.API_URL ?? 'http://127.0.0.1:4000'})`,
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
