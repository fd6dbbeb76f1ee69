import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { FaultCase } from './fault-case.entity.js';
import { UNRESOLVED_FAULT_STATUSES } from './fault-case.enums.js';

/** Unresolved cases per machine, newest first (the board shows the first). */
export function unresolvedFaultCasesLoader(ctx: ServiceContext): DataLoader<string, FaultCase[]> {
  return memoized(ctx, 'unresolvedFaultCasesByMachineId', () =>
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
