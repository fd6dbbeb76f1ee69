import DataLoader from 'dataloader';
import { loadTopPerParent } from '../../common/nested-list.js';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { Warning } from './warning.entity.js';

export function activeWarningsLoader(ctx: ServiceContext): DataLoader<string, Warning[]> {
  return memoized(
    ctx,
    'activeWarningsByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const byMachine = await loadTopPerParent(
          ctx.em,
          {
            entity: Warning,
            table: 'warnings',
            parentColumn: 'machine_id',
            where: { sql: 't.cleared_at is null', params: [] },
            orderBy: 't.raised_at asc, t.id asc',
          },
          machineIds,
        );
        return machineIds.map((id) => byMachine.get(id) ?? []);
      }),
  );
}
