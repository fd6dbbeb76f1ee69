import { LockMode, type FilterQuery } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid, likePattern } from '../../common/ids.js';
import {
  findViewPage,
  findViews,
  type ConnectionShape,
  type ExtraColumns,
  type Page,
} from '../../common/page.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Building } from '../buildings/building.entity.js';
import { BuildingService } from '../buildings/building.service.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { UNRESOLVED_FAULT_STATUSES } from '../faults/fault-case.enums.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { markCleared } from '../warnings/warning.service.js';
import { Machine } from './machine.entity.js';
import { machinePartsColumns, type MachineParts, type MachinePartsRow } from './machine.loaders.js';
import type { MachineStatus } from './machine.status.js';
import { assertBuildingAllowed, insertMachine, writeMachine } from './machine-writer.js';

/** `details.reason` of the CONFLICT when archiving a machine whose fault cases are unresolved. */
export const UNRESOLVED_FAULT_CASES = 'UNRESOLVED_FAULT_CASES';

/** `details.reason` of the BAD_USER_INPUT when the whole board is larger than one answer holds. */
export const TOO_MANY_MACHINES = 'TOO_MANY_MACHINES';
/**
 * The most machines one whole-board answer holds: a plant's halls at the scale we plan for
 * (5,000 machines) with room to spare, about 6 MB of JSON; beyond it the pages remain.
 */
export const MAX_WHOLE_BOARD = 10_000;

const BOARD_ORDER = { name: 'asc', id: 'asc' } as const;

export interface MachineFilterInput {
  ids?: string[] | null;
  buildingIds?: string[] | null;
  statuses?: MachineStatus[] | null;
  assignedTechnicianId?: string | null;
  onlyAssignedToMe?: boolean | null;
  search?: string | null;
  includeArchived?: boolean;
}

export interface CreateMachineData {
  name: string;
  buildingId?: string | null;
  buildingName?: string | null;
  location?: string | null;
  importance: number;
  assetCode?: string | null;
}

export type UpdateMachineData = Partial<{
  [K in Exclude<keyof CreateMachineData, 'buildingName'>]: CreateMachineData[K] | null;
}>;

