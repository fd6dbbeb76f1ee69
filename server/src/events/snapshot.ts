import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventSequencer } from './event-sequencer.js';

/** What a snapshot read was consistent with, per object it returned (see `lastEventIdOf`). */
const marks = new WeakMap<object, string>();

/**
 * Runs a read for a board snapshot and tells which event id it is consistent with, so a
 * client can stitch it to `machineEvents(since: lastEventId)` with no gap.
 *
 * The head is this process's event stream position, taken BEFORE the rows are read: every id
 * up to it is final (events/event-horizon.ts) and was committed before the read began, so the
 * rows reflect all of those events. They may reflect some later events too; those are
 * replayed from `since` and re-applied, which a board's updates tolerate (each sets a state).
 * The newest id in the table would not do: a smaller id may still be committing, and the
 * client would skip it forever. Reading the head after the rows could name an event the rows
 * missed.
 *
 * The rows are read through a fresh fork, so nothing loaded earlier in the same request (an
 * identity map hit) stands in for a row read now.
 */
export async function readSnapshot<T>(
  ctx: { em: EntityManager; sequencer: EventSequencer },
  read: (em: EntityManager) => Promise<T>,
): Promise<{ result: T; lastEventId: string }> {
  const head = ctx.sequencer.position;
  const result = await read(ctx.em.fork());
  return { result, lastEventId: String(head) };
}

/** Marks objects returned by a snapshot read with the event id it is consistent with. */
export function markSnapshot(objects: readonly object[], lastEventId: string): void {
  for (const object of objects) marks.set(object, lastEventId);
}

/** The event id a snapshot read of this object is consistent with; undefined if none. */
export function lastEventIdOf(object: object): string | undefined {
  return marks.get(object);
}
