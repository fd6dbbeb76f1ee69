import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { assertUuid } from '../common/ids.js';
import type { RequestContext } from '../graphql/context.js';
import { ApiScope } from '../modules/api-clients/api-client.scope.js';
import type { BusEvent } from './event-bus.js';
import { latestEventId } from './event-store.js';
import { eventStream, type StreamOptions } from './event-stream.js';

/** `details.reason` when `since` is beyond every committed event. */
export const CURSOR_AHEAD = 'CURSOR_AHEAD';

/** Subscriptions check their caller when they start; HTTP-only decorators don't run there. */
export function requireReader(ctx: RequestContext): Actor {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (actor.kind === 'apiClient' && !actor.scopes.includes(ApiScope.MACHINES_READ)) {
    throw AppError.forbidden('This API token does not allow this');
  }
  return actor;
}

/**
 * Which events reach a subscriber: API tokens and display links hear of their buildings only;
 * people of every role hear of every machine, as the board shows them all. A fault event of a
 * case the reader may not read in detail (a repair worker's view of someone else's case) still
 * arrives, so a live board learns the case's severity and owner: its detail is withheld where
 * it is resolved, by the `data` field (board keys only) and the FaultCase type's read rule,
 * exactly as for the same event read any other way.
 */
export function canSee(actor: Actor, event: BusEvent): boolean {
  if (actor.kind === 'apiClient') {
    return actor.buildingIds.length === 0 || actor.buildingIds.includes(event.buildingId);
  }
  return true;
}

/**
 * The events one subscriber may see, as payloads. Each delivery is executed with a fresh
 * EntityManager and dataloaders (see graphql/shared-subscribe.ts); `toPayload` must take its
 * own fork (`ctx.forkEm()`) when it reads.
 */
export function subscriptionStream<T>(
  ctx: RequestContext,
  options: Omit<StreamOptions, 'sequencer' | 'em'> & { name: string },
  toPayload: (event: BusEvent) => T | undefined | Promise<T | undefined>,
): AsyncIterableIterator<T> {
  const stream = eventStream({ ...options, sequencer: ctx.sequencer, em: ctx.forkEm });
  const delivered = ctx.metrics?.deliveries.labels(options.name);
  // A plain iterator rather than an async generator: this runs once per subscriber per
  // event, so every awaited layer saved counts at thousands of subscribers.
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      try {
        for (;;) {
          const next = await stream.next();
          if (next.done) return { value: undefined, done: true };
          const mapped = toPayload(next.value);
          const payload = mapped instanceof Promise ? await mapped : mapped;
          if (payload !== undefined) {
            delivered?.inc();
            return { value: payload, done: false };
          }
        }
      } catch (error) {
        // graphql-ws reports the error but never calls return(): stop listening here.
        await stream.return?.();
        throw error;
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await stream.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown): Promise<IteratorResult<T>> {
      await stream.return?.();
      throw error;
    },
  };
}

export function parseSince(since: string | null | undefined): number | undefined {
  if (since === null || since === undefined) return undefined;
  if (!/^\d{1,15}$/.test(since)) throw AppError.badInput('since must be an event id');
  return Number(since);
}

/**
 * A `since` beyond every committed event can only come from another database (a restore, a
 * reset, a wall screen moved to another plant): replaying from it would wait silently for ids
 * that may never come. Such a client is told so, with the current head, to reload its board
 * and resume from the snapshot's `lastEventId`. An id above this process's stream position may
 * just have been committed (its signal not here yet, or seen on another replica), so the
 * table decides; ids appear in commit order, so a committed id is never above the head read.
 */
export async function assertCursorNotAhead(ctx: RequestContext, since: number): Promise<void> {
  if (since <= ctx.sequencer.position) return;
  const head = await latestEventId(ctx.forkEm());
  if (since <= head) return;
  throw AppError.badInput(
    'since is beyond the newest event: reload the board and resume from its lastEventId',
    { field: 'since', reason: CURSOR_AHEAD, since: String(since), headId: String(head) },
  );
}

export interface SubscriptionScope {
  buildingIds?: string[] | null;
  machineIds?: string[] | null;
}

/** Scope ids come from clients: malformed ones are bad input, not database errors. */
export function parseScope(scope: SubscriptionScope): SubscriptionScope {
  return {
    buildingIds: scope.buildingIds?.map((id) => assertUuid(id, 'buildingIds')),
    machineIds: scope.machineIds?.map((id) => assertUuid(id, 'machineIds')),
  };
}
