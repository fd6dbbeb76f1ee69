import type { EntityManager } from '@mikro-orm/postgresql';
import type { Readable } from 'node:stream';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid, isUuid } from '../../common/ids.js';
import type { AttachmentConfig } from '../../config/config.js';
import type { ServiceContext } from '../../graphql/context.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { faultCaseLoader } from '../faults/fault-case.loaders.js';
import { FaultCaseService } from '../faults/fault-case.service.js';
import { FaultNote } from '../faults/fault-note.entity.js';
import { User } from '../users/user.entity.js';
import { FaultAttachment } from './attachment.entity.js';
import { processImage, UnreadableImage, type AcceptedType } from './attachment.image.js';
import { newStorageKey, type AttachmentStore } from './attachment.store.js';

/** Held by every attachment insert while a plant-wide quota applies (see `add`). */
const PLANT_QUOTA_LOCK = 7_140_201;

/** Fault injection for tests: the moments a crash would leave something behind. */
export interface AttachmentHooks {
  /** After both files are stored, before the row's transaction begins. */
  afterStore?(): Promise<void>;
  /** Inside the transaction, the row written (flushed), before commit. */
  beforeCommit?(): Promise<void>;
}

/** What the server sets up once for photos (attachments.ts) and every request shares. */
export interface AttachmentRuntime {
  store: AttachmentStore;
  limits: AttachmentConfig;
  /** Uploads in progress are written here before they are decoded (a local folder). */
  incomingDir: string;
  hooks?: AttachmentHooks;
}

export interface NewAttachment {
  /** The received file, on local disk; its type by its magic bytes. */
  file: { path: string; type: AcceptedType };
  noteId?: string | null;
}

