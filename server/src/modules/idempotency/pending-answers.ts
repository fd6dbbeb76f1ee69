import type { EntityManager } from '@mikro-orm/postgresql';
import { isDatabaseUnavailable } from '../../db/availability.js';
import type { IdempotentRequest } from './idempotency.service.js';

interface PendingAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
  attempts: number;
  giveUpAt: number;
  timer: NodeJS.Timeout | undefined;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;
/** Past this, the key (24 h) is what remains: an answer this old is not worth a timer. */
const KEEP_MS = 60 * 60 * 1000;

/**
 * Answers whose write committed but whose storing failed because the database went away.
 * Each is retried with a growing pause until the database takes it; meanwhile a retry of
 * the same request in this process is answered from here. Process-wide, keyed by principal
 * and key (principal ids are UUIDs, so servers sharing a process never collide).
 */
export class PendingAnswers {
  static readonly shared = new PendingAnswers();

  private readonly answers = new Map<string, PendingAnswer>();

  keep(
    request: IdempotentRequest,
    status: number,
    body: unknown,
    store: (em: EntityManager) => Promise<unknown>,
    em: EntityManager,
  ): void {
    const id = keyOf(request);
    const existing = this.answers.get(id);
    if (existing?.timer) clearTimeout(existing.timer);
    const answer: PendingAnswer = {
      fingerprint: request.fingerprint,
      status,
      body,
      attempts: 0,
      giveUpAt: Date.now() + KEEP_MS,
      timer: undefined,
    };
    this.answers.set(id, answer);
    const attempt = () => {
      answer.timer = undefined;
      answer.attempts++;
      store(em.fork()).then(
        () => {
          if (this.answers.get(id) === answer) this.answers.delete(id);
        },
        (error: unknown) => {
          if (!isDatabaseUnavailable(error) || Date.now() > answer.giveUpAt) {
            // Not an outage (or a very long one): the key stays COMMITTED; see settle().
            if (this.answers.get(id) === answer) this.answers.delete(id);
            return;
          }
          schedule();
        },
      );
    };
    const schedule = () => {
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** answer.attempts);
      answer.timer = setTimeout(attempt, delay);
      answer.timer.unref();
    };
    schedule();
  }

  /** The answer kept for this request's key, when it is the same request. */
  find(request: IdempotentRequest): { status: number; body: unknown } | undefined {
    const answer = this.answers.get(keyOf(request));
    if (!answer || answer.fingerprint !== request.fingerprint) return undefined;
    return { status: answer.status, body: answer.body };
  }

  get size(): number {
    return this.answers.size;
  }
}

function keyOf(request: IdempotentRequest): string {
  return `${request.principal.kind}:${request.principal.id}:${request.key}`;
}
