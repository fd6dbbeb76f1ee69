import { Migration } from '@mikro-orm/migrations';

export class Migration20261125033932 extends Migration {
  override name = 'Migration20261125033932';

  override up(): void | Promise<void> {
    this.addSql(`create type "machine_status" as enum ('OK', 'WARNING', 'FAULT');`);
    this.addSql(`create type "user_role" as enum ('MANAGER', 'TECHNICIAN', 'REPAIR');`);
    this.addSql(`create type "fault_severity" as enum ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');`);
    this.addSql(
      `create type "fault_status" as enum ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED');`,
    );
    this.addSql(
      `create type "machine_event_type" as enum ('MACHINE_CREATED', 'MACHINE_UPDATED', 'MACHINE_ARCHIVED', 'TECHNICIANS_ASSIGNED', 'STATUS_CHANGED', 'WARNING_RAISED', 'WARNING_CLEARED', 'FAULT_OPENED', 'FAULT_UPDATED', 'FAULT_ASSIGNED', 'FAULT_ACKNOWLEDGED', 'FAULT_STARTED', 'FAULT_NOTE_ADDED', 'FAULT_RESOLVED', 'FAULT_REOPENED');`,
    );
    this.addSql(
      `create table "buildings" ("id" uuid not null, "name" varchar(120) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "buildings" add constraint "buildings_name_unique" unique ("name");`);

    this.addSql(
      `create table "login_throttles" ("key" varchar(300) not null, "failures" int not null default 0, "window_started_at" timestamptz not null default now(), "locked_until" timestamptz null, primary key ("key"));`,
    );

    this.addSql(
      `create table "machines" ("id" uuid not null, "name" varchar(120) not null, "building_id" uuid not null, "location" varchar(120) null, "importance" smallint not null, "asset_code" varchar(40) not null, "status" "machine_status" not null default 'OK', "status_since" timestamptz not null default now(), "archived" boolean not null default false, "archived_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "machines" add constraint "machines_asset_code_unique" unique ("asset_code");`,
    );
    this.addSql(
      `create index "machines_building_id_status_index" on "machines" ("building_id", "status");`,
    );
    this.addSql(
      `alter table "machines" add constraint "machines_importance_range" check (importance >= 1 and importance <= 5);`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(120) not null, "role" "user_role" not null, "password_hash" varchar(255) not null, "active" boolean not null default true, "token_version" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "refresh_tokens" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(`create index "refresh_tokens_family_id_index" on "refresh_tokens" ("family_id");`);

    this.addSql(
      `create table "machine_technicians" ("machine_id" uuid not null, "user_id" uuid not null, primary key ("machine_id", "user_id"));`,
    );

    this.addSql(
      `create table "api_clients" ("id" uuid not null, "name" varchar(120) not null, "token_prefix" varchar(24) not null, "token_hash" varchar(64) not null, "scopes" text[] not null, "created_by_id" uuid not null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "api_clients" add constraint "api_clients_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "fault_cases" ("id" uuid not null, "machine_id" uuid not null, "description" text not null, "severity" "fault_severity" not null, "status" "fault_status" not null default 'OPEN', "reported_by_user_id" uuid null, "reported_by_api_client_id" uuid null, "assignee_id" uuid null, "opened_at" timestamptz not null default now(), "assigned_at" timestamptz null, "assigned_by_id" uuid null, "acknowledged_at" timestamptz null, "acknowledged_by_id" uuid null, "started_at" timestamptz null, "started_by_id" uuid null, "resolved_at" timestamptz null, "resolved_by_id" uuid null, "resolution_note" text null, "reopen_count" int not null default 0, "version" int not null default 1, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "fault_cases_assignee_id_status_index" on "fault_cases" ("assignee_id", "status");`,
    );
    this.addSql(
      `create index "fault_cases_machine_id_status_index" on "fault_cases" ("machine_id", "status");`,
    );

    this.addSql(
      `create table "fault_notes" ("id" uuid not null, "fault_case_id" uuid not null, "author_id" uuid not null, "body" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );

    this.addSql(
      `create table "api_client_buildings" ("api_client_id" uuid not null, "building_id" uuid not null, primary key ("api_client_id", "building_id"));`,
    );

    this.addSql(
      `create table "warnings" ("id" uuid not null, "machine_id" uuid not null, "message" varchar(500) not null, "code" varchar(64) null, "raised_by_user_id" uuid null, "raised_by_api_client_id" uuid null, "raised_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), "repeat_count" int not null default 1, "cleared_at" timestamptz null, "cleared_by_user_id" uuid null, "cleared_by_api_client_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create unique index "warnings_one_active_code_per_machine" on "warnings" ("machine_id", "code") where "cleared_at" is null and "code" is not null;`,
    );
    this.addSql(
      `create index "warnings_active_by_machine" on "warnings" ("machine_id") where "cleared_at" is null;`,
    );

    this.addSql(
      `create table "machine_events" ("id" bigserial primary key, "machine_id" uuid not null, "building_id" uuid not null, "type" "machine_event_type" not null, "at" timestamptz not null default now(), "actor_user_id" uuid null, "actor_api_client_id" uuid null, "fault_case_id" uuid null, "warning_id" uuid null, "from_status" "machine_status" null, "to_status" "machine_status" null, "data" jsonb not null default '{}');`,
    );
    this.addSql(
      `create index "machine_events_fault_case_id_index" on "machine_events" ("fault_case_id");`,
    );
    this.addSql(
      `create index "machine_events_building_id_id_index" on "machine_events" ("building_id", "id");`,
    );
    this.addSql(
      `create index "machine_events_machine_id_id_index" on "machine_events" ("machine_id", "id");`,
    );

    this.addSql(
      `alter table "machines" add constraint "machines_building_id_foreign" foreign key ("building_id") references "buildings" ("id");`,
    );

    this.addSql(
      `alter table "refresh_tokens" add constraint "refresh_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "machine_technicians" add constraint "machine_technicians_machine_id_foreign" foreign key ("machine_id") references "machines" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "machine_technicians" add constraint "machine_technicians_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_clients" add constraint "api_clients_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id");`,
    );

    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_machine_id_foreign" foreign key ("machine_id") references "machines" ("id");`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_reported_by_user_id_foreign" foreign key ("reported_by_user_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_reported_by_api_client_id_foreign" foreign key ("reported_by_api_client_id") references "api_clients" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_assigned_by_id_foreign" foreign key ("assigned_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_acknowledged_by_id_foreign" foreign key ("acknowledged_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_started_by_id_foreign" foreign key ("started_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_resolved_by_id_foreign" foreign key ("resolved_by_id") references "users" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "fault_notes" add constraint "fault_notes_fault_case_id_foreign" foreign key ("fault_case_id") references "fault_cases" ("id");`,
    );
    this.addSql(
      `alter table "fault_notes" add constraint "fault_notes_author_id_foreign" foreign key ("author_id") references "users" ("id");`,
    );

    this.addSql(
      `alter table "api_client_buildings" add constraint "api_client_buildings_api_client_id_foreign" foreign key ("api_client_id") references "api_clients" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_client_buildings" add constraint "api_client_buildings_building_id_foreign" foreign key ("building_id") references "buildings" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "warnings" add constraint "warnings_machine_id_foreign" foreign key ("machine_id") references "machines" ("id");`,
    );
    this.addSql(
      `alter table "warnings" add constraint "warnings_raised_by_user_id_foreign" foreign key ("raised_by_user_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "warnings" add constraint "warnings_raised_by_api_client_id_foreign" foreign key ("raised_by_api_client_id") references "api_clients" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "warnings" add constraint "warnings_cleared_by_user_id_foreign" foreign key ("cleared_by_user_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "warnings" add constraint "warnings_cleared_by_api_client_id_foreign" foreign key ("cleared_by_api_client_id") references "api_clients" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "machine_events" add constraint "machine_events_machine_id_foreign" foreign key ("machine_id") references "machines" ("id");`,
    );
    this.addSql(
      `alter table "machine_events" add constraint "machine_events_actor_user_id_foreign" foreign key ("actor_user_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "machine_events" add constraint "machine_events_actor_api_client_id_foreign" foreign key ("actor_api_client_id") references "api_clients" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "machine_events" add constraint "machine_events_fault_case_id_foreign" foreign key ("fault_case_id") references "fault_cases" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "machine_events" add constraint "machine_events_warning_id_foreign" foreign key ("warning_id") references "warnings" ("id") on delete set null;`,
    );
  }
}
