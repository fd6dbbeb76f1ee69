import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import { findPage, type ConnectionShape, type Page } from '../../common/page.js';
import type { WarningRepeat } from '../../events/warning-repeats.js';
import type { ServiceContext } from '../../graphql/context.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { MachineEventType } from '../events/machine-event.type.js';
import type { EventLog } from '../events/event-log.js';
import { writeMachine } from '../machines/machine-writer.js';
import { User } from '../users/user.entity.js';
import { Warning } from './warning.entity.js';
import { WARNING_CODE, WARNING_MESSAGE_MAX } from './warning.inputs.js';

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
   * condition must stay one row. The machine row lock taken by writeMachine makes the
   * check-then-insert race-free; the partial unique index is the backstop.
   */
  async raise(actor: Actor, input: RaiseWarningData): Promise<Warning> {
    const machineId = assertUuid(input.machineId, 'machineId');
    const message = normalizeMessage(input.message);
    const code = normalizeCode(input.code);
    let repeat: WarningRepeat | undefined;
    const warning = await writeMachine(
      this.ctx,
      actor,
      machineId,
      async ({ tx, machine, log }) => {
        if (code !== null) {
          const existing = await tx.findOne(Warning, {
            machine: machine.id,
            code,
            clearedAt: null,
          });
          if (existing) {
            // The first report's message and event stand; a repeat changes no status, so no
            // event row: boards hear of it through a transient notification after commit.
            existing.repeatCount += 1;
            existing.lastSeenAt = new Date();
            repeat = {
              warningId: existing.id,
              machineId: machine.id,
              buildingId: machine.building.id,
              code,
              repeatCount: existing.repeatCount,
              lastSeenAt: existing.lastSeenAt,
            };
            return existing;
          }
        }
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
    if (repeat) await this.announceRepeat(repeat);
    return warning;
  }

  /** Committed already: a failed notification must not turn the sensor's write into an error. */
  private async announceRepeat(repeat: WarningRepeat): Promise<void> {
    try {
      await this.ctx.bus.publishRepeat(repeat);
    } catch (error) {
      this.ctx.logger.warn(
        { err: error, warningId: repeat.warningId },
        'warning repeat not announced',
      );
    }
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
    const code = normalizeCode(ref.code);
    return writeMachine(
      this.ctx,
      actor,
      machineId,
      async ({ tx, log }) => {
        const warning =
          (await tx.findOne(Warning, { machine: machineId, code, clearedAt: null })) ??
          (await tx.findOne(
            Warning,
            { machine: machineId, code },
            { orderBy: { clearedAt: 'desc', id: 'desc' } },
          ));
        if (!warning)
          throw AppError.notFound('Warning with this code on this machine', code ?? undefined);
        return markCleared(tx, actor, warning, log);
      },
      { allowArchived: true },
    );
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

export function normalizeMessage(value: string, field = 'message'): string {
  const message = value.trim();
  if (message.length === 0) throw AppError.badInput(`${field} must not be blank`, { field });
  if (message.length > WARNING_MESSAGE_MAX) {
    throw AppError.badInput(`${field} must be at most ${WARNING_MESSAGE_MAX} characters`, {
      field,
    });
  }
  return message;
}

export function normalizeCode(value: string | null | undefined, field = 'code'): string | null {
  if (value == null) return null;
  if (!WARNING_CODE.test(value))
    throw AppError.badInput(`${field} has an invalid format`, { field });
  return value;
}
