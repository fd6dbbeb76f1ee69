import { Collection, type Ref, type Opt } from '@mikro-orm/core';
import {
  Check,
  Entity,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
} from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { Building } from '../buildings/building.entity.js';
import { User } from '../users/user.entity.js';
import type { ApiClientPurpose } from './api-client.purpose.js';
import { ApiScope } from './api-client.scope.js';

@ObjectType({ description: 'An external system (sensor gateway, monitoring) with a token' })
@Entity({ tableName: 'api_clients' })
@Check({ name: 'api_clients_purpose_check', expression: "purpose in ('API', 'DISPLAY')" })
export class ApiClient {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @Field(() => String, { description: 'The first characters of the token, to recognise it' })
  @Property({ type: 'string', length: 24 })
  tokenPrefix!: string;

  /** SHA-256 of the token: it has ≥128 random bits, so a slow hash adds nothing. */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  tokenHash!: string;

  @Field(() => [ApiScope])
  @Property({ type: 'text[]' })
  scopes: Opt<ApiScope[]> = [];

  /** DISPLAY: a wall screen's link (modules/displays); not a GraphQL field of ApiClient. */
  @Property({ type: 'string', length: 16, default: 'API' })
  purpose: Opt<ApiClientPurpose> = 'API';

  /** Displays only: the screen chimes on a new FAULT. */
  @Property({ type: 'boolean', default: false })
  chime: Opt<boolean> = false;

  /** Empty means every building (displays always name theirs). */
  @ManyToMany(() => Building, undefined, {
    pivotTable: 'api_client_buildings',
    joinColumn: 'api_client_id',
    inverseJoinColumn: 'building_id',
  })
  buildings = new Collection<Building>(this);

  @ManyToOne(() => User, { ref: true })
  createdBy!: Ref<User>;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
