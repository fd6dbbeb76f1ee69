import type { NextFunction, Request, Response } from 'express';

/**
 * Every JSON error answer carries the request id its log lines have, so a user's report
 * ("it said … with id X") finds the lines: REST's `error.requestId`, GraphQL's
 * `errors[].extensions.requestId`. Done where every answer passes (`res.send`), because
 * GraphQL errors are written by Apollo itself (context failures, CSRF refusals, parse
 * errors) as well as by our routes and handlers.
 */
export function requestIdInErrors() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => send(withRequestId(body, req.id, res));
    next();
  };
}

function withRequestId(body: unknown, requestId: string, res: Response): unknown {
  // Cheap tests first: most answers are successes without the word.
  if (typeof body !== 'string' || !body.includes('"error')) return body;
  if (!/json/.test(String(res.getHeader('content-type') ?? ''))) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (parsed === null || typeof parsed !== 'object') return body;
  const answer = parsed as { error?: unknown; errors?: unknown };
  let changed = false;
  const failed = res.statusCode >= 400;
  if (
    failed &&
    answer.error !== null &&
    typeof answer.error === 'object' &&
    !Array.isArray(answer.error)
  ) {
    (answer.error as Record<string, unknown>).requestId = requestId;
    changed = true;
  }
  if (Array.isArray(answer.errors)) {
    for (const error of answer.errors as { extensions?: Record<string, unknown> }[]) {
      if (error === null || typeof error !== 'object') continue;
      error.extensions = { ...error.extensions, requestId };
      changed = true;
    }
  }
  return changed ? JSON.stringify(answer) : body;
}
