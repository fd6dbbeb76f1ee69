import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Failed sign-ins per key (`account:<email>` or `ip:<address>`), kept in the database so
 * every server replica sees the same counts.
 */
@Entity({ tableName: 'login_throttles' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 300 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  failures: Opt<number> = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  windowStartedAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;
}
