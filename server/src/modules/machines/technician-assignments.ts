import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import type { BusEvent, EventBus } from '../../events/event-bus.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { User } from '../users/user.entity.js';
import { changeMachineIn } from './machine-writer.js';

/**
 * Takes a person off every machine they are assigned to, inside the caller's transaction:
 * someone who is no longer an active technician must not stay "responsible" on the board,
 * and each machine's log says so. Machines are locked in id order, so two of these cannot
 * deadlock each other. The caller holds the user's row lock (taken first, as
 * assignTechnicians does). Returns the events for the caller to publish after its commit.
 */
export async function unassignFromAllMachines(
  tx: EntityManager,
  bus: EventBus,
  actor: Actor,
  userId: string,
  reason: 'deactivated' | 'roleChanged',
): Promise<BusEvent[]> {
  // Every machine row is locked before the first event is appended: appending takes the
  // plant-wide event lock, and waiting for a machine while holding it would stall every writer.
  const rows = await tx.execute<{ machine_id: string }[]>(
    `select m.id as machine_id from machines m
      where m.id in (select machine_id from machine_technicians where user_id = ?)
      order by m.id for update of m`,
    [userId],
  );
  const events: BusEvent[] = [];
  for (const { machine_id: machineId } of rows) {
    const { events: machineEvents } = await changeMachineIn(
      tx,
      { bus },
      actor,
      machineId,
      async ({ machine, log }) => {
        await machine.technicians.init();
        machine.technicians.remove(tx.getReference(User, userId));
        log.record({
          type: MachineEventType.TECHNICIANS_ASSIGNED,
          data: {
            technicianIds: machine.technicians.getItems().map((u) => u.id),
            removedTechnicianId: userId,
            reason,
          },
        });
      },
      { allowArchived: true },
    );
    events.push(...machineEvents);
  }
  return events;
}
