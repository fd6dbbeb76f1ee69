import express from 'express';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/availability.js';
import { sendFailure, type HttpFailure } from './json-errors.js';

const STARTING_FAILURE: HttpFailure = {
  status: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'The server is starting (waiting for its database); retry shortly',
  headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
};

/**
 * What the server answers between listening and having its database: alive (`/healthz`, so
 * an orchestrator does not kill a process that is only waiting), not ready (`/readyz`, so a
 * load balancer sends nothing), and 503 with Retry-After for everything else.
 */
export function startingApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'starting' });
  });
  app.get('/readyz', (_req, res) => {
    res.status(503).json({ status: 'starting' });
  });
  app.use((req, res) => sendFailure(req, res, STARTING_FAILURE));
  return app;
}

/** A WebSocket asked for too early: refused in words, so the client backs off and retries. */
export function refuseUpgradeWhileStarting(_req: IncomingMessage, socket: Duplex): void {
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${DATABASE_RETRY_AFTER_SECONDS}\r\n` +
      'Connection: close\r\nContent-Length: 0\r\n\r\n',
  );
}
