import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import { findPage, type ConnectionShape, type Page } from '../../common/page.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Role } from '../users/user.role.js';
import { MachineEvent } from './machine-event.entity.js';
import type { MachineEventType } from './machine-event.type.js';

export interface MachineEventFilterInput {
  machineIds?: string[] | null;
  buildingIds?: string[] | null;
  types?: MachineEventType[] | null;
  actorIds?: string[] | null;
  faultCaseId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The repair log. Everyone on the floor reads machine-level history (status changes,
 * warnings, machine edits); repair staff read the events of a fault case only while that
 * case is assigned to them, the same rule as `faultCase(id)` and its notes.
 */
export class MachineEventService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(
    actor: Actor,
    filter: MachineEventFilterInput,
    page: Page,
  ): Promise<ConnectionShape<MachineEvent>> {
    return findPage(this.ctx.em, MachineEvent, readableEvents(actor, filter), page, { id: 'desc' });
  }
}

/**
 * The events of the filter this reader may read: the one rule of the repair log, for its
 * pages and for its CSV export (events.csv.ts). Throws FORBIDDEN for API clients and
 * BAD_USER_INPUT for a malformed filter, before anything is read.
 */
export function readableEvents(
  actor: Actor,
  filter: MachineEventFilterInput,
): FilterQuery<MachineEvent> {
  if (actor.kind !== 'user') throw AppError.forbidden('API clients cannot read the event log');
  const and: FilterQuery<MachineEvent>[] = [];
  if (filter.machineIds)
    and.push({ machine: { $in: filter.machineIds.map((id) => assertUuid(id, 'machineIds')) } });
  if (filter.buildingIds) {
    and.push({
      buildingId: { $in: filter.buildingIds.map((id) => assertUuid(id, 'buildingIds')) },
    });
  }
  if (filter.types) and.push({ type: { $in: filter.types } });
  if (filter.actorIds) {
    const ids = filter.actorIds.map((id) => assertUuid(id, 'actorIds'));
    and.push({ $or: [{ actorUser: { $in: ids } }, { actorApiClient: { $in: ids } }] });
  }
  if (filter.faultCaseId) and.push({ faultCase: assertUuid(filter.faultCaseId, 'faultCaseId') });
  if (filter.from) and.push({ at: { $gte: filter.from } });
  if (filter.to) and.push({ at: { $lt: filter.to } });
  if (actor.role === Role.REPAIR) {
    and.push({ $or: [{ faultCase: null }, { faultCase: { assignee: actor.id } }] });
  }
  return and.length > 0 ? { $and: and } : {};
}
