import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { isUuid } from '../../common/ids.js';
import { inTransaction } from '../../db/transaction.js';
import type { BusEvent } from '../../events/event-bus.js';
import type { ServiceContext } from '../../graphql/context.js';
import { UNRESOLVED_FAULT_STATUSES } from '../faults/fault-case.enums.js';
import type { MachineStatus } from '../machines/machine.status.js';
import {
  planSensorBatch,
  type LockedMachine,
  type SensorBatchPlan,
  type SensorReport,
} from './sensor-report.plan.js';
import { MAX_SENSOR_REPORTS, type SensorReportResult } from './sensor-report.types.js';
import { normalizeCode, normalizeMessage } from './warning.inputs.js';

export interface SensorReportData {
  machineId: string;
  code: string;
  active: boolean;
  message?: string | null;
}

/**
 * A sensor gateway's batch of condition reports, applied in one transaction with a fixed
 * number of statements whatever its size: lock the machines (in id order, so two batches
 * never deadlock), read their active warnings and open cases, work out every change in
 * memory (sensor-report.plan.ts), then write warnings, statuses and events set-based. The
 * rules are those of one raise or clear at a time; what differs is the cost: one commit, and
 * no unit of work, for the whole batch.
 */
export class SensorReportService {
  constructor(private readonly ctx: ServiceContext) {}

  async apply(actor: Actor, data: readonly SensorReportData[]): Promise<SensorReportResult[]> {
    return this.applyChecked(actor, checkReports(data));
  }

  /**
   * Applies reports already checked, in one transaction that first claims this request's
   * write guard (its Idempotency-Key). `denied` hears of each report refused for its building;
   * by default this request's audit log does.
   */
  async applyChecked(
    actor: Actor,
    reports: readonly SensorReport[],
    denied: (index: number, reason: string) => void = (_, reason) => this.ctx.audit?.denied(reason),
  ): Promise<SensorReportResult[]> {
    const written = await inTransaction(this.ctx.em, async (tx) => {
      await this.ctx.writeGuard?.enter(tx);
      return this.write(tx, actor, reports, denied);
    });
    await this.publish(written);
    return written.plan.results;
  }

  /** Writes the reports in `tx` and announces their events there; `publish` after the commit. */
  async write(
    tx: EntityManager,
    actor: Actor,
    reports: readonly SensorReport[],
    denied: (index: number, reason: string) => void,
  ): Promise<WrittenReports> {
    const now = this.ctx.clock?.() ?? new Date();
    const locked = await lockMachines(tx, [...new Set(reports.map((r) => r.machineId))]);
    const plan = planSensorBatch(actor, reports, locked, now, (index, buildingId) =>
      denied(index, `API client limited to other buildings; building ${buildingId}`),
    );
    const events = await writePlan(tx, plan, actor, now);
    await this.ctx.bus.announce(tx, events);
    return { plan, events };
  }

  /** Tells live readers what a committed `write` did. */
  async publish({ plan, events }: WrittenReports): Promise<void> {
    await this.ctx.bus.publish(events);
    for (const repeat of plan.repeats) {
      // Committed already: a failed notification must not turn the batch into an error.
      await this.ctx.bus.publishRepeat(repeat).catch((error: unknown) => {
        this.ctx.logger.warn({ err: error, warningId: repeat.warningId }, 'repeat not announced');
      });
    }
  }
}

export interface WrittenReports {
  plan: SensorBatchPlan;
  events: BusEvent[];
}

/** Every report is checked before anything is written: one bad report refuses the batch. */
export function checkReports(data: readonly SensorReportData[]): SensorReport[] {
  if (data.length === 0 || data.length > MAX_SENSOR_REPORTS) {
    throw AppError.badInput(`reports must hold 1 to ${MAX_SENSOR_REPORTS} reports`, {
      field: 'reports',
    });
  }
  return data.map((report, i) => {
    const field = (name: string) => `reports.${i}.${name}`;
    if (!isUuid(report.machineId)) {
      throw AppError.badInput(`${field('machineId')} is not a valid id`, {
        field: field('machineId'),
      });
    }
    const code = normalizeCode(report.code, field('code'))!;
    const message =
      report.message == null ? code : normalizeMessage(report.message, field('message'));
    return { machineId: report.machineId.toLowerCase(), code, active: report.active, message };
  });
}

interface MachineRow {
  id: string;
  building_id: string;
  status: MachineStatus;
  archived: boolean;
  unresolved: boolean;
  active: LockedMachine['activeWarnings'];
}

/**
 * Locks the machines, then reads what their status derives from. Two statements: a row lock
 * that had to wait sees the row as committed by then, but the rest of its statement would read
 * an older snapshot; the second statement, after the locks, sees every committed change.
 */
