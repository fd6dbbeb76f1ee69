import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { inTransaction } from '../../db/transaction.js';
import type { BusEvent, EventBus } from '../../events/event-bus.js';
import type { AuditLog, ServiceContext } from '../../graphql/context.js';
import { EventLog } from '../events/event-log.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { UNRESOLVED_FAULT_STATUSES } from '../faults/fault-case.enums.js';
import { Machine } from './machine.entity.js';
import { deriveStatus } from './machine.status.js';

/** `details.reason` of the BAD_USER_INPUT for a machine id, given in an input, that does not exist. */
export const UNKNOWN_MACHINE = 'UNKNOWN_MACHINE';

export interface MachineWriteContext {
  tx: EntityManager;
  machine: Machine;
  log: EventLog;
}

/**
 * Where machine writes go: the request's EntityManager, its bus and its write guard, and
 * where refusals are recorded (absent for the server's own writes).
 */
export type MachineStore = Pick<ServiceContext, 'em' | 'bus' | 'writeGuard'> &
  Partial<Pick<ServiceContext, 'audit'>>;

export interface MachineWriteOptions {
  allowArchived?: boolean;
  /** The machine id came inside an input: a missing machine is bad input, not NOT_FOUND. */
  machineIdFromInput?: boolean;
  /** Runs in the transaction before the machine row is locked (for rows locked ahead of it). */
  before?: (tx: EntityManager) => Promise<void>;
}

/**
 * The single path for every change that can affect a machine's status. Inside one
 * transaction it runs the request's write guard, locks the machine row, runs the change,
 * recomputes the derived status from the stored rows, and appends the events; the bus hears
 * of them only after commit.
 */
export async function writeMachine<T>(
  store: MachineStore,
  actor: Actor,
  machineId: string,
  change: (ctx: MachineWriteContext) => Promise<T>,
  options: MachineWriteOptions = {},
): Promise<T> {
  const { result, events } = await inTransaction(store.em, async (tx) => {
    await store.writeGuard?.enter(tx);
    await options.before?.(tx);
    return changeMachineIn(tx, store, actor, machineId, change, options);
  });
  await store.bus.publish(events);
  return result;
}

/**
 * writeMachine's body, inside a transaction the caller owns (for a change that spans other
 * rows too, such as a user whose role change unassigns them from machines). The caller
 * publishes the returned events after its commit.
 */
export async function changeMachineIn<T>(
  tx: EntityManager,
  store: Pick<MachineStore, 'bus' | 'audit'>,
  actor: Actor,
  machineId: string,
  change: (ctx: MachineWriteContext) => Promise<T>,
  options: MachineWriteOptions = {},
): Promise<{ result: T; events: BusEvent[] }> {
  const machine = await tx.findOne(
    Machine,
    { id: machineId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['building'] },
  );
  if (!machine) {
    throw options.machineIdFromInput
      ? AppError.badInput('Unknown machine', { machineId, reason: UNKNOWN_MACHINE })
      : AppError.notFound('Machine', machineId);
  }
  if (machine.archived && !options.allowArchived) {
    throw AppError.badInput('This machine is archived', { machineId });
  }
  assertBuildingAllowed(actor, machine.building.id, store.audit);
  const log = new EventLog(machine, actor);
  const result = await change({ tx, machine, log });
  await tx.flush();
  await recomputeStatus(tx, machine, log);
  await tx.flush();
  return { result, events: await appendAndAnnounce(tx, store.bus, log) };
}

/**
 * writeMachine's counterpart for a machine that does not exist yet: `build` creates it (and
 * whatever it needs, such as its building) inside the transaction that also records
 * MACHINE_CREATED, so a machine never exists without its creation event.
 */
export async function insertMachine(
  store: MachineStore,
  actor: Actor,
  build: (tx: EntityManager) => Promise<Machine>,
): Promise<Machine> {
  const { machine, events } = await inTransaction(store.em, async (tx) => {
    await store.writeGuard?.enter(tx);
    const created = await build(tx);
    assertBuildingAllowed(actor, created.building.id, store.audit);
    await tx.flush();
    const log = new EventLog(created, actor);
    log.record({
      type: MachineEventType.MACHINE_CREATED,
      data: { name: created.name, assetCode: created.assetCode },
    });
    return { machine: created, events: await appendAndAnnounce(tx, store.bus, log) };
  });
  await store.bus.publish(events);
  return machine;
}

async function appendAndAnnounce(
  tx: EntityManager,
  bus: EventBus,
  log: EventLog,
): Promise<BusEvent[]> {
  const events = await log.append(tx);
  await bus.announce(tx, events);
  return events;
}

export async function recomputeStatus(
  tx: EntityManager,
  machine: Machine,
  log: EventLog,
): Promise<void> {
  // One round trip for both facts: this runs in every write, and sensors write a lot.
  const [row] = await tx.execute<{ unresolved: boolean; active: boolean }[]>(
    `select exists (select 1 from fault_cases
                     where machine_id = ? and status in (${UNRESOLVED_FAULT_STATUSES.map(() => '?').join(', ')})) as unresolved,
            exists (select 1 from warnings where machine_id = ? and cleared_at is null) as active`,
    [machine.id, ...UNRESOLVED_FAULT_STATUSES, machine.id],
  );
  const next = deriveStatus(row?.unresolved ? 1 : 0, row?.active ? 1 : 0);
  if (next === machine.status) return;
  log.record({ type: MachineEventType.STATUS_CHANGED, fromStatus: machine.status, toStatus: next });
  machine.status = next;
  machine.statusSince = new Date();
}

/** An API token limited to some buildings acts on those alone (users are not limited). */
export function assertBuildingAllowed(actor: Actor, buildingId: string, audit?: AuditLog): void {
  if (
    actor.kind === 'apiClient' &&
    actor.buildingIds.length > 0 &&
    !actor.buildingIds.includes(buildingId)
  ) {
    audit?.denied(`API client limited to other buildings; building ${buildingId}`);
    throw AppError.forbidden('This API token is not allowed for this building');
  }
}
