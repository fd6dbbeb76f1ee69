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
import { CaseDetail } from './fault-case.access.js';
import { FaultStatus, Severity } from './fault-case.enums.js';
import { FaultNote } from './fault-note.entity.js';

@ObjectType({
  description:
    'A breakdown being worked from report to resolution. Whoever sees the machine sees the ' +
    'board fields (id, machine, status, severity, assignee, openedAt, acknowledgedAt, ' +
    'startedAt, timeToAcknowledgeSeconds); the other fields are the case detail: managers, ' +
    'technicians, the assigned repair worker and the reporting API client read them, anyone ' +
    'else gets null with FORBIDDEN for each.',
})
@Entity({ tableName: 'fault_cases' })
@Index({ properties: ['machine', 'status'] })
@Index({ properties: ['assignee', 'status'] })
// The reliability report's cases opened in a range.
@Index({ properties: ['openedAt'] })
// The machine's last resolution, when a case opens (repeat failures).
@Index({ properties: ['machine', 'resolvedAt'] })
export class FaultCase {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Machine, { ref: true })
  machine!: Ref<Machine>;

  @CaseDetail()
  @Field(() => String, { nullable: true })
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

  @CaseDetail()
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

  @CaseDetail()
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  resolvedBy: Ref<User> | null = null;

  @CaseDetail()
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolutionNote: string | null = null;

  @CaseDetail()
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', default: 0 })
  reopenCount: Opt<number> = 0;

  /**
   * The machine's previous case when this one opened within REPEAT_FAILURE_WINDOW_HOURS of
   * that case's resolution: decided once, at opening, so a later change of the window does
   * not rewrite history (README "Repeat failures").
   */
  @ManyToOne(() => FaultCase, { ref: true, nullable: true, deleteRule: 'set null' })
  repeatOf: Ref<FaultCase> | null = null;

  @OneToMany(() => FaultNote, (note) => note.faultCase)
  notes = new Collection<FaultNote>(this);

  /** Optimistic lock: an update carrying an older version is a CONFLICT, never an overwrite. */
  @CaseDetail()
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @CaseDetail()
  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
