import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys are now claimed inside the write transaction, so the IN_PROGRESS state
 * and its claim time are gone. An IN_PROGRESS row stands for a request that never committed
 * a write: deleting it lets a retry run.
 */
export class Migration20261125060920 extends Migration {
  override name = 'Migration20261125060920';

  override up(): void | Promise<void> {
    this.addSql(`delete from "idempotency_keys" where "state" = 'IN_PROGRESS';`);
    this.addSql(`alter table "idempotency_keys" drop column "claimed_at";`);
    this.addSql(`alter table "idempotency_keys" alter column "state" drop default;`);
    this.addSql(`alter type "idempotency_state" rename to "idempotency_state_old";`);
    this.addSql(`create type "idempotency_state" as enum ('COMMITTED', 'COMPLETED');`);
    this.addSql(
      `alter table "idempotency_keys" alter column "state" type "idempotency_state" using "state"::text::"idempotency_state";`,
    );
    this.addSql(`alter table "idempotency_keys" alter column "state" set default 'COMMITTED';`);
    this.addSql(`drop type "idempotency_state_old";`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter type "idempotency_state" add value if not exists 'IN_PROGRESS' before 'COMMITTED';`,
    );
    this.addSql(
      `alter table "idempotency_keys" add "claimed_at" timestamptz(6) not null default now();`,
    );
    this.addSql(`alter table "idempotency_keys" alter column "state" set default 'IN_PROGRESS';`);
  }
}
