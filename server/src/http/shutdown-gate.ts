import type { NextFunction, Request, Response } from 'express';
import { sendFailure, SHUTTING_DOWN_FAILURE } from './json-errors.js';

/**
 * Once shutdown begins, a request that arrives (typically on a kept-alive connection, which
 * `server.close()` does not stop) is refused before anything runs: 503 with
 * `Connection: close`, so the client retries on a new connection, elsewhere. Requests
 * already running finish, and their answers close their connections too.
 */
export class ShutdownGate {
  private closing = false;
  private readonly inFlight = new Set<Response>();

  get isClosing(): boolean {
    return this.closing;
  }

  begin(): void {
    this.closing = true;
    for (const res of this.inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (this.closing) {
        sendFailure(req, res, SHUTTING_DOWN_FAILURE);
        return;
      }
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
      next();
    };
  }
}
