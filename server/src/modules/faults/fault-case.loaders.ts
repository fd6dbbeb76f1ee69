import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { FaultCase } from './fault-case.entity.js';
import { UNRESOLVED_FAULT_STATUSES } from './fault-case.enums.js';
import { FaultNote } from './fault-note.entity.js';

/** Unresolved cases per machine, newest first (the board shows the first). */
export function unresolvedFaultCasesLoader(ctx: ServiceContext): DataLoader<string, FaultCase[]> {
  return memoized(
    ctx,
    'unresolvedFaultCasesByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const rows = await ctx.em.find(
          FaultCase,
          { machine: { $in: [...machineIds] }, status: { $in: [...UNRESOLVED_FAULT_STATUSES] } },
          { orderBy: { openedAt: 'desc', id: 'asc' } },
        );
        const byMachine = new Map<string, FaultCase[]>();
        for (const c of rows) {
          const list = byMachine.get(c.machine.id) ?? [];
          list.push(c);
          byMachine.set(c.machine.id, list);
        }
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
        const rows = await ctx.em.find(
          FaultNote,
          { faultCase: { $in: [...caseIds] } },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        );
        const byCase = new Map<string, FaultNote[]>();
        for (const n of rows) {
          const list = byCase.get(n.faultCase.id) ?? [];
          list.push(n);
          byCase.set(n.faultCase.id, list);
        }
        return caseIds.map((id) => byCase.get(id) ?? []);
      }),
  );
}
