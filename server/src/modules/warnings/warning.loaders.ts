import DataLoader from 'dataloader';
import { loadTopPerParent, type TopPerParentQuery } from '../../common/nested-list.js';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { Warning } from './warning.entity.js';

/** A machine's active warnings, oldest first: the loader and the board's page read (machine.loaders). */
// A function: the entity class is read at call time (the modules import each other).
export const ACTIVE_WARNINGS_BY_MACHINE = (): TopPerParentQuery<Warning> => ({
  entity: Warning,
  table: 'warnings',
  parentColumn: 'machine_id',
  where: { sql: 't.cleared_at is null', params: [] },
  orderBy: 't.raised_at asc, t.id asc',
});

export function activeWarningsLoader(ctx: ServiceContext): DataLoader<string, Warning[]> {
  return memoized(
    ctx,
    'activeWarningsByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const byMachine = await loadTopPerParent(ctx.em, ACTIVE_WARNINGS_BY_MACHINE(), machineIds);
        return machineIds.map((id) => byMachine.get(id) ?? []);
      }),
  );
}
