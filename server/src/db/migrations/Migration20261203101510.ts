import { Migration } from '@mikro-orm/migrations';

/**
 * Wall display links are API tokens with a purpose: DISPLAY rows are read-only board viewers
 * (limited to their buildings) and may chime on a new FAULT. Existing tokens stay API.
 */
export class Migration20261203101510 extends Migration {
  override name = 'Migration20261203101510';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "api_clients" add "purpose" varchar(16) not null default 'API', add "chime" boolean not null default false;`,
    );
    this.addSql(
      `alter table "api_clients" add constraint "api_clients_purpose_check" check (purpose in ('API', 'DISPLAY'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "api_clients" drop column "purpose", drop column "chime";`);
  }
}
