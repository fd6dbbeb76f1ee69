import { Migration } from '@mikro-orm/migrations';

/**
 * Photos on fault cases (modules/attachments): the row names the stored image and thumbnail
 * by random keys; the FAULT_ATTACHMENT_ADDED event tells the case's followers. `down` keeps
 * the enum value (PostgreSQL cannot drop one), which no remaining row uses.
 */
export class Migration20261203134909 extends Migration {
  override name = 'Migration20261203134909';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "fault_attachments" ("id" uuid not null, "fault_case_id" uuid not null, "note_id" uuid null, "uploaded_by_id" uuid not null, "content_type" varchar(32) not null, "size" int not null, "width" int not null, "height" int not null, "sha256" varchar(64) not null, "storage_key" varchar(64) not null, "thumbnail_content_type" varchar(32) not null, "thumbnail_size" int not null, "thumbnail_sha256" varchar(64) not null, "thumbnail_key" varchar(64) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_storage_key_unique" unique ("storage_key");`,
    );
    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_thumbnail_key_unique" unique ("thumbnail_key");`,
    );
    this.addSql(
      `create index "fault_attachments_note_id_index" on "fault_attachments" ("note_id");`,
    );
    this.addSql(
      `create index "fault_attachments_fault_case_id_created_at_index" on "fault_attachments" ("fault_case_id", "created_at");`,
    );

    this.addSql(
      `alter type "machine_event_type" add value if not exists 'FAULT_ATTACHMENT_ADDED' after 'FAULT_NOTE_ADDED';`,
    );

    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_fault_case_id_foreign" foreign key ("fault_case_id") references "fault_cases" ("id");`,
    );
    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_note_id_foreign" foreign key ("note_id") references "fault_notes" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id");`,
    );
    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_size_check" check (size > 0 and thumbnail_size > 0 and width > 0 and height > 0);`,
    );
    this.addSql(
      `alter table "fault_attachments" add constraint "fault_attachments_content_type_check" check (content_type in ('image/jpeg', 'image/png', 'image/webp') and thumbnail_content_type in ('image/jpeg', 'image/png', 'image/webp'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "fault_attachments" cascade;`);
  }
}
