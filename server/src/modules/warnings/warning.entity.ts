import { type Ref, type Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApiClient } from '../api-clients/api-client.entity.js';
import { Machine } from '../machines/machine.entity.js';
import { User } from '../users/user.entity.js';

@ObjectType({ description: 'A warning on a machine; clearing keeps the row for the history' })
@Entity({ tableName: 'warnings' })
@Index({
  name: 'warnings_active_by_machine',
  expression:
    'create index "warnings_active_by_machine" on "warnings" ("machine_id") where "cleared_at" is null',
})
@Index({
  name: 'warnings_one_active_code_per_machine',
  expression:
    'create unique index "warnings_one_active_code_per_machine" on "warnings" ("machine_id", "code") where "cleared_at" is null and "code" is not null',
})
export class Warning {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Machine, { ref: true })
  machine!: Ref<Machine>;

  @Field(() => String)
  @Property({ type: 'string', length: 500 })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Sensor condition id, e.g. TEMP_HIGH' })
  @Property({ type: 'string', length: 64, nullable: true })
  code: string | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  raisedByUser: Ref<User> | null = null;

  @ManyToOne(() => ApiClient, { ref: true, nullable: true })
  raisedByApiClient: Ref<ApiClient> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  raisedAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last time the same condition was reported again' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastSeenAt: Opt<Date> = new Date();

  @Field(() => Int, { description: 'How often the same active condition was reported' })
  @Property({ type: 'integer', default: 1 })
  repeatCount: Opt<number> = 1;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  clearedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  clearedByUser: Ref<User> | null = null;

  @ManyToOne(() => ApiClient, { ref: true, nullable: true })
  clearedByApiClient: Ref<ApiClient> | null = null;
}
