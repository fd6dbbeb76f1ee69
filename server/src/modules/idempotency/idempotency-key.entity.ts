import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export enum IdempotencyState {
  /** The write transaction committed together with this marker; the response is not stored yet. */
  COMMITTED = 'COMMITTED',
  /** The response is stored and is what every retry gets (also a final 4xx without a write). */
  COMPLETED = 'COMPLETED',
}

/**
 * An `Idempotency-Key` sent by one principal (user or API client) to the REST adapter, with
 * the request it was first used for and the response that request got.
 */
@Entity({ tableName: 'idempotency_keys' })
@Unique({ properties: ['principalKind', 'principalId', 'key'] })
@Index({ properties: ['expiresAt'] })
export class IdempotencyKey {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** `user` or `apiClient`: keys of different principals never collide. */
  @Property({ type: 'string', length: 16 })
  principalKind!: string;

  @Property({ type: 'uuid' })
  principalId!: string;

  @Property({ type: 'string', length: 255 })
  key!: string;

  /** Method, path and the SHA-256 of the canonical JSON body: a reuse for another request is refused. */
  @Property({ type: 'string', length: 600 })
  fingerprint!: string;

  @Enum({
    items: () => IdempotencyState,
    nativeEnumName: 'idempotency_state',
    default: 'COMMITTED',
  })
  state: Opt<IdempotencyState> = IdempotencyState.COMMITTED;

  /** Random per request: only the request that wrote may store the answer. */
  @Property({ type: 'uuid' })
  claimToken!: string;

  @Property({ type: 'integer', nullable: true })
  responseStatus: number | null = null;

  @Property({ type: 'jsonb', nullable: true })
  responseBody: unknown = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
