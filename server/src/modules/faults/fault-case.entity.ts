import { Collection, type Ref, type Opt } from '@mikro-orm/core';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
} from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { Machine } from '../machines/machine.entity.js';
import { User } from '../users/user.entity.js';
import { FaultStatus, Severity } from './fault-case.enums.js';
import { FaultNote } from './fault-note.entity.js';

@ObjectType({ description: 'A breakdown being worked from report to resolution' })
@Entity({ tableName: 'fault_cases' })
@Index({ properties: ['machine', 'status'] })
@Index({ properties: ['assignee', 'status'] })
export class FaultCase {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Machine, { ref: true })
  machine!: Ref<Machine>;

  @Field(() => String)
  @Property({ type: 'text' })
  description!: string;

  @Field(() => Severity)
  @Enum({ items: () => Severity, nativeEnumName: 'fault_severity' })
  severity!: Severity;

  @Field(() => FaultStatus)
  @Enum({ items: () => FaultStatus, nativeEnumName: 'fault_status', default: 'OPEN' })
  status: Opt<FaultStatus> = FaultStatus.OPEN;

  @ManyToOne(() => User, { ref: true, nullable: true })
  reportedByUser: Ref<User> | null = null;

  @ManyToOne(() => ApiClient, { ref: true, nullable: true })
  reportedByApiClient: Ref<ApiClient> | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  assignee: Ref<User> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  openedAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  assignedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  assignedBy: Ref<User> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  acknowledgedBy: Ref<User> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  startedBy: Ref<User> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  resolvedBy: Ref<User> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolutionNote: string | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  reopenCount: Opt<number> = 0;

  @OneToMany(() => FaultNote, (note) => note.faultCase)
  notes = new Collection<FaultNote>(this);

  /** Optimistic lock: an update carrying an older version is a CONFLICT, never an overwrite. */
  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
