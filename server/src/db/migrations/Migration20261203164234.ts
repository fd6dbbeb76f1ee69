import { Migration } from '@mikro-orm/migrations';

export class Migration20261203164234 extends Migration {
  override name = 'Migration20261203164234';

  override up(): void | Promise<void> {
    this.addSql(`create index "machine_events_at_index" on "machine_events" ("at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "machine_events_at_index";`);
  }
}
