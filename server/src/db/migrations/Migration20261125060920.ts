import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys are now claimed inside the write transaction, so the IN_PROGRESS state
 * and its claim time are gone. An IN_PROGRESS row stands for a request that never committed
 * a write: deleting it lets a retry run. The table is locked first so that a replica still
 * running the old code cannot add one between the delete and the type change.
 */
export class Migration20261125060920 extends Migration {
  override name = 'Migration20261125060920';

  override up(): void | Promise<void> {
    this.addSql(`lock table "idempotency_keys" in access exclusive mode;`);
    this.addSql(`delete from "idempotency_keys" where "state" = 'IN_PROGRESS';`);
    this.addSql(`alter table "idempotency_keys" drop column "claimed_at";`);
    this.replaceStateType(['COMMITTED', 'COMPLETED'], 'COMMITTED');
  }

  override down(): void | Promise<void> {
    this.addSql(`lock table "idempotency_keys" in access exclusive mode;`);
    this.addSql(
      `alter table "idempotency_keys" add "claimed_at" timestamptz(6) not null default now();`,
    );
    this.replaceStateType(['IN_PROGRESS', 'COMMITTED', 'COMPLETED'], 'IN_PROGRESS');
  }

  /**
   * Enum values can be neither dropped nor used in the transaction that adds them, so the
   * type is rebuilt and the column converted.
   */
  private replaceStateType(values: string[], defaultValue: string): void {
    const list = values.map((v) => `'${v}'`).join(', ');
    this.addSql(`alter table "idempotency_keys" alter column "state" drop default;`);
    this.addSql(`alter type "idempotency_state" rename to "idempotency_state_old";`);
    this.addSql(`create type "idempotency_state" as enum (${list});`);
    this.addSql(
      `alter table "idempotency_keys" alter column "state" type "idempotency_state" using "state"::text::"idempotency_state";`,
    );
    this.addSql(
      `alter table "idempotency_keys" alter column "state" set default '${defaultValue}';`,
    );
    this.addSql(`drop type "idempotency_state_old";`);
  }
}
