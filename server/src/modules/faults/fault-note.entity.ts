import { type Ref, type Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { FaultCase } from './fault-case.entity.js';

@ObjectType({ description: 'A comment on a fault case' })
@Entity({ tableName: 'fault_notes' })
export class FaultNote {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => FaultCase, { ref: true })
  faultCase!: Ref<FaultCase>;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Field(() => String)
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
