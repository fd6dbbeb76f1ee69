import { createHash } from 'node:crypto';
import sharp, { type FormatEnum, type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../common/app-error.js';
import type { StoredContentType } from './attachment.entity.js';

/**
 * What an upload is, decided from its first bytes (never its name or the type the client
 * claimed), and the copy that is kept: decoded and encoded anew by sharp, upright, with no
 * metadata, so nothing of the uploaded file but its pixels reaches anyone who views it.
 */

/** The types accepted. HEIC is not: the prebuilt libvips sharp ships reads AVIF, not HEVC. */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** Bytes `sniff` wants to decide (RIFF/WEBP and ISO-BMFF brands sit in the first 12). */
export const SNIFF_BYTES = 16;

/** The longest side of a stored copy: plenty for a repair photo, at 1–3 MB instead of 10. */
export const STORED_MAX_EDGE = 4096;
/** The longest side of a thumbnail: a 160 px tile on a phone, at twice its pixels. */
export const THUMBNAIL_EDGE = 320;

/** Images decoded at once in this process: sharp's work is CPU and memory, uploads are rare. */
const PARALLEL_DECODES = 2;

// Uploads are decoded once: libvips's operation cache would only hold on to their pixels.
sharp.cache(false);

export type SniffResult = { type: AcceptedType } | { refused: string };

/**
 * The file's type by its magic bytes. Anything not JPEG, PNG or WebP is refused, and named
 * (as a media type) so the answer can say what was sent: an SVG, an HTML page, a script, a
 * HEIC photo.
 */
export function sniff(head: Buffer): SniffResult {
  const ascii = head.toString('latin1');
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { type: 'image/jpeg' };
  if (ascii.startsWith('\x89PNG\r\n\x1a\n')) return { type: 'image/png' };
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return { type: 'image/webp' };
  return { refused: nameOfRefused(head, ascii) };
}

function nameOfRefused(head: Buffer, ascii: string): string {
  if (ascii.slice(4, 8) === 'ftyp') {
    const brand = ascii.slice(8, 12);
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand))
      return 'image/heic';
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    return 'video/mp4';
  }
  if (ascii.startsWith('GIF8')) return 'image/gif';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'image/tiff';
  if (ascii.startsWith('BM')) return 'image/bmp';
  if (ascii.startsWith('%PDF')) return 'application/pdf';
  if (ascii.startsWith('PK')) return 'application/zip';
  if (ascii.startsWith('\x7fELF') || ascii.startsWith('MZ')) return 'application/octet-stream';
  if (ascii.startsWith('#!')) return 'text/x-shellscript';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'image/svg+xml';
  if (text.startsWith('<')) return 'text/html';
  return 'application/octet-stream';
}

export interface EncodedImage {
  data: Buffer;
  contentType: StoredContentType;
  width: number;
  height: number;
  sha256: string;
}

export interface ProcessedImage {
  image: EncodedImage;
  thumbnail: EncodedImage;
}

/**
 * Decodes the upload at `path` (which `sniff` said is `type`) and encodes the copy to keep
 * and its thumbnail. The header's dimensions are checked before any pixel is decoded, and
 * sharp's own `limitInputPixels` holds the decoder to the same limit. A truncated or corrupt
 * image is IMAGE_UNREADABLE; a file whose decoder disagrees with its magic bytes is refused.
 */
export async function processImage(
  path: string,
  type: AcceptedType,
  maxPixels: number,
): Promise<ProcessedImage> {
  return decodes.run(async () => {
    const header = await readHeader(path);
    if (FORMAT_OF[type] !== header.format) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'This file is not the image it starts like', {
        field: 'file',
        accepted: [...ACCEPTED_TYPES],
      });
    }
    const { width = 0, height = 0 } = header;
    if (width * height > maxPixels) throw tooManyPixels(maxPixels, width, height);
    try {
      const input = { limitInputPixels: maxPixels, failOn: 'error' as const };
      const stored = await encode(
        sharp(path, input)
          .rotate() // EXIF orientation into the pixels: the copy has no EXIF to say it
          .resize({
            width: STORED_MAX_EDGE,
            height: STORED_MAX_EDGE,
            fit: 'inside',
            withoutEnlargement: true,
          }),
        type,
      );
      const thumbnail = await encode(
        sharp(stored.data).resize({
          width: THUMBNAIL_EDGE,
          height: THUMBNAIL_EDGE,
          fit: 'inside',
          withoutEnlargement: true,
        }),
        'image/webp',
        70,
      );
      return { image: stored, thumbnail };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (/pixel limit/i.test(String((error as Error).message)))
        throw tooManyPixels(maxPixels, width, height);
      throw unreadable(error);
    }
  });
}

const FORMAT_OF: Record<AcceptedType, keyof FormatEnum> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** The header only (no pixels), whatever its dimensions, so a bomb is named before decoding. */
async function readHeader(path: string): Promise<Metadata> {
  try {
    return await sharp(path, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(error);
  }
}

/**
 * Encoded anew in the format it came in (a screenshot stays a sharp PNG); sharp writes no
 * metadata unless asked (no EXIF, GPS, XMP, comments or ICC profile: colours go to sRGB).
 */
async function encode(pipeline: Sharp, type: AcceptedType, quality = 82): Promise<EncodedImage> {
  const formatted =
    type === 'image/jpeg'
      ? pipeline.jpeg({ quality, progressive: true })
      : type === 'image/png'
        ? pipeline.png({ compressionLevel: 7 })
        : pipeline.webp({ quality });
  const { data, info } = await formatted.toBuffer({ resolveWithObject: true });
  return {
    data,
    contentType: type,
    width: info.width,
    height: info.height,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

function tooManyPixels(maxPixels: number, width: number, height: number): AppError {
  return new AppError('IMAGE_TOO_MANY_PIXELS', `The image has more than ${maxPixels} pixels`, {
    field: 'file',
    maxPixels,
    ...(width && height ? { width, height } : {}),
  });
}

/** libvips's words (premature end, bogus marker …) stay in the log: they may name paths. */
export class UnreadableImage extends AppError {
  constructor(readonly decoderMessage: string) {
    super('IMAGE_UNREADABLE', 'The image is damaged or incomplete and cannot be read', {
      field: 'file',
    });
  }
}

function unreadable(error: unknown): AppError {
  return new UnreadableImage(String((error as Error)?.message ?? error).slice(0, 500));
}

/** At most `limit` tasks at once; the others wait their turn. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((r) => this.waiting.push(r)); // a finishing task hands its slot on
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const decodes = new Limiter(PARALLEL_DECODES);
