import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A hall or building; every machine stands in one' })
@Entity({ tableName: 'buildings' })
// "Hall 3" and "hall 3" are one place on a shop floor: names are unique ignoring case.
@Unique({
  name: 'buildings_name_lower_unique',
  expression: 'create unique index "buildings_name_lower_unique" on "buildings" (lower("name"))',
})
export class Building {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
