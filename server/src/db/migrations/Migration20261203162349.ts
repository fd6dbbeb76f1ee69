import { Migration } from '@mikro-orm/migrations';

export class Migration20261203162349 extends Migration {
  override name = 'Migration20261203162349';

  override up(): void | Promise<void> {
    this.addSql(`drop index "machine_events_status_changes_idx";`);
    this.addSql(`drop index "machine_events_type_at_index";`);
    this.addSql(
      `create index "machine_events_type_at_cover_idx" on "machine_events" ("type", "at") include ("fault_case_id");`,
    );
    this.addSql(
      `create index "machine_events_status_changes_cover_idx" on "machine_events" ("machine_id", "at") include ("id", "from_status", "to_status") where "type" = 'STATUS_CHANGED';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "machine_events_type_at_cover_idx";`);
    this.addSql(`drop index "machine_events_status_changes_cover_idx";`);
    this.addSql(
      `create index "machine_events_status_changes_idx" on "machine_events" ("machine_id", "at") where "type" = 'STATUS_CHANGED';`,
    );
    this.addSql(`create index "machine_events_type_at_index" on "machine_events" ("type", "at");`);
  }
}
