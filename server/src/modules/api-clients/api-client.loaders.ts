import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import type { Building } from '../buildings/building.entity.js';
import { ApiClient } from './api-client.entity.js';

/** The buildings each client is limited to, one query per batch. */
export function apiClientBuildingsLoader(ctx: ServiceContext): DataLoader<string, Building[]> {
  return memoized(
    ctx,
    'buildingsByApiClientId',
    () =>
      new DataLoader(async (clientIds: readonly string[]) => {
        const clients = await ctx.em.find(
          ApiClient,
          { id: { $in: [...clientIds] } },
          { populate: ['buildings'], fields: ['id', 'buildings'], strategy: 'joined' },
        );
        const byId = new Map(clients.map((c) => [c.id, c.buildings.getItems()]));
        return clientIds.map((id) =>
          [...(byId.get(id) ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
        );
      }),
  );
}
