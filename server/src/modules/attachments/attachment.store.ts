import { randomBytes } from 'node:crypto';
import { constants, type Dirent } from 'node:fs';
import { link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** One object as the store lists it: its key, size and when it was written. */
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where the bytes of photos live. Callers (the attachment service, the serving route, the
 * orphan sweeper) know only this interface and keys the service made up (`newStorageKey`);
 * which system keeps the bytes is decided once, in `openAttachments`.
 *
 * The contract every implementation keeps:
 * - `put` resolves only once the object is durable, and never replaces an existing key;
 * - `get` answers undefined for a key it does not hold (never throws for that);
 * - `delete` of a missing key is not an error;
 * - `list` yields every object, including ones a crashed `put` left half-written, so the
 *   sweeper can remove what no row refers to.
 */
export interface AttachmentStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Readable; size: number } | undefined>;
  delete(key: string): Promise<void>;
  list(): AsyncIterable<StoredObject>;
}

const KEY = /^[0-9a-f]{32}$/;
/** A `put` in progress: the final key with a random suffix, renamed into place when complete. */
const PARTIAL = /^[0-9a-f]{32}\.partial-[0-9a-f]{8}$/;

/** 128 random bits, hex: the only names objects ever get (never anything a client sent). */
export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The local-disk store: `<root>/<first two hex digits>/<key>` (256 folders, so no folder
 * grows past what a file system lists quickly). A `put` writes a partial file, flushes it to
 * disk, links it into place and flushes the folder, so a crash leaves either the whole
 * object or a partial file that `list` reports for removal.
 */
export class LocalDiskStore implements AttachmentStore {
  constructor(readonly root: string) {}

  /** The type is the row's to keep; files hold bytes only. */
  async put(key: string, data: Buffer, _contentType?: string): Promise<void> {
    const path = this.pathOf(key);
    const dir = join(path, '..');
    await mkdir(dir, { recursive: true, mode: 0o750 });
    const partial = `${path}.partial-${randomBytes(4).toString('hex')}`;
    const file = await open(partial, 'wx', 0o640);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      // A hard link appears whole and fails if the name is taken (rename would replace).
      await link(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
    await syncDir(dir);
  }

  async get(key: string): Promise<{ body: Readable; size: number } | undefined> {
    let file;
    try {
      file = await open(this.pathOf(key), constants.O_RDONLY);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const { size } = await file.stat();
    return { body: file.createReadStream(), size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key, true), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    for (const shard of await readDirOrEmpty(this.root)) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for (const entry of await readDirOrEmpty(join(this.root, shard.name))) {
        if (!entry.isFile() || !(KEY.test(entry.name) || PARTIAL.test(entry.name))) continue;
        try {
          const info = await stat(join(this.root, shard.name, entry.name));
          yield { key: entry.name, size: info.size, modifiedAt: info.mtime };
        } catch (error) {
          if (!isMissing(error)) throw error; // deleted meanwhile
        }
      }
    }
  }

  /** Only keys of our own making become paths: nothing a client sends reaches the disk. */
  private pathOf(key: string, allowPartial = false): string {
    if (!KEY.test(key) && !(allowPartial && PARTIAL.test(key))) {
      throw new Error(`not a storage key: ${JSON.stringify(key.slice(0, 80))}`);
    }
    return join(this.root, key.slice(0, 2), key);
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readDirOrEmpty(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}