async function lockMachines(tx: EntityManager, ids: string[]): Promise<LockedMachine[]> {
  const idList = JSON.stringify(ids);
  await tx.execute(
    `select id from machines
      where id in (select jsonb_array_elements_text(?::jsonb)::uuid)
      order by id for update`,
    [idList],
  );
  const rows = await tx.execute<MachineRow[]>(
    `select m.id, m.building_id, m.status, m.archived,
            exists (select 1 from fault_cases f
                     where f.machine_id = m.id
                       and f.status in (${UNRESOLVED_FAULT_STATUSES.map(() => '?').join(', ')})) as unresolved,
            coalesce((select json_agg(json_build_object('id', w.id, 'code', w.code,
                                      'message', w.message, 'repeatCount', w.repeat_count))
                        from warnings w
                       where w.machine_id = m.id and w.cleared_at is null), '[]'::json) as active
       from machines m
      where m.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [...UNRESOLVED_FAULT_STATUSES, idList],
  );
  return rows.map((r) => ({
    id: r.id,
    buildingId: r.building_id,
    status: r.status,
    archived: r.archived,
    unresolvedFaultCase: r.unresolved,
    activeWarnings: r.active,
  }));
}

/**
 * Writes the plan in at most two statements and returns its events with their ids. Changes to
 * warnings that were active go first: a code cleared and raised again in one batch must be
 * cleared before the new row meets the one-active-code-per-machine index.
 */
async function writePlan(
  tx: EntityManager,
  plan: SensorBatchPlan,
  actor: Actor,
  now: Date,
): Promise<BusEvent[]> {
  const at = now.toISOString();
  const byUser = actor.kind === 'user' ? actor.id : null;
  const byApiClient = actor.kind === 'apiClient' ? actor.id : null;
  const changed = plan.warnings.filter((w) => !w.raised);
  const raised = plan.warnings.filter((w) => w.raised);
  if (changed.length > 0) {
    await tx.execute(
      `update warnings w
          set repeat_count = r.repeat_count, last_seen_at = coalesce(r.last_seen_at, w.last_seen_at),
              cleared_at = r.cleared_at, cleared_by_user_id = r.cleared_by_user_id,
              cleared_by_api_client_id = r.cleared_by_api_client_id
         from jsonb_to_recordset(?::jsonb) as r(id uuid, repeat_count int, last_seen_at timestamptz,
              cleared_at timestamptz, cleared_by_user_id uuid, cleared_by_api_client_id uuid)
        where w.id = r.id and w.cleared_at is null`,
      [
        JSON.stringify(
          changed.map((w) => ({ ...warningChange(w, at, byUser, byApiClient), id: w.id })),
        ),
      ],
    );
  }
  if (raised.length === 0 && plan.statuses.length === 0 && plan.events.length === 0) return [];
  const rows = await tx.execute<{ id: string }[]>(
    `with raised as (
       insert into warnings (id, machine_id, message, code, raised_by_user_id,
                             raised_by_api_client_id, raised_at, last_seen_at, repeat_count,
                             cleared_at, cleared_by_user_id, cleared_by_api_client_id)
       select r.id, r.machine_id, r.message, r.code, r.raised_by_user_id, r.raised_by_api_client_id,
              r.raised_at, r.last_seen_at, r.repeat_count, r.cleared_at, r.cleared_by_user_id,
              r.cleared_by_api_client_id
         from jsonb_to_recordset(?::jsonb) as r(id uuid, machine_id uuid, message varchar,
              code varchar, raised_by_user_id uuid, raised_by_api_client_id uuid,
              raised_at timestamptz, last_seen_at timestamptz, repeat_count int,
              cleared_at timestamptz, cleared_by_user_id uuid, cleared_by_api_client_id uuid)
     ), statuses as (
       update machines m set status = r.status::machine_status, status_since = ?, updated_at = ?
         from jsonb_to_recordset(?::jsonb) as r(id uuid, status text)
        where m.id = r.id
     ), appended as (
       -- In the order of the batch: ids are drawn as the sorted rows are inserted.
       insert into machine_events (machine_id, building_id, type, at, actor_user_id,
                                   actor_api_client_id, warning_id, from_status, to_status, data)
       select r.machine_id, r.building_id, r.type::machine_event_type, ?, ?, ?, r.warning_id,
              r.from_status::machine_status, r.to_status::machine_status, r.data
         from jsonb_to_recordset(?::jsonb) as r(n int, machine_id uuid, building_id uuid,
              type text, warning_id uuid, from_status text, to_status text, data jsonb)
        order by r.n
       returning id
     )
     select id from appended order by id`,
    [
      JSON.stringify(
        raised.map((w) => ({
          ...warningChange(w, at, byUser, byApiClient),
          id: w.id,
          machine_id: w.machineId,
          message: w.message,
          code: w.code,
          raised_by_user_id: byUser,
          raised_by_api_client_id: byApiClient,
          raised_at: at,
        })),
      ),
      at,
      at,
      JSON.stringify(plan.statuses),
      at,
      byUser,
      byApiClient,
      JSON.stringify(
        plan.events.map((e, n) => ({
          n,
          machine_id: e.machineId,
          building_id: e.buildingId,
          type: e.type,
          warning_id: e.warningId,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          data: e.data,
        })),
      ),
    ],
  );
  if (rows.length !== plan.events.length) throw new Error('sensor batch: events not all appended');
  return plan.events.map((e, i) => ({
    id: Number(rows[i]!.id),
    type: e.type,
    machineId: e.machineId,
    buildingId: e.buildingId,
    faultCaseId: null,
    faultCaseAssigneeId: null,
    warningId: e.warningId,
    actorUserId: byUser,
    actorApiClientId: byApiClient,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    at: now,
    data: e.data,
  }));
}

function warningChange(
  w: SensorBatchPlan['warnings'][number],
  at: string,
  byUser: string | null,
  byApiClient: string | null,
) {
  return {
    repeat_count: w.repeatCount,
    last_seen_at: w.seen ? at : null,
    cleared_at: w.cleared ? at : null,
    cleared_by_user_id: w.cleared ? byUser : null,
    cleared_by_api_client_id: w.cleared ? byApiClient : null,
  };
}
