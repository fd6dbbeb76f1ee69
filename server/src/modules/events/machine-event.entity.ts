import { BigIntType, type Ref, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { MachineStatus } from '../machines/machine.status.js';
import { Machine } from '../machines/machine.entity.js';
import { User } from '../users/user.entity.js';
import { Warning } from '../warnings/warning.entity.js';
import { MachineEventType } from './machine-event.type.js';

/**
 * Append-only log, one row per change. The id is a global cursor: ids are handed out at
 * insert and may commit out of order, so readers deliver them only up to a horizon below which
 * every id is final (events/event-horizon.ts); replay can then resume after any id.
 */
@ObjectType({ description: 'One change in the life of a machine; `id` orders all events' })
@Entity({ tableName: 'machine_events' })
@Index({ properties: ['machine', 'id'] })
@Index({ properties: ['buildingId', 'id'] })
@Index({ properties: ['faultCase'] })
// The reliability report: each machine's status at the start and end of a range, and its
// changes in it, read from the index alone (covering: no visit to the table per change).
@Index({
  name: 'machine_events_status_changes_cover_idx',
  expression:
    'create index "machine_events_status_changes_cover_idx" on "machine_events" ("machine_id", "at") include ("id", "from_status", "to_status") where "type" = \'STATUS_CHANGED\'',
})
// The report's acknowledgements in a range (with their case, from the index alone); the
// repair log filtered by type and time.
@Index({
  name: 'machine_events_type_at_cover_idx',
  expression:
    'create index "machine_events_type_at_cover_idx" on "machine_events" ("type", "at") include ("fault_case_id")',
})
// The repair log of a time range (its pages and CSV): the range's events without walking the
// log from its newest end.
@Index({ properties: ['at'] })
// The repair log filtered by who made the change.
@Index({ properties: ['actorUser', 'id'] })
@Index({ properties: ['actorApiClient', 'id'] })
export class MachineEvent {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @ManyToOne(() => Machine, { ref: true })
  machine!: Ref<Machine>;

  /** Copied from the machine at write time so that filters by building need no join. */
  @Property({ type: 'uuid' })
  buildingId!: string;

  @Field(() => MachineEventType)
  @Enum({ items: () => MachineEventType, nativeEnumName: 'machine_event_type' })
  type!: MachineEventType;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  actorUser: Ref<User> | null = null;

  @ManyToOne(() => ApiClient, { ref: true, nullable: true })
  actorApiClient: Ref<ApiClient> | null = null;

  @ManyToOne(() => FaultCase, { ref: true, nullable: true })
  faultCase: Ref<FaultCase> | null = null;

  @ManyToOne(() => Warning, { ref: true, nullable: true })
  warning: Ref<Warning> | null = null;

  @Field(() => MachineStatus, { nullable: true })
  @Enum({ items: () => MachineStatus, nativeEnumName: 'machine_status', nullable: true })
  fromStatus: MachineStatus | null = null;

  @Field(() => MachineStatus, { nullable: true })
  @Enum({ items: () => MachineStatus, nativeEnumName: 'machine_status', nullable: true })
  toStatus: MachineStatus | null = null;

  @Field(() => GraphQLJSONObject, { description: 'Details of the change, by type' })
  @Property({ type: 'json', default: '{}' })
  data: Opt<Record<string, unknown>> = {};
}
