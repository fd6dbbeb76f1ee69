import type { FaultStatus, Severity } from '#lib/graphql/generated/graphql.ts';

/** What the work order looks at: board fields of a case and its machine's importance. */
export interface OrderableCase {
  id: string;
  status: FaultStatus;
  severity: Severity;
  openedAt: string;
  machine: { importance: number };
}

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/**
 * The group a case falls in, first to last:
 * 0. IN_PROGRESS — the repair already under way: finish what you started (leaving a machine
 *    half taken apart helps no one), and it stays where your hands are.
 * 1. OPEN and CRITICAL — nobody has said "I'm on it" to a critical fault yet: acknowledging
 *    takes a tap and tells the floor someone owns it, so it comes before everything waiting.
 * 2. everything else waiting (OPEN or ACKNOWLEDGED), ordered within the group as below.
 * 3. anything else (RESOLVED: never on a work list, but sorted last should one slip in).
 */
function group(fc: OrderableCase): number {
  if (fc.status === 'IN_PROGRESS') return 0;
  if (fc.status === 'OPEN' && fc.severity === 'CRITICAL') return 1;
  if (fc.status === 'RESOLVED') return 3;
  return 2;
}

/**
 * The order a repair worker should work their cases in (My work), as a comparator:
 * by group (see above), then the higher severity, then the more important machine
 * (importance 5 stops production first), then the oldest first (it has waited longest),
 * then by id so that the order never flickers between equal cases.
 */
export function compareWork(a: OrderableCase, b: OrderableCase): number {
  return (
    group(a) - group(b) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.machine.importance - a.machine.importance ||
    Date.parse(a.openedAt) - Date.parse(b.openedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A copy of the cases in the order they should be worked. */
export function inWorkOrder<T extends OrderableCase>(cases: readonly T[]): T[] {
  return [...cases].sort(compareWork);
}
