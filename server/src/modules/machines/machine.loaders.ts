import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  jsonRowSql,
  loadTopPerParent,
  topPerParentJsonSql,
  type TopPerParentQuery,
} from '../../common/nested-list.js';
import { prime } from '../../common/primed-loader.js';
import { readViewMapper } from '../../common/read-view.js';
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
 * Everything a board shows of its machines, as select-list columns on the machine row at
 * `machineAlias`, so a page or a whole board reads its machines and their parts in ONE
 * statement; `primeMachineParts` hands them to the loaders that would otherwise each send
 * their own. Each list is the loader's own query definition (TECHNICIANS_BY_MACHINE,
 * ACTIVE_WARNINGS_BY_MACHINE, UNRESOLVED_CASES_BY_MACHINE) as a correlated subquery, so what
 * "active" or "unresolved" means stays in one place. `withMachine` adds the machine's own row
 * as JSON (for reads of parts alone).
 */
export function machinePartsColumns(
  em: EntityManager,
  parts: MachineParts,
  machineAlias: string,
  options: { withMachine?: boolean } = {},
): { sql: string; params: unknown[] } | undefined {
  const m = machineAlias;
  const columns: string[] = [];
  const params: unknown[] = [];
  const list = (name: string, query: { sql: string; params: unknown[] }) => {
    columns.push(`${query.sql} as ${name}`);
    params.push(...query.params);
  };
  if (options.withMachine) columns.push(`${jsonRowSql(em, Machine, m)} as machine`);
  if (parts.building) {
    columns.push(
      `(select ${jsonRowSql(em, Building, 'b')} from buildings b where b.id = ${m}.building_id) as building`,
    );
  }
  if (parts.technicians)
    list('technicians', topPerParentJsonSql(em, TECHNICIANS_BY_MACHINE(), `${m}.id`));
  if (parts.activeWarnings) {
    list('warnings', topPerParentJsonSql(em, ACTIVE_WARNINGS_BY_MACHINE(), `${m}.id`));
  }
  if (parts.faultCases) {
    const assignee = `(select ${jsonRowSql(em, User, 'u')} from users u where u.id = t.assignee_id)`;
    list('cases', topPerParentJsonSql(em, UNRESOLVED_CASES_BY_MACHINE(), `${m}.id`, { assignee }));
  }
  return columns.length > 0 ? { sql: columns.join(', '), params } : undefined;
}

/**
 * The parts of machines read by id, as plain JSON rows (no entities): rows may be read once
 * and turned into several readers' views (a live event's tile, see event-tile-cache.ts).
 * `withMachine` adds the machine's own row.
 */
export async function readMachineParts(
  em: EntityManager,
  ids: readonly string[],
  parts: MachineParts,
  options: { withMachine?: boolean } = {},
): Promise<MachinePartsRow[]> {
  const columns = machinePartsColumns(em, parts, 'm', options);
  return em.execute<MachinePartsRow[]>(
    `select m.id${columns ? `, ${columns.sql}` : ''}
       from machines m
      where m.id in (${ids.map(() => '?').join(', ')})`,
    [...(columns?.params ?? []), ...ids],
  );
}

/**
 * Turns rows carrying `machinePartsColumns` into read views (common/read-view.ts: no
 * entities) and primes this reader's loaders with them, so the field resolvers (and every read
 * rule on them) run as if the loaders had read them. Answers the machines, when their rows
 * were read.
 */
export function primeMachineParts(
  ctx: ServiceContext,
  rows: readonly MachinePartsRow[],
): Machine[] {
  const em = ctx.em;
  const asMachine = readViewMapper(em, Machine);
  const asBuilding = readViewMapper(em, Building);
  const asUser = readViewMapper(em, User);
  const asWarning = readViewMapper(em, Warning);
  const asFaultCase = readViewMapper(em, FaultCase);
  const machines: Machine[] = [];
  const buildings = new Set<string>();
  const users = new Map<string, User>();
  const userOf = (row: Record<string, unknown>): User => {
    let user = users.get(row.id as string);
    if (!user) {
      user = asUser(row);
      users.set(user.id, user);
      prime(userLoader(ctx), user.id, user);
    }
    return user;
  };
  for (const row of rows) {
    if (row.machine) {
      const machine = asMachine(row.machine);
      machines.push(machine);
      prime(machineLoader(ctx), machine.id, machine);
    }
    // A page shows few buildings: each is mapped once, not once per machine.
    if (row.building && !buildings.has(row.building.id as string)) {
      const building = asBuilding(row.building);
      buildings.add(building.id);
      prime(buildingLoader(ctx), building.id, building);
    }
    if (row.technicians) {
      const technicians = row.technicians.map(userOf);
      prime(techniciansLoader(ctx), row.id, byName(technicians));
    }
    if (row.warnings) prime(activeWarningsLoader(ctx), row.id, row.warnings.map(asWarning));
    if (row.cases) {
      const cases = row.cases.map(({ assignee, ...fc }) => {
        if (assignee) userOf(assignee as Record<string, unknown>);
        return asFaultCase(fc);
      });
      prime(unresolvedFaultCasesLoader(ctx), row.id, cases);
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
