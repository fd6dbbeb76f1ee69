import type { MachineStatus } from '#lib/graphql/generated/graphql.ts';
import { compareText } from '#lib/messages.ts';
import type { BoardMachine } from './types.ts';

const STATUS_RANK: Record<MachineStatus, number> = { FAULT: 0, WARNING: 1, OK: 2 };
const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;

/**
 * Worst first, then the most important: FAULT before WARNING before OK; then importance
 * (5 first); among faults the higher severity; faults and warnings the longest in that state
 * first; then by name, so OK machines stand in a fixed order that is easy to scan.
 */
export function compareMachines(a: BoardMachine, b: BoardMachine): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    b.importance - a.importance ||
    (a.openFaultCase && b.openFaultCase
      ? SEVERITY_RANK[a.openFaultCase.severity] - SEVERITY_RANK[b.openFaultCase.severity]
      : 0) ||
    (a.status === 'OK' ? 0 : Date.parse(a.statusSince) - Date.parse(b.statusSince)) ||
    compareText(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
