import { Migration } from '@mikro-orm/migrations';

/** Building names become unique ignoring case ("Hall 3" and "hall 3" are one place). */
export class Migration20261125070156 extends Migration {
  override name = 'Migration20261125070156';

  override up(): void | Promise<void> {
    this.addSql(`alter table "buildings" drop constraint "buildings_name_unique";`);
    this.addSql(
      `create unique index "buildings_name_lower_unique" on "buildings" (lower("name"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "buildings_name_lower_unique";`);
    this.addSql(`alter table "buildings" add constraint "buildings_name_unique" unique ("name");`);
  }
}
