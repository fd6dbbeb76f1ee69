import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import type { BusEvent } from '../../events/event-bus.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import type { Machine } from '../machines/machine.entity.js';
import type { MachineStatus } from '../machines/machine.status.js';
import { User } from '../users/user.entity.js';
import { Warning } from '../warnings/warning.entity.js';
import { MachineEvent } from './machine-event.entity.js';
import type { MachineEventType } from './machine-event.type.js';

export interface PendingEvent {
  type: MachineEventType;
  faultCase?: FaultCase;
  warning?: Warning;
  fromStatus?: MachineStatus;
  toStatus?: MachineStatus;
  data?: Record<string, unknown>;
}

/** Collects a transaction's events and appends them just before it commits. */
export class EventLog {
  private readonly pending: PendingEvent[] = [];

  constructor(
    private readonly machine: Machine,
    private readonly actor: Actor,
  ) {}

  record(event: PendingEvent): void {
    this.pending.push(event);
  }

  get size(): number {
    return this.pending.length;
  }

  async append(tx: EntityManager): Promise<BusEvent[]> {
    if (this.pending.length === 0) return [];
    // No lock: ids may commit out of order, and readers deliver only below a horizon
    // (events/event-horizon.ts). That needs this transaction to hold a transaction id before
    // the INSERT takes event ids, which it does: the machine row was locked or inserted first.
    const rows = this.pending.map((p) => {
      const row = new MachineEvent();
      row.machine = tx.getReference(this.machine.constructor as typeof Machine, this.machine.id, {
        wrapped: true,
      });
      row.buildingId = this.machine.building.id;
      row.type = p.type;
      row.at = new Date();
      row.actorUser =
        this.actor.kind === 'user' ? tx.getReference(User, this.actor.id, { wrapped: true }) : null;
      row.actorApiClient =
        this.actor.kind === 'apiClient'
          ? tx.getReference(ApiClient, this.actor.id, { wrapped: true })
          : null;
      row.faultCase = p.faultCase
        ? tx.getReference(FaultCase, p.faultCase.id, { wrapped: true })
        : null;
      row.warning = p.warning ? tx.getReference(Warning, p.warning.id, { wrapped: true }) : null;
      row.fromStatus = p.fromStatus ?? null;
      row.toStatus = p.toStatus ?? null;
      row.data = p.data ?? {};
      tx.persist(row);
      return { row, faultCase: p.faultCase, warning: p.warning };
    });
    await tx.flush();
    return rows.map(({ row, faultCase, warning }) => ({
      id: row.id,
      type: row.type,
      machineId: this.machine.id,
      buildingId: row.buildingId,
      faultCaseId: faultCase?.id ?? null,
      faultCaseAssigneeId: faultCase?.assignee?.id ?? null,
      warningId: warning?.id ?? null,
      actorUserId: this.actor.kind === 'user' ? this.actor.id : null,
      actorApiClientId: this.actor.kind === 'apiClient' ? this.actor.id : null,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      at: row.at,
      data: row.data,
    }));
  }
}
