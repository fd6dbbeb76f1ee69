import { EventEmitter } from 'node:events';
import type { MachineStatus } from '../modules/machines/machine.status.js';
import type { MachineEventType } from '../modules/events/machine-event.type.js';

/** What travels on the bus after a commit: enough for subscribers to filter without SQL. */
export interface BusEvent {
  id: number;
  type: MachineEventType;
  machineId: string;
  buildingId: string;
  faultCaseId: string | null;
  /** The assignee of the fault case at the time of the event, for per-user filtering. */
  faultCaseAssigneeId: string | null;
  fromStatus: MachineStatus | null;
  toStatus: MachineStatus | null;
  at: string;
}

export type BusListener = (events: readonly BusEvent[]) => void;

export interface EventBus {
  /** Called only after the transaction that wrote the events has committed. */
  publish(events: readonly BusEvent[]): Promise<void>;
  subscribe(listener: BusListener): () => void;
  close(): Promise<void>;
}

/** One server: listeners are called in-process, in publish order. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(events: readonly BusEvent[]): Promise<void> {
    if (events.length > 0) this.emitter.emit('events', events);
  }

  subscribe(listener: BusListener): () => void {
    this.emitter.on('events', listener);
    return () => this.emitter.off('events', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
