import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { Warning } from './warning.entity.js';

export function activeWarningsLoader(ctx: ServiceContext): DataLoader<string, Warning[]> {
  return memoized(
    ctx,
    'activeWarningsByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const rows = await ctx.em.find(
          Warning,
          { machine: { $in: [...machineIds] }, clearedAt: null },
          { orderBy: { raisedAt: 'asc', id: 'asc' } },
        );
        const byMachine = new Map<string, Warning[]>();
        for (const w of rows) {
          const list = byMachine.get(w.machine.id) ?? [];
          list.push(w);
          byMachine.set(w.machine.id, list);
        }
        return machineIds.map((id) => byMachine.get(id) ?? []);
      }),
  );
}
