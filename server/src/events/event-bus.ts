import type { EntityManager } from '@mikro-orm/postgresql';
import { EventEmitter } from 'node:events';
import type { MachineStatus } from '../modules/machines/machine.status.js';
import type { MachineEventType } from '../modules/events/machine-event.type.js';
import type { Invalidation, InvalidationListener, Invalidations } from './invalidation.js';
import type { WarningRepeat } from './warning-repeats.js';

/** What travels to subscribers: enough to filter and answer without SQL. */
export interface BusEvent {
  id: number;
  type: MachineEventType;
  machineId: string;
  buildingId: string;
  faultCaseId: string | null;
  /** The fault case's assignee when the event was read, for per-user filtering. */
  faultCaseAssigneeId: string | null;
  /** The warning a WARNING_RAISED / WARNING_CLEARED event is about. */
  warningId: string | null;
  actorUserId: string | null;
  actorApiClientId: string | null;
  fromStatus: MachineStatus | null;
  toStatus: MachineStatus | null;
  at: Date;
  data: Record<string, unknown>;
}

/** A source tells the sequencer "events up to this id exist", with the rows when it has them. */
export interface BusSignal {
  events?: readonly BusEvent[];
  upToId: number;
}

export type SignalListener = (signal: BusSignal) => void;
export type RepeatSignalListener = (repeat: WarningRepeat) => void;

/**
 * Carries "new events were committed" between writers and the subscription side.
 * `announce` runs inside the writing transaction (so a rolled-back change announces
 * nothing); `publish` runs after commit.
 */
export interface EventBus extends Invalidations {
  readonly kind: 'memory' | 'postgres';
  announce(tx: EntityManager, events: readonly BusEvent[]): Promise<void>;
  publish(events: readonly BusEvent[]): Promise<void>;
  onSignal(listener: SignalListener): () => void;
  /**
   * Transient notifications (nothing stored, no event id, no replay): a warning's repeat,
   * sent after the write committed. Lost if no one listens, which a board tolerates: the
   * next repeat, or its next snapshot, carries the count.
   */
  publishRepeat(repeat: WarningRepeat): Promise<void>;
  onRepeat(listener: RepeatSignalListener): () => void;
  /** Every replica's caches hear it (this one's too), after `publishInvalidation` resolves. */
  onInvalidation(listener: InvalidationListener): () => void;
  /**
   * Resolves true once every signal, repeat and invalidation committed before the call has
   * reached this replica's listeners; false when that cannot be known now (the bus is
   * reconnecting): a cache must then not answer. What makes a cache read after a write on
   * another replica never stale.
   */
  sync(): Promise<boolean>;
  close(): Promise<void>;
}

/** One server: signals stay in-process and carry the full events. */
export class InProcessEventBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async announce(): Promise<void> {}

  async publish(events: readonly BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.emitter.emit('signal', {
      events,
      upToId: events[events.length - 1]!.id,
    } satisfies BusSignal);
  }

  onSignal(listener: SignalListener): () => void {
    this.emitter.on('signal', listener);
    return () => this.emitter.off('signal', listener);
  }

  async publishRepeat(repeat: WarningRepeat): Promise<void> {
    this.emitter.emit('repeat', repeat);
  }

  onRepeat(listener: RepeatSignalListener): () => void {
    this.emitter.on('repeat', listener);
    return () => this.emitter.off('repeat', listener);
  }

  async publishInvalidation(_em: EntityManager, invalidation: Invalidation): Promise<void> {
    this.emitter.emit('invalidation', invalidation);
  }

  onInvalidation(listener: InvalidationListener): () => void {
    this.emitter.on('invalidation', listener);
    return () => this.emitter.off('invalidation', listener);
  }

  /** Everything is emitted synchronously after its commit, before the writer answers. */
  async sync(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
