import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import { clientAddressOf, rememberClientAddress, type TrustProxy } from '../client-address.js';

/**
 * The HTTP upgrade: only `/graphql`, and only from an allowed origin (a browser sends its
 * page's origin; a page elsewhere must not ride on a user's network position).
 */
export function upgradeHandler(
  wss: WebSocketServer,
  config: Pick<Config, 'allowedOrigins'>,
  logger: Logger,
  trustProxy: TrustProxy,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    rememberClientAddress(req, trustProxy);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') {
      socket.destroy();
      return;
    }
    const origin = req.headers.origin;
    if (origin && !config.allowedOrigins.includes(origin)) {
      logger.warn({ origin }, 'WebSocket upgrade refused: origin not allowed');
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
}

/**
 * graphql-ws reports every socket error on console.error as an internal fault. The errors
 * `ws` raises on a socket are the client's (a frame over maxPayload, a bad frame), and `ws`
 * is already closing the socket with the fitting code (1009, 1002): log them as such.
 * Call after useServer, so graphql-ws's listener is there to be replaced.
 */
export function logProtocolErrorsAsClientErrors(wss: WebSocketServer, logger: Logger): void {
  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      logger.warn(
        { ip: clientAddressOf(req), code: error.code, reason: error.message },
        'WebSocket closed: protocol error from the client',
      );
    });
  });
}
