import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { AppError } from '../../common/app-error.js';
import { firstOf } from '../../common/nested-list.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { FirstArg } from '../../graphql/pagination.js';
// The entity before its access rules: they import each other, and the entity goes first.
import { FaultCase } from '../faults/fault-case.entity.js';
import { CaseDetail, mayReadCaseDetailOf } from '../faults/fault-case.access.js';
import { FaultNote } from '../faults/fault-note.entity.js';
import { ActorSummary, actorSummary } from '../users/actor-summary.js';
import { ALL_ROLES } from '../users/user.role.js';
import { FaultAttachment } from './attachment.entity.js';
import { attachmentsByCaseLoader, attachmentsByNoteLoader } from './attachment.loaders.js';
import { attachmentUrl } from './attachment.service.js';

@Resolver(() => FaultAttachment)
export class FaultAttachmentResolver {
  @FieldResolver(() => String, {
    description: 'The stored image (GET with the bearer token; relative to the API origin)',
  })
  url(@Root() attachment: FaultAttachment): string {
    return attachmentUrl(attachment.id);
  }

  @FieldResolver(() => String, {
    description: `A WebP of at most 320 pixels a side (GET with the bearer token)`,
  })
  thumbnailUrl(@Root() attachment: FaultAttachment): string {
    return attachmentUrl(attachment.id, true);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'The note it was added under, null when none: with `FaultCase.attachments` a page puts every photo under its note in one cheap read',
  })
  noteId(@Root() attachment: FaultAttachment): string | null {
    return attachment.note?.id ?? null;
  }

  @FieldResolver(() => ActorSummary)
  async uploadedBy(
    @Root() attachment: FaultAttachment,
    @Ctx() ctx: RequestContext,
  ): Promise<ActorSummary> {
    return (await actorSummary(ctx, attachment.uploadedBy, null))!;
  }
}

/** A note's photos: read like the note itself (its case's notes rule). */
@Resolver(() => FaultNote)
export class FaultNoteAttachmentsResolver {
  @Roles(ALL_ROLES)
  @FieldResolver(() => [FaultAttachment], {
    nullable: true,
    description:
      'Photos added under this note, oldest first (null with FORBIDDEN for whoever may not read the notes)',
  })
  async attachments(
    @Root() note: FaultNote,
    @FirstArg(20) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<FaultAttachment[]> {
    // Notes are reached through their case's guarded `notes`; asked again here so that no
    // other way to a note can ever show its photos (one batched lookup for repair staff).
    if (!(await mayReadCaseDetailOf(ctx, ctx.actor!, note.faultCase.id))) {
      ctx.audit.denied(`FaultNote.attachments of case ${note.faultCase.id}`);
      throw AppError.forbidden();
    }
    return firstOf(await attachmentsByNoteLoader(ctx).load(note.id), first);
  }
}

/** Every photo of a case, under a note or not: for a gallery of the case. */
@Resolver(() => FaultCase)
export class FaultCaseAttachmentsResolver {
  @Roles(ALL_ROLES)
  @CaseDetail()
  @FieldResolver(() => [FaultAttachment], {
    nullable: true,
    description:
      'Photos of the case, under its notes or not, oldest first; case detail for signed-in users only',
  })
  async attachments(
    @Root() fc: FaultCase,
    @FirstArg(100) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<FaultAttachment[]> {
    return firstOf(await attachmentsByCaseLoader(ctx).load(fc.id), first);
  }
}