export class MachineService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * A board page, as read views (common/read-view.ts): for answers, never for writes. `parts`
   * reads what the tiles show with the page, in its own statement (`rows`, for
   * `primeMachineParts`).
   */
  async list(
    actor: Actor,
    filter: MachineFilterInput,
    page: Page,
    options: { count?: boolean; parts?: MachineParts } = {},
  ): Promise<ConnectionShape<Machine> & { rows: MachinePartsRow[] }> {
    const result = await findViewPage(
      this.ctx.em,
      Machine,
      this.whereOf(actor, filter),
      page,
      BOARD_ORDER,
      { count: options.count, columns: this.partsColumns(options.parts) },
    );
    return { ...result, rows: result.rows as unknown as MachinePartsRow[] };
  }

  /**
   * The whole board in one read, in the board's order: the machines `list` would give page by
   * page, under the same rules, as read views, with their `parts`. Refused when it holds more
   * than `limit` machines.
   */
  async listAll(
    actor: Actor,
    filter: MachineFilterInput,
    options: { parts?: MachineParts; limit?: number } = {},
  ): Promise<{ machines: Machine[]; rows: MachinePartsRow[] }> {
    const limit = options.limit ?? MAX_WHOLE_BOARD;
    const { views, rows } = await findViews(
      this.ctx.em,
      Machine,
      this.whereOf(actor, filter),
      BOARD_ORDER,
      limit + 1,
      { columns: this.partsColumns(options.parts) },
    );
    if (views.length > limit) {
      throw AppError.badInput(
        `The board holds more than ${limit} machines: choose fewer buildings, or read it page by page with machines`,
        { field: 'buildingIds', reason: TOO_MANY_MACHINES, limit },
      );
    }
    return { machines: views, rows: rows as unknown as MachinePartsRow[] };
  }

  private partsColumns(parts: MachineParts | undefined): ExtraColumns | undefined {
    return parts && ((alias) => machinePartsColumns(this.ctx.em, parts, alias));
  }

  /** Who sees which machines, and the filter: one place for `list` and `listAll`. */
  private whereOf(actor: Actor, filter: MachineFilterInput): FilterQuery<Machine> {
    const where: FilterQuery<Machine> = {};
    const and: FilterQuery<Machine>[] = [];
    if (!filter.includeArchived) and.push({ archived: false });
    if (filter.ids) and.push({ id: { $in: filter.ids.map((id) => assertUuid(id, 'ids')) } });
    if (filter.buildingIds)
      and.push({
        building: { $in: filter.buildingIds.map((id) => assertUuid(id, 'buildingIds')) },
      });
    if (actor.kind === 'apiClient' && actor.buildingIds.length > 0) {
      and.push({ building: { $in: actor.buildingIds } });
    }
    if (filter.statuses) and.push({ status: { $in: filter.statuses } });
    const technicianId =
      filter.assignedTechnicianId ??
      (actor.kind === 'user' && actor.role === Role.TECHNICIAN && filter.onlyAssignedToMe !== false
        ? actor.id
        : filter.onlyAssignedToMe && actor.kind === 'user'
          ? actor.id
          : undefined);
    if (technicianId)
      and.push({ technicians: { id: assertUuid(technicianId, 'assignedTechnicianId') } });
    const search = filter.search?.trim();
    if (search) {
      const pattern = likePattern(search);
      and.push({
        $or: [
          { name: { $ilike: pattern } },
          { assetCode: { $ilike: pattern } },
          { location: { $ilike: pattern } },
        ],
      });
    }
    if (and.length > 0) Object.assign(where, { $and: and });
    return where;
  }

  /** By id or by the asset code printed on the machine's QR label. */
  async get(
    actor: Actor,
    ref: { id?: string | null; assetCode?: string | null },
  ): Promise<Machine> {
    if (!ref.id === !ref.assetCode) throw AppError.badInput('Give exactly one of id and assetCode');
    const machine = ref.id
      ? await this.ctx.em.findOne(Machine, { id: assertUuid(ref.id) })
      : await this.ctx.em.findOne(Machine, { assetCode: ref.assetCode! });
    if (!machine) throw AppError.notFound('Machine', ref.id ?? ref.assetCode ?? undefined);
    assertBuildingAllowed(actor, machine.building.id, this.ctx.audit);
    return machine;
  }

  /**
   * One transaction: the building (created when named and missing), the machine and its
   * MACHINE_CREATED event commit together, so a failed or retried request leaves nothing
   * half-made.
   */
  async create(actor: Actor, input: CreateMachineData): Promise<Machine> {
    const name = requireText(input.name, 'name');
    if (!input.buildingId === !input.buildingName) {
      throw AppError.badInput('Give exactly one of buildingId and buildingName', {
        field: 'buildingId',
      });
    }
    const buildingId = input.buildingId ? assertUuid(input.buildingId, 'buildingId') : null;
    const buildingName = input.buildingName
      ? requireText(input.buildingName, 'buildingName')
      : null;
    const assetCode = input.assetCode ?? (await this.freshAssetCode());
    const created = await insertMachine(this.ctx, actor, async (tx) => {
      const building = buildingId
        ? await tx.findOne(Building, { id: buildingId })
        : await new BuildingService({ ...this.ctx, em: tx }).findOrCreateByName(buildingName!);
      if (!building) throw AppError.badInput('Unknown building', { buildingId });
      if (await tx.findOne(Machine, { assetCode })) {
        throw AppError.conflict('Another machine already has this asset code', { assetCode });
      }
      return tx.create(Machine, {
        name,
        building,
        location: input.location?.trim() || null,
        importance: input.importance,
        assetCode,
      });
    });
    return this.ctx.em.fork().findOneOrFail(Machine, { id: created.id });
  }

  async update(actor: Actor, id: string, input: UpdateMachineData): Promise<Machine> {
    const machineId = assertUuid(id);
    const building = input.buildingId ? await this.existingBuilding(input.buildingId) : undefined;
    if (input.name !== undefined && input.name !== null) requireText(input.name, 'name');
    return writeMachine(this.ctx, actor, machineId, async ({ tx, machine, log }) => {
      const changes: Record<string, unknown> = {};
      if (input.name != null && input.name.trim() !== machine.name) {
        changes.name = machine.name = input.name.trim();
      }
      if (input.location !== undefined && (input.location?.trim() || null) !== machine.location) {
        changes.location = machine.location = input.location?.trim() || null;
      }
      if (input.importance != null && input.importance !== machine.importance) {
        changes.importance = machine.importance = input.importance;
      }
      if (input.assetCode != null && input.assetCode !== machine.assetCode) {
        if (await tx.findOne(Machine, { assetCode: input.assetCode, id: { $ne: machine.id } })) {
          throw AppError.conflict('Another machine already has this asset code', {
            assetCode: input.assetCode,
          });
        }
        changes.assetCode = machine.assetCode = input.assetCode;
      }
      if (building && building.id !== machine.building.id) {
        machine.building = tx.getReference(Building, building.id, { wrapped: true });
        changes.buildingId = building.id;
      }
      if (Object.keys(changes).length > 0) {
        log.record({ type: MachineEventType.MACHINE_UPDATED, data: changes });
      }
      return machine;
    });
  }

  /**
   * Archiving takes a machine off every board; its history stays in the log. A breakdown
   * must not vanish with it: while a fault case is unresolved the archive is a CONFLICT
   * naming the cases. Active warnings end with the machine (each with WARNING_CLEARED), and
   * writeMachine recomputes the status, all in the archive's transaction. Both are decided
   * under the machine lock, which every case and warning write takes too.
   */
  async archive(actor: Actor, id: string): Promise<Machine> {
    return writeMachine(
      this.ctx,
      actor,
      assertUuid(id),
      async ({ tx, machine, log }) => {
        if (machine.archived) return machine;
        const unresolved = await tx.find(
          FaultCase,
          { machine: machine.id, status: { $in: [...UNRESOLVED_FAULT_STATUSES] } },
          { fields: ['id'], orderBy: { openedAt: 'asc', id: 'asc' } },
        );
        if (unresolved.length > 0) {
          throw AppError.conflict('Resolve the open fault cases before archiving this machine', {
            reason: UNRESOLVED_FAULT_CASES,
            faultCaseIds: unresolved.map((c) => c.id),
          });
        }
        const active = await tx.find(
          Warning,
          { machine: machine.id, clearedAt: null },
          { orderBy: { raisedAt: 'asc', id: 'asc' } },
        );
        for (const warning of active) markCleared(tx, actor, warning, log);
        machine.archived = true;
        machine.archivedAt = new Date();
        log.record({ type: MachineEventType.MACHINE_ARCHIVED });
        return machine;
      },
      { allowArchived: true },
    );
  }

  async assignTechnicians(actor: Actor, id: string, userIds: string[]): Promise<Machine> {
    const ids = [...new Set(userIds.map((u) => assertUuid(u, 'technicianIds')))];
    if (ids.length > 50) throw AppError.badInput('At most 50 technicians per machine');
    return writeMachine(
      this.ctx,
      actor,
      assertUuid(id),
      async ({ tx, machine, log }) => {
        await machine.technicians.init();
        machine.technicians.set(ids.map((uid) => tx.getReference(User, uid)));
        log.record({ type: MachineEventType.TECHNICIANS_ASSIGNED, data: { technicianIds: ids } });
        return machine;
      },
      {
        // The people are checked and share-locked before the machine, the order in which a
        // role change or deactivation locks them (it then takes them off their machines):
        // whichever comes second sees the other's result, and the two cannot deadlock.
        before: async (tx) => {
          const users = ids.length
            ? await tx.find(
                User,
                { id: { $in: ids } },
                { lockMode: LockMode.PESSIMISTIC_READ, orderBy: { id: 'asc' } },
              )
            : [];
          const invalid = ids.filter((uid) => {
            const u = users.find((x) => x.id === uid);
            return !u || !u.active || u.role !== Role.TECHNICIAN;
          });
          if (invalid.length > 0) {
            throw AppError.badInput('Only active technicians can be assigned to machines', {
              technicianIds: invalid,
            });
          }
        },
      },
    );
  }

  private async existingBuilding(id: string): Promise<Building> {
    const building = await this.ctx.em.findOne(Building, { id: assertUuid(id, 'buildingId') });
    if (!building) throw AppError.badInput('Unknown building', { buildingId: id });
    return building;
  }

  private async freshAssetCode(): Promise<string> {
    for (;;) {
      const code = `M-${randomBytes(4).toString('hex').toUpperCase()}`;
      if (!(await this.ctx.em.fork().findOne(Machine, { assetCode: code }))) return code;
    }
  }
}

function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw AppError.badInput(`${field} must not be blank`, { field });
  return trimmed;
}
