import type { Request } from 'express';
import type { FaultAttachment } from '../../modules/attachments/attachment.entity.js';
import { ACCEPTED_TYPES } from '../../modules/attachments/attachment.image.js';
import {
  AttachmentService,
  attachmentUrl,
  variantOf,
  type AttachmentVariant,
} from '../../modules/attachments/attachment.service.js';
import { checkUploadHeaders, receiveUpload } from '../multipart.js';
import { schemaRef, type ParameterObject } from '../schemas.js';
import { AUTH_ERRORS, err } from './docs.js';
import type { FileExchange, FileRouteSpec } from './route.js';

/** Photos on fault cases: uploaded as multipart/form-data, served as images. */

const faultIdParam: ParameterObject = {
  name: 'faultId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const attachmentIdParam: ParameterObject = {
  name: 'attachmentId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

const IMAGE_HEADERS = {
  ETag: 'The SHA-256 of the bytes; send it back as If-None-Match for a 304',
  'Cache-Control': '`private, no-cache`: kept by the browser only, asked again each time',
  'Content-Disposition': '`inline; filename="photo-….jpg"`',
  'X-Content-Type-Options': '`nosniff`',
};

const imageContent = (types: readonly string[]) =>
  Object.fromEntries(
    types.map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }]),
  );

function serveRoute(thumbnail: boolean): FileRouteSpec {
  return {
    method: 'get',
    path: thumbnail
      ? '/api/attachments/{attachmentId}/thumbnail/'
      : '/api/attachments/{attachmentId}/',
    operationId: thumbnail ? 'getAttachmentThumbnail' : 'getAttachment',
    summary: thumbnail
      ? 'A photo’s thumbnail, WebP, at most 320 pixels a side (who may read the case’s notes)'
      : 'A photo of a fault case, as stored (who may read the case’s notes)',
    description:
      'Managers, technicians and the repair worker the case is assigned to; other repair staff 403, API clients 403. ' +
      'The type is the one the server encoded; answers are private and revalidated on every use (`ETag`, `If-None-Match` → 304), ' +
      'so a shared device never shows a photo to someone who may not see it.',
    tag: 'attachments',
    parameters: [attachmentIdParam],
    responses: {
      200: {
        description: 'The image',
        content: imageContent(thumbnail ? ['image/webp'] : ACCEPTED_TYPES),
        headers: IMAGE_HEADERS,
      },
      304: {
        description: 'Not modified (If-None-Match matched)',
        headers: { ETag: IMAGE_HEADERS.ETag },
      },
      404: err('Unknown photo'),
      ...AUTH_ERRORS,
    },
    handle: (exchange) => serve(exchange, thumbnail),
  };
}

export const ATTACHMENT_ROUTES: FileRouteSpec[] = [
  {
    method: 'post',
    path: '/api/faults/{faultId}/attachments/',
    operationId: 'uploadFaultAttachment',
    summary:
      'Add a photo to a fault case (who may add a note: MANAGER, TECHNICIAN, the assigned REPAIR)',
    description:
      'multipart/form-data with one file in the field `file` (JPEG, PNG or WebP, decided by its first bytes, not its name or ' +
      'declared type) and optionally `noteId`, one of your own notes of this case. The image is decoded and encoded anew ' +
      '(upright, without EXIF/GPS or other metadata, at most 4096 pixels a side) with a WebP thumbnail; the case gets a ' +
      '`FAULT_ATTACHMENT_ADDED` event. Refusals come before the file is read where they can (caller, case, quota, ' +
      'Content-Length) and otherwise as soon as they are known: 413 the moment the file passes `UPLOAD_MAX_SIZE`, 415 at its ' +
      'first bytes. Not idempotent: a retry after a lost answer adds the photo again.',
    tag: 'attachments',
    parameters: [faultIdParam],
    requestBody: {
      required: true,
      mediaType: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', format: 'binary', description: 'The photo' },
          noteId: {
            type: 'string',
            format: 'uuid',
            description: 'Put the photo under this note (yours, of this case)',
          },
        },
      },
      encoding: { file: { contentType: ACCEPTED_TYPES.join(', ') } },
    },
    responses: {
      201: {
        description: 'Added',
        schema: schemaRef('Attachment'),
        headers: { Location: 'The photo’s URL' },
      },
      400: err(
        'Malformed multipart body, no `file`, more than one file, an empty file (`details.reason: EMPTY_FILE`), or a bad `noteId`',
      ),
      404: err('Unknown fault case'),
      413: err('PAYLOAD_TOO_LARGE: the file is larger than UPLOAD_MAX_SIZE (`details.limitBytes`)'),
      415: err(
        'UNSUPPORTED_MEDIA_TYPE: not multipart/form-data, or the file is not JPEG, PNG or WebP (`details.detected`: e.g. image/svg+xml, text/html, image/heic)',
      ),
      422: err(
        'IMAGE_UNREADABLE (damaged or truncated), IMAGE_TOO_MANY_PIXELS (over UPLOAD_MAX_PIXELS, `details.maxPixels`), or QUOTA_EXCEEDED (`details.scope`: case or plant)',
      ),
      ...AUTH_ERRORS,
    },
    handle: upload,
  },
  serveRoute(false),
  serveRoute(true),
];

