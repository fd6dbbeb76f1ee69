import { type Opt, type Ref } from '@mikro-orm/core';
import {
  Check,
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
} from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { FaultCase } from '../faults/fault-case.entity.js';
import { FaultNote } from '../faults/fault-note.entity.js';
import { User } from '../users/user.entity.js';

/** What a stored copy may be: the server re-encodes every upload to one of these. */
export const STORED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type StoredContentType = (typeof STORED_CONTENT_TYPES)[number];

/**
 * A photo on a fault case, optionally under one of its notes. The bytes live in the
 * AttachmentStore under two random keys (the re-encoded image and its thumbnail); the row is
 * committed only after both are stored, so a row always has its files (attachment.service.ts).
 */
@ObjectType({
  description:
    'A photo on a fault case. `url` and `thumbnailUrl` are served by the REST API to a signed-in ' +
    'reader of the case (send the same `Authorization: Bearer` header); the image is re-encoded, ' +
    'without EXIF or GPS data, upright.',
})
@Entity({ tableName: 'fault_attachments' })
@Check({
  name: 'fault_attachments_content_type_check',
  expression:
    "content_type in ('image/jpeg', 'image/png', 'image/webp') and thumbnail_content_type in ('image/jpeg', 'image/png', 'image/webp')",
})
@Check({
  name: 'fault_attachments_size_check',
  expression: 'size > 0 and thumbnail_size > 0 and width > 0 and height > 0',
})
@Index({ properties: ['faultCase', 'createdAt'] })
@Index({ properties: ['note'] })
export class FaultAttachment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => FaultCase, { ref: true })
  faultCase!: Ref<FaultCase>;

  @ManyToOne(() => FaultNote, { ref: true, nullable: true })
  note: Ref<FaultNote> | null = null;

  @ManyToOne(() => User, { ref: true })
  uploadedBy!: Ref<User>;

  @Field(() => String, { description: 'image/jpeg, image/png or image/webp' })
  @Property({ type: 'varchar', length: 32 })
  contentType!: StoredContentType;

  @Field(() => Int, { description: 'Bytes of the stored (re-encoded) image' })
  @Property({ type: 'integer' })
  size!: number;

  @Field(() => Int, { description: 'Pixels, upright (EXIF orientation applied)' })
  @Property({ type: 'integer' })
  width!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  height!: number;

  /** SHA-256 of the stored bytes, hex: the ETag, and a check on what the store hands back. */
  @Property({ type: 'varchar', length: 64 })
  sha256!: string;

  @Property({ type: 'varchar', length: 64, unique: true })
  storageKey!: string;

  @Property({ type: 'varchar', length: 32 })
  thumbnailContentType!: StoredContentType;

  @Property({ type: 'integer' })
  thumbnailSize!: number;

  @Property({ type: 'varchar', length: 64 })
  thumbnailSha256!: string;

  @Property({ type: 'varchar', length: 64, unique: true })
  thumbnailKey!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
