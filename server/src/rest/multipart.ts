import busboy from 'busboy';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../common/app-error.js';
import {
  ACCEPTED_TYPES,
  SNIFF_BYTES,
  sniff,
  type AcceptedType,
} from '../modules/attachments/attachment.image.js';
import { RestError } from './errors.js';

/**
 * Receives one image from a multipart/form-data body, streamed to a file in `incomingDir`:
 * nothing is held in memory, the size limit is enforced as the bytes arrive (413 the moment
 * it is crossed), and the type is decided by the first bytes (415 at once for anything but
 * JPEG, PNG or WebP). The client's file name and declared type are not used.
 */

/** Room for the multipart framing and the text fields around the file. */
export const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
/**
 * After refusing a body still arriving, how long its bytes are read and dropped so that the
 * client, still sending, can read the answer; then the connection is closed. (Closing at
 * once can make the client's network stack discard the answer it had not read yet.)
 */
export const LINGER_MS = 2_000;

export interface ReceivedFile {
  path: string;
  size: number;
  type: AcceptedType;
}

export interface ReceivedUpload {
  file: ReceivedFile;
  fields: Record<string, string>;
  /** Removes the received file (always call it when done). */
  discard(): Promise<void>;
}

export interface UploadLimits {
  maxFileBytes: number;
  /** The text fields taken (others are ignored), each at most 200 characters. */
  fields: readonly string[];
  incomingDir: string;
}

/** 415 unless the body is multipart/form-data; 413 when Content-Length already says too big. */
export function checkUploadHeaders(req: Request, maxFileBytes: number): void {
  if (!req.is('multipart/form-data')) {
    throw new RestError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the photo as multipart/form-data, in the field "file"',
      { accepted: ['multipart/form-data'] },
    );
  }
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxFileBytes + MULTIPART_OVERHEAD_BYTES)
    throw payloadTooLarge(maxFileBytes);
}

export function receiveUpload(req: Request, limits: UploadLimits): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const path = join(limits.incomingDir, `${randomBytes(16).toString('hex')}.upload`);
    const fields: Record<string, string> = {};
    let file: ReceivedFile | undefined;
    let writing: Promise<void> | undefined;
    let output: WriteStream | undefined;
    let failed = false;
    let parsed = false;
    const discard = () => rm(path, { force: true });

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          files: 1,
          fileSize: limits.maxFileBytes,
          fields: 10,
          fieldSize: 200,
          parts: 12,
          headerPairs: 20,
        },
      });
    } catch {
      reject(RestError.badInput('The multipart body has no boundary', { in: 'body' }));
      return;
    }

    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      parser.destroy();
      // The file may still be opening: removed before its stream has closed, it would be
      // created afterwards and stay behind. So it is closed first, then removed, then answered.
      const closed =
        output && !output.closed
          ? new Promise<void>((done) => output?.once('close', () => done()))
          : Promise.resolve();
      output?.destroy();
      void closed.then(discard).finally(() => reject(error));
    };

    parser.on('file', (name, stream, _info) => {
      // Once refused, the parser's end destroys this stream with an error nobody waits for.
      stream.on('error', () => undefined);
      if (name !== 'file' || writing) {
        stream.resume();
        fail(RestError.badInput('Send one photo, in the field "file"', { field: name }));
        return;
      }
      const counter = new SniffAndCount(limits.maxFileBytes);
      stream.on('limit', () => fail(payloadTooLarge(limits.maxFileBytes)));
      output = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      writing = pipeline(stream, counter, output)
        .then(() => {
          if (counter.type) file = { path, size: counter.size, type: counter.type };
        })
        .catch((error: unknown) => fail(error));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated)
        fail(RestError.badInput(`${name} is too long`, { field: name, in: 'body' }));
      else if (limits.fields.includes(name)) fields[name] = value;
    });
    parser.on('filesLimit', () =>
      fail(RestError.badInput('Send one photo per request', { field: 'file' })),
    );
    parser.on('fieldsLimit', () => fail(RestError.badInput('Too many fields', { in: 'body' })));
    parser.on('partsLimit', () => fail(RestError.badInput('Too many parts', { in: 'body' })));
    parser.on('error', (error: unknown) =>
      fail(
        RestError.badInput(`The multipart body is malformed: ${(error as Error).message}`, {
          in: 'body',
        }),
      ),
    );
    parser.on('close', () => {
      parsed = true;
      void (writing ?? Promise.resolve()).then(() => {
        if (failed) return;
        if (!writing) {
          fail(RestError.badInput('Send the photo in the field "file"', { field: 'file' }));
        } else if (!file) {
          // Nothing arrived: no type to sniff. A client fault, not a type: 400.
          fail(RestError.badInput('The file is empty', { field: 'file', reason: 'EMPTY_FILE' }));
        } else {
          resolve({ file, fields, discard });
        }
      });
    });
    req.once('close', () => {
      if (!req.complete && !parsed)
        fail(new RestError(400, 'BAD_REQUEST', 'The upload was aborted'));
    });
    req.pipe(parser);
  });
}

/**
 * Passes the file through, counting it and deciding its type from the first SNIFF_BYTES:
 * a refused type or a byte over the limit stops the stream with its error at once.
 */
class SniffAndCount extends Transform {
  size = 0;
  type: AcceptedType | undefined;
  private head: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(payloadTooLarge(this.maxBytes));
      return;
    }
    if (this.type) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) {
      done();
      return;
    }
    this.decide(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.type || this.headLength === 0) done();
    else this.decide(done);
  }

  private decide(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    const sniffed = sniff(head);
    if ('refused' in sniffed) {
      done(unsupported(sniffed.refused));
      return;
    }
    this.type = sniffed.type;
    done(null, head);
  }
}

function payloadTooLarge(maxFileBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The photo is larger than ${maxFileBytes} bytes`, {
    field: 'file',
    limitBytes: maxFileBytes,
  });
}

function unsupported(detected: string): AppError {
  const heic = detected === 'image/heic';
  return new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    heic
      ? 'HEIC photos are not accepted; send JPEG (on iPhone: Settings › Camera › Formats › Most Compatible)'
      : 'Only JPEG, PNG and WebP photos are accepted',
    { field: 'file', accepted: [...ACCEPTED_TYPES], detected },
  );
}

/**
 * Refuses a request whose body is still arriving: the whole answer is written at once, so the
 * client (still sending) can read it, but the response is only finished once the body has
 * ended, or after LINGER_MS of reading and dropping its bytes (never stored) — then the
 * connection is closed. Finishing at once would let Node close the connection at once when
 * the request asked for `Connection: close` (as proxies do), with bytes still unread: the
 * reset that follows can make the client's network stack discard the answer unread.
 */
export function refuseWhileBodyArrives(
  req: Request,
  res: Response,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  const json = JSON.stringify(body);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', String(Buffer.byteLength(json)));
  res.write(json);
  req.unpipe();
  req.resume();
  const timer = setTimeout(() => {
    res.end();
    req.socket.destroy();
  }, LINGER_MS);
  timer.unref();
  const finish = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  req.once('end', finish);
  req.once('close', finish);
}
