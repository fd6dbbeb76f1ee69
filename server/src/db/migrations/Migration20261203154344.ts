import { Migration } from '@mikro-orm/migrations';

export class Migration20261203154344 extends Migration {
  override name = 'Migration20261203154344';

  override up(): void | Promise<void> {
    this.addSql(`alter table "fault_cases" add "repeat_of_id" uuid null;`);
    this.addSql(
      `alter table "fault_cases" add constraint "fault_cases_repeat_of_id_foreign" foreign key ("repeat_of_id") references "fault_cases" ("id") on delete set null;`,
    );
    this.addSql(
      `create index "fault_cases_machine_id_resolved_at_index" on "fault_cases" ("machine_id", "resolved_at");`,
    );
    this.addSql(`create index "fault_cases_opened_at_index" on "fault_cases" ("opened_at");`);

    this.addSql(
      `create index "machine_events_actor_api_client_id_id_index" on "machine_events" ("actor_api_client_id", "id");`,
    );
    this.addSql(
      `create index "machine_events_actor_user_id_id_index" on "machine_events" ("actor_user_id", "id");`,
    );
    this.addSql(`create index "machine_events_type_at_index" on "machine_events" ("type", "at");`);
    this.addSql(
      `create index "machine_events_status_changes_idx" on "machine_events" ("machine_id", "at") where "type" = 'STATUS_CHANGED';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "fault_cases" drop constraint "fault_cases_repeat_of_id_foreign";`);

    this.addSql(`drop index "fault_cases_machine_id_resolved_at_index";`);
    this.addSql(`drop index "fault_cases_opened_at_index";`);
    this.addSql(`alter table "fault_cases" drop column "repeat_of_id";`);

    this.addSql(`drop index "machine_events_actor_api_client_id_id_index";`);
    this.addSql(`drop index "machine_events_actor_user_id_id_index";`);
    this.addSql(`drop index "machine_events_type_at_index";`);
    this.addSql(`drop index "machine_events_status_changes_idx";`);
  }
}
