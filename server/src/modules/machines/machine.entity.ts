import { Collection, type Ref, type Opt } from '@mikro-orm/core';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
} from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Building } from '../buildings/building.entity.js';
import { User } from '../users/user.entity.js';
import { MachineStatus } from './machine.status.js';

@ObjectType({ description: 'A machine on the floor; its status is derived, never set by hand' })
@Entity({ tableName: 'machines' })
@Index({ properties: ['building', 'status'] })
@Check({ name: 'machines_importance_range', expression: 'importance >= 1 and importance <= 5' })
export class Machine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @ManyToOne(() => Building, { ref: true })
  building!: Ref<Building>;

  @Field(() => String, { nullable: true, description: 'Line, cell or bay inside the building' })
  @Property({ type: 'string', length: 120, nullable: true })
  location: string | null = null;

  @Field(() => Int, { description: '1 (minor) to 5 (critical to production)' })
  @Property({ type: 'smallint' })
  importance!: number;

  @Field(() => String, { description: 'Printed on the QR label; unique' })
  @Property({ type: 'string', length: 40, unique: true })
  assetCode!: string;

  @Field(() => MachineStatus)
  @Enum({ items: () => MachineStatus, nativeEnumName: 'machine_status', default: 'OK' })
  status: Opt<MachineStatus> = MachineStatus.OK;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  statusSince: Opt<Date> = new Date();

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  archived: Opt<boolean> = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  archivedAt: Date | null = null;

  @ManyToMany(() => User, undefined, {
    pivotTable: 'machine_technicians',
    joinColumn: 'machine_id',
    inverseJoinColumn: 'user_id',
  })
  technicians = new Collection<User>(this);

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