/** The stored image or its thumbnail: what serving one needs. */
export interface AttachmentVariant {
  key: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Photos on fault cases. Who may add one is who may add a note (FaultCaseService); who may
 * see one is who may read the case's notes. The order of writes keeps row and files
 * together: both files are stored first (durable when `put` resolves), then one transaction
 * checks the rule and the quotas, inserts the row and records the event. A failure after the
 * files were stored removes them, unless the row was committed after all (a commit whose
 * answer was lost); a crash leaves only files no row refers to, which the sweeper removes
 * (attachment.sweeper.ts). So a row never lacks its files, and no file stays unreferenced.
 */
export class AttachmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly runtime: AttachmentRuntime,
  ) {}

  /**
   * Checked before a byte of the upload is read: the case exists, the caller may add to its
   * thread, and the case and the plant have room left.
   */
  async assertMayUpload(actor: Actor, faultCaseId: string): Promise<void> {
    const fc = await this.findCase(faultCaseId);
    new FaultCaseService(this.ctx).assertMayAddNote(actor, fc);
    await this.assertRoom(this.ctx.em, fc.id, 0);
  }

  async add(actor: Actor, faultCaseId: string, input: NewAttachment): Promise<FaultAttachment> {
    const caseId = this.caseId(faultCaseId);
    const noteId = input.noteId ? assertUuid(input.noteId, 'noteId') : null;
    let processed;
    try {
      processed = await processImage(
        input.file.path,
        input.file.type,
        this.runtime.limits.maxPixels,
      );
    } catch (error) {
      if (error instanceof UnreadableImage)
        this.ctx.logger.info(
          { faultCaseId: caseId, decoder: error.decoderMessage },
          'unreadable upload',
        );
      throw error;
    }
    const { image, thumbnail } = processed;
    const { store, hooks, limits } = this.runtime;

    const attachment = new FaultAttachment();
    attachment.contentType = image.contentType;
    attachment.size = image.data.length;
    attachment.width = image.width;
    attachment.height = image.height;
    attachment.sha256 = image.sha256;
    attachment.storageKey = newStorageKey();
    attachment.thumbnailContentType = thumbnail.contentType;
    attachment.thumbnailSize = thumbnail.data.length;
    attachment.thumbnailSha256 = thumbnail.sha256;
    attachment.thumbnailKey = newStorageKey();
    const keys = [attachment.storageKey, attachment.thumbnailKey];

    await store.put(attachment.storageKey, image.data, image.contentType);
    try {
      await store.put(attachment.thumbnailKey, thumbnail.data, thumbnail.contentType);
      await hooks?.afterStore?.();
      return await new FaultCaseService(this.ctx).addToThread(
        actor,
        caseId,
        async ({ tx, fc, log }) => {
          if (noteId) await this.assertOwnNote(tx, actor, fc.id, noteId);
          await this.assertRoom(tx, fc.id, attachment.size + attachment.thumbnailSize);
          attachment.faultCase = tx.getReference(FaultCase, fc.id, { wrapped: true });
          attachment.note = noteId ? tx.getReference(FaultNote, noteId, { wrapped: true }) : null;
          attachment.uploadedBy = tx.getReference(User, actor.id, { wrapped: true });
          attachment.createdAt = new Date();
          tx.persist(attachment);
          log.record({
            type: MachineEventType.FAULT_ATTACHMENT_ADDED,
            faultCase: fc,
            data: { attachmentId: attachment.id, noteId, contentType: attachment.contentType },
          });
          if (hooks?.beforeCommit) {
            await tx.flush();
            await hooks.beforeCommit();
          }
          return attachment;
        },
        {
          // One upload at a time decides against the plant's quota; taken before the
          // machine row, as no other writer takes it, so the lock order stays one way.
          before:
            limits.quotaPerPlantBytes > 0
              ? async (tx) => {
                  await tx.execute('select pg_advisory_xact_lock(?)', [PLANT_QUOTA_LOCK]);
                }
              : undefined,
        },
      );
    } catch (error) {
      await this.removeUnlessCommitted(attachment.id, keys);
      throw error;
    }
  }

  /** The attachment, for a reader of its case's notes; FORBIDDEN or NOT_FOUND otherwise. */
  async forReader(actor: Actor, id: string): Promise<FaultAttachment> {
    if (!isUuid(id)) throw AppError.notFound('Attachment', id.slice(0, 64));
    const attachment = await this.ctx.em.findOne(FaultAttachment, { id: id.toLowerCase() });
    if (!attachment) throw AppError.notFound('Attachment', id);
    const fc = await faultCaseLoader(this.ctx).load(attachment.faultCase.id);
    if (!fc) throw AppError.notFound('Attachment', id);
    // The notes' rule: people only, repair staff on their own cases (fault-case.access.ts).
    new FaultCaseService(this.ctx).assertMayRead(actor, fc);
    return attachment;
  }

  /** The bytes of the image or its thumbnail; a row whose file is gone is a server fault. */
  async open(variant: AttachmentVariant): Promise<{ body: Readable; size: number }> {
    const found = await this.runtime.store.get(variant.key);
    if (!found) throw new Error(`attachment file ${variant.key} is missing from the store`);
    return found;
  }

  private caseId(id: string): string {
    if (!isUuid(id)) throw AppError.notFound('Fault case', id.slice(0, 64));
    return id.toLowerCase();
  }

  private async findCase(id: string): Promise<FaultCase> {
    const caseId = this.caseId(id);
    const fc = await this.ctx.em.findOne(FaultCase, { id: caseId });
    if (!fc) throw AppError.notFound('Fault case', caseId);
    return fc;
  }

  /** A photo goes under a note of the same case, written by the one adding the photo. */
  private async assertOwnNote(
    tx: EntityManager,
    actor: Actor,
    faultCaseId: string,
    noteId: string,
  ): Promise<void> {
    const note = await tx.findOne(FaultNote, { id: noteId, faultCase: faultCaseId });
    if (!note) {
      throw AppError.badInput('noteId is not a note of this fault case', {
        field: 'noteId',
        reason: 'UNKNOWN_NOTE',
      });
    }
    if (note.author.id !== actor.id) {
      throw AppError.badInput('Photos go under your own notes only', {
        field: 'noteId',
        reason: 'NOT_YOUR_NOTE',
      });
    }
  }

  /**
   * Whether `adding` more bytes fit the case's and the plant's quotas (0: no limit). Inside
   * the insert transaction the case is serialised by its machine's row lock and the plant by
   * PLANT_QUOTA_LOCK, so two uploads cannot both take the last room.
   */
  private async assertRoom(em: EntityManager, faultCaseId: string, adding: number): Promise<void> {
    const { quotaPerCaseBytes, quotaPerPlantBytes } = this.runtime.limits;
    const checks: [scope: 'case' | 'plant', limit: number, where: string, params: string[]][] = [
      ['case', quotaPerCaseBytes, 'where fault_case_id = ?', [faultCaseId]],
      ['plant', quotaPerPlantBytes, '', []],
    ];
    for (const [scope, limit, where, params] of checks) {
      if (limit <= 0) continue;
      const [row] = await em.execute<{ used: string }[]>(
        `select coalesce(sum(size + thumbnail_size), 0) as used from fault_attachments ${where}`,
        params,
      );
      const used = Number(row?.used ?? 0);
      if (adding === 0 ? used >= limit : used + adding > limit) {
        throw new AppError(
          'QUOTA_EXCEEDED',
          scope === 'case'
            ? 'This fault case has no room for more photos'
            : 'The photo storage of this plant is full',
          { scope, limitBytes: limit, usedBytes: used },
        );
      }
    }
  }

  /**
   * After a failure between storing the files and the commit: the files go, unless the row
   * is there after all (the commit went through and only its answer was lost). When even
   * that cannot be asked (the database is away), they stay for the sweeper to judge later.
   */
  private async removeUnlessCommitted(id: string, keys: string[]): Promise<void> {
    try {
      const committed = await this.ctx.em.fork().count(FaultAttachment, { id });
      if (committed > 0) return;
    } catch (error) {
      this.ctx.logger.warn({ err: error, attachmentId: id }, 'upload files left for the sweeper');
      return;
    }
    for (const key of keys) {
      try {
        await this.runtime.store.delete(key);
      } catch (error) {
        this.ctx.logger.warn({ err: error, key }, 'upload file left for the sweeper');
      }
    }
  }
}

/** The image or its thumbnail of an attachment. */
export function variantOf(a: FaultAttachment, thumbnail: boolean): AttachmentVariant {
  return thumbnail
    ? {
        key: a.thumbnailKey,
        contentType: a.thumbnailContentType,
        size: a.thumbnailSize,
        sha256: a.thumbnailSha256,
      }
    : { key: a.storageKey, contentType: a.contentType, size: a.size, sha256: a.sha256 };
}

/** Where the REST API serves an attachment (relative: the web server forwards /api). */
export function attachmentUrl(id: string, thumbnail = false): string {
  return `/api/attachments/${id}${thumbnail ? '/thumbnail' : ''}`;
}
