import DataLoader from 'dataloader';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { Building } from '../buildings/building.entity.js';
import type { User } from '../users/user.entity.js';
import { Machine } from './machine.entity.js';

/** One query per batch, however many machines the board shows. */
export function buildingLoader(ctx: ServiceContext): DataLoader<string, Building | undefined> {
  return memoized(
    ctx,
    'buildingById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.em.find(Building, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((b) => [b.id, b]));
        return ids.map((id) => byId.get(id));
      }),
  );
}

export function techniciansLoader(ctx: ServiceContext): DataLoader<string, User[]> {
  return memoized(
    ctx,
    'techniciansByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const machines = await ctx.em.find(
          Machine,
          { id: { $in: [...machineIds] } },
          { populate: ['technicians'], fields: ['id', 'technicians'], strategy: 'joined' },
        );
        const byId = new Map(machines.map((m) => [m.id, m.technicians.getItems()]));
        return machineIds.map((id) =>
          [...(byId.get(id) ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
        );
      }),
  );
}

export function machineLoader(ctx: ServiceContext): DataLoader<string, Machine | undefined> {
  return memoized(
    ctx,
    'machineById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.em.find(Machine, { id: { $in: [...ids] } });
        const byId = new Map(rows.map((m) => [m.id, m]));
        return ids.map((id) => byId.get(id));
      }),
  );
}
