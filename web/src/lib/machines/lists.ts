import type { MachineEventType } from '#lib/graphql/generated/graphql.ts';

const byNewestId = (a: { id: string }, b: { id: string }) => {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x > y ? -1 : 1;
};

/** Adds events to a newest-first list: each id once, whatever order they came in. */
export function mergeEvents<T extends { id: string }>(list: T[], incoming: T[]): T[] {
  const seen = new Set(list.map((e) => e.id));
  const added = incoming.filter((e) => !seen.has(e.id) && seen.add(e.id));
  return added.length ? [...list, ...added].sort(byNewestId) : list;
}

/** A next page appended: rows already shown (moved up meanwhile) are not shown twice. */
export function appendNew<T extends { id: string }>(list: T[], page: T[]): T[] {
  const seen = new Set(list.map((e) => e.id));
  return [...list, ...page.filter((e) => !seen.has(e.id))];
}

/** Events after which the machine's case lists are read again. */
export const FAULT_EVENTS: ReadonlySet<MachineEventType> = new Set<MachineEventType>([
  'FAULT_OPENED',
  'FAULT_UPDATED',
  'FAULT_ASSIGNED',
  'FAULT_ACKNOWLEDGED',
  'FAULT_STARTED',
  'FAULT_RESOLVED',
  'FAULT_REOPENED',
]);
