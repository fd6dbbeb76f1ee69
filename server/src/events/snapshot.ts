import type { EntityManager } from '@mikro-orm/postgresql';
import { latestEventId } from './event-store.js';

/** What a snapshot read was consistent with, per object it returned (see `lastEventIdOf`). */
const marks = new WeakMap<object, string>();

/**
 * Runs a read for a board snapshot and tells which event id it is consistent with, so a
 * client can stitch it to `machineEvents(since: lastEventId)` with no gap.
 *
 * The head id is read BEFORE the rows, in its own statement. Under READ COMMITTED each
 * statement sees the commits made before it started, and event ids are handed out in commit
 * order (the writers' advisory lock), so every event up to the head was committed before the
 * rows were read: the rows reflect all of them. They may reflect some later events too; those
 * are replayed from `since` and re-applied, which a board's updates tolerate (each sets a
 * state). Reading the head after the rows instead could name an event the rows missed, and
 * the client would skip it forever.
 *
 * The rows are read through a fresh fork, so nothing loaded earlier in the same request (an
 * identity map hit) stands in for a row read now.
 */
export async function readSnapshot<T>(
  em: EntityManager,
  read: (em: EntityManager) => Promise<T>,
): Promise<{ result: T; lastEventId: string }> {
  const head = await latestEventId(em.fork());
  const result = await read(em.fork());
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
