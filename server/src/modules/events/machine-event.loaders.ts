import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { Warning } from '../warnings/warning.entity.js';

/** Any warning by id, cleared or not: the log refers to both. */
export function warningByIdLoader(ctx: ServiceContext): DataLoader<string, Warning | undefined> {
  return memoized(
    ctx,
    'warningById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.em.find(Warning, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((w) => [w.id, w]));
        return ids.map((id) => byId.get(id));
      }),
  );
}
