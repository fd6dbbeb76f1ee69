import { Migration } from '@mikro-orm/migrations';

export class Migration20261125034431 extends Migration {
  override name = 'Migration20261125034431';

  override up(): void | Promise<void> {
    this.addSql(
      `create type "idempotency_state" as enum ('IN_PROGRESS', 'COMMITTED', 'COMPLETED');`,
    );
    this.addSql(
      `create table "idempotency_keys" ("id" uuid not null, "principal_kind" varchar(16) not null, "principal_id" uuid not null, "key" varchar(255) not null, "fingerprint" varchar(600) not null, "state" "idempotency_state" not null default 'IN_PROGRESS', "claim_token" uuid not null, "response_status" int null, "response_body" jsonb null, "created_at" timestamptz not null default now(), "claimed_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "idempotency_keys_expires_at_index" on "idempotency_keys" ("expires_at");`,
    );
    this.addSql(
      `alter table "idempotency_keys" add constraint "idempotency_keys_principal_kind_principal_id_key_unique" unique ("principal_kind", "principal_id", "key");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_keys" cascade;`);

    this.addSql(`drop type "idempotency_state";`);
  }
}
