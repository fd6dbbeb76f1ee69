import { Migration } from '@mikro-orm/migrations';

/** Building names become unique ignoring case ("Hall 3" and "hall 3" are one place). */
export class Migration20261125070156 extends Migration {
  override name = 'Migration20261125070156';

  override up(): void | Promise<void> {
    // Names that differed only in case were allowed before: number the later ones, so the
    // index can be built and nothing is merged behind anyone's back.
    this.addSql(
      `update "buildings" b set "name" = left(b."name", 110) || ' (' || d.rn || ')'
         from (select "id", row_number() over (partition by lower("name") order by "created_at", "id") as rn
                 from "buildings") d
        where b."id" = d."id" and d.rn > 1;`,
    );
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