async function upload({ req, res, ctx, actor, attachments }: FileExchange): Promise<void> {
  const faultId = pathParam(req, 'faultId');
  const service = new AttachmentService(ctx, attachments);
  const { maxFileBytes } = attachments.limits;
  // Everything that can be refused without the file, before a byte of it is read.
  checkUploadHeaders(req, maxFileBytes);
  await service.assertMayUpload(actor, faultId);
  const received = await receiveUpload(req, {
    maxFileBytes,
    fields: ['noteId'],
    incomingDir: attachments.incomingDir,
  });
  let attachment;
  try {
    attachment = await service.add(actor, faultId, {
      file: received.file,
      noteId: received.fields.noteId || null,
    });
  } finally {
    // The received file is gone before the answer: nothing of it outlives the request.
    await received.discard();
  }
  res.status(201).location(attachmentUrl(attachment.id)).json(attachmentJson(attachment));
}

export function attachmentJson(a: FaultAttachment): Record<string, unknown> {
  return {
    id: a.id,
    faultCaseId: a.faultCase.id,
    noteId: a.note?.id ?? null,
    contentType: a.contentType,
    size: a.size,
    width: a.width,
    height: a.height,
    url: attachmentUrl(a.id),
    thumbnailUrl: attachmentUrl(a.id, true),
    createdAt: a.createdAt.toISOString(),
  };
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

async function serve({ req, res, ctx, actor, attachments }: FileExchange, thumbnail: boolean) {
  const service = new AttachmentService(ctx, attachments);
  const attachment = await service.forReader(actor, pathParam(req, 'attachmentId'));
  const variant = variantOf(attachment, thumbnail);
  const etag = `"${variant.sha256}"`;
  // Served to a signed-in reader only: the browser may keep it (private) but must ask again
  // each time (no-cache), so the read rule is applied on every view, even from its cache.
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (matches(req, etag)) {
    res.status(304).end();
    return;
  }
  const { body, size } = await service.open(variant);
  res.setHeader('Content-Type', variant.contentType);
  res.setHeader('Content-Length', String(size));
  res.setHeader(
    'Content-Disposition',
    `inline; filename="${fileName(attachment, variant, thumbnail)}"`,
  );
  // Opened on its own, the image is a document that may run nothing and load nothing.
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.status(200);
  if (req.method === 'HEAD') {
    body.destroy();
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    body.once('error', reject);
    res.once('close', resolve);
    body.pipe(res);
  }).catch((error: unknown) => {
    // Headers are out: the connection is cut, so the client sees a failed download.
    ctx.logger.error({ err: error, attachmentId: attachment.id }, 'reading a stored photo failed');
    res.destroy();
  });
}

/** `photo-<first 8 of the id>[-thumbnail].<ext>`: made here, never the client's file name. */
function fileName(a: FaultAttachment, variant: AttachmentVariant, thumbnail: boolean): string {
  const ext = EXTENSIONS[variant.contentType] ?? 'bin';
  return `photo-${a.id.slice(0, 8)}${thumbnail ? '-thumbnail' : ''}.${ext}`;
}

function pathParam(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}

function matches(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}
