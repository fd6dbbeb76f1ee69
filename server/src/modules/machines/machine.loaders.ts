import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  jsonRowSql,
  loadTopPerParent,
  topPerParentJsonSql,
  type TopPerParentQuery,
} from '../../common/nested-list.js';
import { memoized, type ServiceContext } from '../../graphql/context.js';
import { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import {
  UNRESOLVED_CASES_BY_MACHINE,
  unresolvedFaultCasesLoader,
} from '../faults/fault-case.loaders.js';
import { User } from '../users/user.entity.js';
import { userLoader } from '../users/user.loaders.js';
import { Warning } from '../warnings/warning.entity.js';
import { ACTIVE_WARNINGS_BY_MACHINE, activeWarningsLoader } from '../warnings/warning.loaders.js';
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

/** A machine's technicians: the pivot table joined to users (the machines are loaded already). */
// A function: the entity class is read at call time (the modules import each other).
export const TECHNICIANS_BY_MACHINE = (): TopPerParentQuery<User> => ({
  entity: User,
  table: `(select mt.machine_id, u.* from machine_technicians mt join users u on u.id = mt.user_id)`,
  parentColumn: 'machine_id',
  orderBy: 't.name asc, t.id asc',
});

/** By name as people read it (the database's collation sorts bytes). */
function byName(users: User[]): User[] {
  return users.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * One statement from the pivot table for a batch of machines: reloading the machines to reach
 * their collection cost more than every other step of a board page together.
 */
export function techniciansLoader(ctx: ServiceContext): DataLoader<string, User[]> {
  return memoized(
    ctx,
    'techniciansByMachineId',
    () =>
      new DataLoader(async (machineIds: readonly string[]) => {
        const byMachine = await loadTopPerParent(ctx.em, TECHNICIANS_BY_MACHINE(), machineIds);
        return machineIds.map((id) => byName(byMachine.get(id) ?? []));
      }),
  );
}

/** What of a page's machines the reader selected, each answered by the loader named. */
export interface MachineParts {
  /** buildingLoader */
  building: boolean;
  /** techniciansLoader */
  technicians: boolean;
  /** activeWarningsLoader */
  activeWarnings: boolean;
  /** unresolvedFaultCasesLoader, and userLoader for the cases' assignees */
  faultCases: boolean;
}

export function machinePartsOf(fields: ReadonlySet<string>): MachineParts {
  return {
    building: fields.has('building'),
    technicians: fields.has('technicians'),
    activeWarnings: fields.has('activeWarnings'),
    faultCases: fields.has('openFaultCase') || fields.has('unresolvedFaultCases'),
  };
}

/**
 * Everything a board page shows of its machines, for the whole page in ONE statement, handed
 * to the loaders that would otherwise each send their own (primed, so the field resolvers and
 * every read rule on them run as before). Each list is the loader's own query definition
 * (TECHNICIANS_BY_MACHINE, ACTIVE_WARNINGS_BY_MACHINE, UNRESOLVED_CASES_BY_MACHINE) as a
 * correlated subquery, so what "active" or "unresolved" means stays in one place.
 */
export async function preloadMachineParts(
  ctx: ServiceContext,
  machines: readonly Machine[],
  parts: MachineParts,
): Promise<void> {
  if (machines.length === 0 || !Object.values(parts).some(Boolean)) return;
  const rows = await readMachineParts(
    ctx.em,
    machines.map((m) => m.id),
    parts,
  );
  primeMachineParts(ctx, rows);
}

/**
 * The statement behind `preloadMachineParts`, answering plain JSON rows (no entities): rows
 * may be read once and mapped into several readers' EntityManagers (a live event's tile, see
 * event-tile-cache.ts). `withMachine` adds the machine's own row.
 */
export async function readMachineParts(
  em: EntityManager,
  ids: readonly string[],
  parts: MachineParts,
  options: { withMachine?: boolean } = {},
): Promise<MachinePartsRow[]> {
  const columns = ['m.id'];
  const params: unknown[] = [];
  const list = (name: string, query: { sql: string; params: unknown[] }) => {
    columns.push(`${query.sql} as ${name}`);
    params.push(...query.params);
  };
  if (options.withMachine) columns.push(`${jsonRowSql(em, Machine, 'm')} as machine`);
  if (parts.building) columns.push(`${jsonRowSql(em, Building, 'b')} as building`);
  if (parts.technicians)
    list('technicians', topPerParentJsonSql(em, TECHNICIANS_BY_MACHINE(), 'm.id'));
  if (parts.activeWarnings) {
    list('warnings', topPerParentJsonSql(em, ACTIVE_WARNINGS_BY_MACHINE(), 'm.id'));
  }
  if (parts.faultCases) {
    const assignee = `(select ${jsonRowSql(em, User, 'u')} from users u where u.id = t.assignee_id)`;
    list('cases', topPerParentJsonSql(em, UNRESOLVED_CASES_BY_MACHINE(), 'm.id', { assignee }));
  }
  return em.execute<MachinePartsRow[]>(
    `select ${columns.join(', ')}
       from machines m join buildings b on b.id = m.building_id
      where m.id in (${ids.map(() => '?').join(', ')})`,
    [...params, ...ids],
  );
}

/**
 * Maps rows of `readMachineParts` into this reader's EntityManager and primes its loaders,
 * so the field resolvers (and every read rule on them) run as if the loaders had read them.
 * Answers the machines, when their rows were read.
 */
export function primeMachineParts(
  ctx: ServiceContext,
  rows: readonly MachinePartsRow[],
): Machine[] {
  const em = ctx.em;
  const machines: Machine[] = [];
  const buildings = new Set<string>();
  const users = new Map<string, User>();
  const userOf = (row: Record<string, unknown>): User => {
    let user = users.get(row.id as string);
    if (!user) {
      user = em.map(User, row);
      users.set(user.id, user);
      userLoader(ctx).prime(user.id, user);
    }
    return user;
  };
  for (const row of rows) {
    if (row.machine) {
      const machine = em.map(Machine, row.machine);
      machines.push(machine);
      machineLoader(ctx).prime(machine.id, machine);
    }
    // A page shows few buildings: each is mapped once, not once per machine.
    if (row.building && !buildings.has(row.building.id as string)) {
      const building = em.map(Building, row.building);
      buildings.add(building.id);
      buildingLoader(ctx).prime(building.id, building);
    }
    if (row.technicians) {
      const technicians = row.technicians.map(userOf);
      techniciansLoader(ctx).prime(row.id, byName(technicians));
    }
    if (row.warnings) {
      activeWarningsLoader(ctx).prime(
        row.id,
        row.warnings.map((w) => em.map(Warning, w)),
      );
    }
    if (row.cases) {
      const cases = row.cases.map(({ assignee, ...fc }) => {
        if (assignee) userOf(assignee as Record<string, unknown>);
        return em.map(FaultCase, fc);
      });
      unresolvedFaultCasesLoader(ctx).prime(row.id, cases);
    }
  }
  return machines;
}

type JsonRow = Record<string, unknown>;
export interface MachinePartsRow {
  id: string;
  machine?: JsonRow;
  building?: JsonRow;
  technicians?: JsonRow[];
  warnings?: JsonRow[];
  cases?: JsonRow[];
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
