import DataLoader from 'dataloader';
import { loadTopPerParent, type TopPerParentQuery } from '../../common/nested-list.js';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { FaultCase } from './fault-case.entity.js';
import { UNRESOLVED_FAULT_STATUSES } from './fault-case.enums.js';
import { FaultNote } from './fault-note.entity.js';

/**
 * A machine's unresolved cases, newest first (the board shows the first): the loader and the
 * board's page read (machine.loaders).
 */
// A function: the entity class is read at call time (the modules import each other).
export const UNRESOLVED_CASES_BY_MACHINE = (): TopPerParentQuery<FaultCase> => ({
  entity: FaultCase,
  table: 'fault_cases',
  parentColumn: 'machine_id',
  where: {
    sql: `t.status in (${UNRESOLVED_FAULT_STATUSES.map(() => '?').join(', ')})`,
    params: [...UNRESOLVED_FAULT_STATUSES],
  },
  orderBy: 't.opened_at desc, t.id asc',
});

/** Unresolved cases per machine, newest first (the board shows the first). */
export function unresolvedFaultCasesLoader(ctx: ServiceContext): DataLoader<string, FaultCase[]> {
  return memoized(
    ctx,
    'unresolvedFaultCasesByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const byMachine = await loadTopPerParent(ctx.em, UNRESOLVED_CASES_BY_MACHINE(), machineIds);
        return machineIds.map((id) => byMachine.get(id) ?? []);
      }),
  );
}

export function faultCaseLoader(ctx: ServiceContext): DataLoader<string, FaultCase | undefined> {
  return memoized(
    ctx,
    'faultCaseById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.em.find(FaultCase, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((c) => [c.id, c]));
        return ids.map((id) => byId.get(id));
      }),
  );
}

/** Notes per case, oldest first, one query for every case on the page. */
export function faultNotesLoader(ctx: ServiceContext): DataLoader<string, FaultNote[]> {
  return memoized(
    ctx,
    'faultNotesByCaseId',
    () =>
      new DataLoader(async (caseIds: readonly string[]) => {
        const byCase = await loadTopPerParent(
          ctx.em,
          {
            entity: FaultNote,
            table: 'fault_notes',
            parentColumn: 'fault_case_id',
            orderBy: 't.created_at asc, t.id asc',
          },
          caseIds,
        );
        return caseIds.map((id) => byCase.get(id) ?? []);
      }),
  );
}
