import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from './user.role.js';

@ObjectType({ description: 'A person who signs in: manager, technician or repair worker' })
@Entity({ tableName: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased; the unique index makes e-mail addresses case-insensitive. */
  // Exposed by UserResolver.email: managers and the person themself only.
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  role!: Role;

  @Property({ type: 'string', length: 255, lazy: true, hidden: true })
  passwordHash!: string;

  // Exposed by UserResolver.active: managers and the person themself only.
  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  /**
   * Bumped on deactivation, role change and password change: access tokens carry it,
   * so every token issued before the change stops working at once.
   */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: Opt<number> = 0;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
