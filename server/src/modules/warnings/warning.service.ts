import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import { findPage, type ConnectionShape, type Page } from '../../common/page.js';
import type { ServiceContext } from '../../graphql/context.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import type { EventLog } from '../events/event-log.js';
import { UNKNOWN_MACHINE, writeMachine } from '../machines/machine-writer.js';
import { reportInGroup } from './sensor-report.group-commit.js';
import type { SensorReportResult } from './sensor-report.types.js';
import { User } from '../users/user.entity.js';
import { Warning } from './warning.entity.js';
import { normalizeCode, normalizeMessage } from './warning.inputs.js';

export interface RaiseWarningData {
  machineId: string;
  message: string;
  code?: string | null;
}

/** Either the warning's id, or the machine and the code a sensor raised it with. */
export interface ClearWarningRef {
  id?: string | null;
  machineId?: string | null;
  code?: string | null;
}

export interface WarningFilterData {
  machineIds?: string[] | null;
  active?: boolean | null;
}

export class WarningService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(
    actor: Actor,
    filter: WarningFilterData,
    page: Page,
  ): Promise<ConnectionShape<Warning>> {
    const and: FilterQuery<Warning>[] = [];
    if (filter.machineIds) {
      and.push({ machine: { $in: filter.machineIds.map((id) => assertUuid(id, 'machineIds')) } });
    }
    if (filter.active === true) and.push({ clearedAt: null });
    if (filter.active === false) and.push({ clearedAt: { $ne: null } });
    if (actor.kind === 'apiClient' && actor.buildingIds.length > 0) {
      and.push({ machine: { building: { $in: actor.buildingIds } } });
    }
    const where: FilterQuery<Warning> = and.length > 0 ? { $and: and } : {};
    return findPage(this.ctx.em, Warning, where, page, { raisedAt: 'desc', id: 'desc' });
  }

  /**
   * Raises a warning, or — when a warning with the same code is still active on the machine —
   * counts a repeat on it instead: sensors report a condition every few seconds, and one
   * condition must stay one row. A warning with a code is a sensor's: it takes the sensor
   * path, grouped with the caller's concurrent reports into one transaction
   * (sensor-report.group-commit.ts). One without a code is a person's, written on its own.
   * The machine row lock makes the check-then-insert race-free; the partial unique index is
   * the backstop.
   */
  async raise(actor: Actor, input: RaiseWarningData): Promise<Warning> {
    const machineId = assertUuid(input.machineId, 'machineId');
    const message = normalizeMessage(input.message);
    const code = normalizeCode(input.code);
    if (code !== null) {
      const result = await reportInGroup(this.ctx, actor, {
        machineId,
        code,
        active: true,
        message,
      });
      if (result.error) throw refusal(result.error, machineId, { machineIdFromInput: true });
      return this.ctx.em.findOneOrFail(Warning, { id: result.warningId! });
    }
    return writeMachine(
      this.ctx,
      actor,
      machineId,
      async ({ tx, machine, log }) => {
        const warning = tx.create(Warning, {
          machine: machine.id,
          message,
          code,
          raisedByUser:
            actor.kind === 'user' ? tx.getReference(User, actor.id, { wrapped: true }) : null,
          raisedByApiClient:
            actor.kind === 'apiClient'
              ? tx.getReference(ApiClient, actor.id, { wrapped: true })
              : null,
        });
        log.record({ type: MachineEventType.WARNING_RAISED, warning, data: { message, code } });
        return warning;
      },
      { machineIdFromInput: true },
    );
  }

  /**
   * Clears by id, or by machine + code (a sensor knows only what it raised). Clearing is
   * idempotent: a warning that is already cleared comes back unchanged, with its first
   * clearer, and nothing is recorded — so retries and two people pressing "clear" at once
   * are harmless. Archived machines may still have their warnings cleared (tidying up).
   */
  async clear(actor: Actor, ref: ClearWarningRef): Promise<Warning> {
    if (ref.id != null) {
      if (ref.code != null)
        throw AppError.badInput('Give id (and, if you like, its machineId), or machineId and code');
      const id = assertUuid(ref.id);
      const onMachine = ref.machineId != null ? assertUuid(ref.machineId, 'machineId') : null;
      const found = await this.ctx.em
        .fork()
        .findOne(Warning, { id }, { fields: ['id', 'machine'] });
      // With a machine given (a REST path names one), a warning of another machine is unknown.
      if (!found || (onMachine !== null && found.machine.id !== onMachine)) {
        throw AppError.notFound('Warning', id);
      }
      return writeMachine(
        this.ctx,
        actor,
        found.machine.id,
        async ({ tx, log }) => markCleared(tx, actor, await tx.findOneOrFail(Warning, { id }), log),
        { allowArchived: true },
      );
    }
    if (ref.machineId == null || ref.code == null) {
      throw AppError.badInput('Give id (and, if you like, its machineId), or machineId and code');
    }
    const machineId = assertUuid(ref.machineId, 'machineId');
    const code = normalizeCode(ref.code)!;
    const result = await reportInGroup(this.ctx, actor, {
      machineId,
      code,
      active: false,
      message: code,
    });
    if (result.error) throw refusal(result.error, machineId);
    if (result.warningId) return this.ctx.em.findOneOrFail(Warning, { id: result.warningId });
    // Nothing active: the last warning with this code, already cleared, answers the retry.
    const cleared = await this.ctx.em.findOne(
      Warning,
      { machine: machineId, code },
      { orderBy: { clearedAt: 'desc', id: 'desc' } },
    );
    if (!cleared) throw AppError.notFound('Warning with this code on this machine', code);
    return cleared;
  }
}

/** A sensor report's refusal, as the error the single raise or clear has always given. */
function refusal(
  error: NonNullable<SensorReportResult['error']>,
  machineId: string,
  options: { machineIdFromInput?: boolean } = {},
): AppError {
  switch (error.code) {
    case 'NOT_FOUND':
      return options.machineIdFromInput
        ? AppError.badInput('Unknown machine', { machineId, reason: UNKNOWN_MACHINE })
        : AppError.notFound('Machine', machineId);
    case 'FORBIDDEN':
      return AppError.forbidden(error.message);
    default:
      return AppError.badInput(error.message, { machineId });
  }
}

/** Clears an active warning inside a machine write, recording WARNING_CLEARED; idempotent. */
export function markCleared(
  tx: EntityManager,
  actor: Actor,
  warning: Warning,
  log: EventLog,
): Warning {
  if (warning.clearedAt !== null) return warning;
  warning.clearedAt = new Date();
  warning.clearedByUser =
    actor.kind === 'user' ? tx.getReference(User, actor.id, { wrapped: true }) : null;
  warning.clearedByApiClient =
    actor.kind === 'apiClient' ? tx.getReference(ApiClient, actor.id, { wrapped: true }) : null;
  log.record({
    type: MachineEventType.WARNING_CLEARED,
    warning,
    data: { message: warning.message, code: warning.code },
  });
  return warning;
}
