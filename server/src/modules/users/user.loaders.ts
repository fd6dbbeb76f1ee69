import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { User } from './user.entity.js';

export function userLoader(ctx: ServiceContext): DataLoader<string, User | undefined> {
  return memoized(
    ctx,
    'userById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.em.find(User, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((u) => [u.id, u]));
        return ids.map((id) => byId.get(id));
      }),
  );
}
