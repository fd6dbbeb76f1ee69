import type { EntityManager } from '@mikro-orm/postgresql';
import type { MachineStatus } from '../modules/machines/machine.status.js';
import type { MachineEventType } from '../modules/events/machine-event.type.js';
import type { BusEvent } from './event-bus.js';

interface EventRow {
  id: string | number;
  type: MachineEventType;
  machine_id: string;
  building_id: string;
  fault_case_id: string | null;
  assignee_id: string | null;
  warning_id: string | null;
  actor_user_id: string | null;
  actor_api_client_id: string | null;
  from_status: MachineStatus | null;
  to_status: MachineStatus | null;
  at: Date | string;
  data: Record<string, unknown> | string | null;
}

const SELECT_EVENTS = `
  select e.id, e.type, e.machine_id, e.building_id, e.fault_case_id, fc.assignee_id, e.warning_id,
         e.actor_user_id, e.actor_api_client_id, e.from_status, e.to_status, e.at, e.data
    from machine_events e
    left join fault_cases fc on fc.id = e.fault_case_id`;

function toBusEvent(row: EventRow): BusEvent {
  return {
    id: Number(row.id),
    type: row.type,
    machineId: row.machine_id,
    buildingId: row.building_id,
    faultCaseId: row.fault_case_id,
    faultCaseAssigneeId: row.assignee_id,
    warningId: row.warning_id,
    actorUserId: row.actor_user_id,
    actorApiClientId: row.actor_api_client_id,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    at: row.at instanceof Date ? row.at : new Date(row.at),
    data:
      typeof row.data === 'string'
        ? (JSON.parse(row.data) as Record<string, unknown>)
        : (row.data ?? {}),
  };
}

/** Events with afterId < id <= upToId, in id order (final up to a horizon: event-horizon.ts). */
export async function loadEventRange(
  em: EntityManager,
  afterId: number,
  upToId: number,
): Promise<BusEvent[]> {
  const rows = await em.execute<EventRow[]>(
    `${SELECT_EVENTS} where e.id > ? and e.id <= ? order by e.id`,
    [afterId, upToId],
  );
  return rows.map(toBusEvent);
}

export interface ReplayFilter {
  machineIds?: readonly string[] | null;
  buildingIds?: readonly string[] | null;
}

/**
 * One page of stored events in (afterId, upToId], narrowed in SQL by machine and building.
 * `upToId` must be final (the sequencer's position): above it an id may still be held by a
 * running transaction, and a page that passed it would skip that event for good.
 */
export async function loadEventsAfter(
  em: EntityManager,
  afterId: number,
  upToId: number,
  limit: number,
  filter: ReplayFilter,
): Promise<BusEvent[]> {
  const where = ['e.id > ?', 'e.id <= ?'];
  const params: unknown[] = [afterId, upToId];
  if (filter.machineIds?.length) {
    where.push(`e.machine_id in (${filter.machineIds.map(() => '?').join(', ')})`);
    params.push(...filter.machineIds);
  }
  if (filter.buildingIds?.length) {
    where.push(`e.building_id in (${filter.buildingIds.map(() => '?').join(', ')})`);
    params.push(...filter.buildingIds);
  }
  params.push(limit);
  const rows = await em.execute<EventRow[]>(
    `${SELECT_EVENTS} where ${where.join(' and ')} order by e.id limit ?`,
    params,
  );
  return rows.map(toBusEvent);
}

/**
 * The newest committed id. Not a safe cursor (a smaller id may still commit later); it only
 * tells whether a given id exists in this database (subscription.ts).
 */
export async function latestEventId(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ max: string | null }[]>(
    'select max(id) as max from machine_events',
  );
  return Number(row?.max ?? 0);
}
