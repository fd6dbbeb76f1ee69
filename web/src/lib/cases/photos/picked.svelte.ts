import { session } from '#lib/session/session.svelte.ts';
import { uploadPhoto, type UploadOutcome } from './upload.ts';

/** The file types the picker offers (the server decides by the bytes, not by these). */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';

export type PhotoState = 'waiting' | 'uploading' | 'done' | 'failed';

/** One picture chosen for the note, before and while it is sent. */
export interface PickedPhoto {
  key: number;
  file: File;
  /** An object URL for the preview; revoked when the picture is removed or sent. */
  preview: string;
  state: PhotoState;
  /** 0…1 of the body sent. */
  progress: number;
  /** Why it was not taken, in words; null unless `failed`. */
  problem: string | null;
}

export type Send = (options: {
  caseId: string;
  noteId: string | null;
  file: Blob;
  fileName: string;
  token: string | null;
  onprogress?: (fraction: number) => void;
}) => Promise<UploadOutcome>;

/**
 * The pictures chosen for a note: added from the picker or the camera, shown as previews,
 * removable until sent, then sent one after the other with progress. A picture the server
 * refused stays with its reason, to be sent again or removed; nothing is dropped silently.
 */
export class PickedPhotos {
  items = $state<PickedPhoto[]>([]);
  #next = 1;
  #send: Send;
  #urls: { create: (f: Blob) => string; revoke: (u: string) => void };
  #token: () => Promise<string | null>;

  /** The defaults send to the server with the session's token; tests give their own. */
  constructor(
    options: {
      send?: Send;
      urls?: { create: (f: Blob) => string; revoke: (u: string) => void };
      token?: () => Promise<string | null>;
    } = {},
  ) {
    this.#send = options.send ?? uploadPhoto;
    this.#urls = options.urls ?? {
      create: (f: Blob) => URL.createObjectURL(f),
      revoke: (u: string) => URL.revokeObjectURL(u),
    };
    this.#token = options.token ?? (() => session.token());
  }

  get count(): number {
    return this.items.length;
  }
  get failed(): PickedPhoto[] {
    return this.items.filter((p) => p.state === 'failed');
  }
  get sending(): boolean {
    return this.items.some((p) => p.state === 'uploading');
  }

  add(files: Iterable<File> | ArrayLike<File> | null | undefined): void {
    if (!files) return;
    for (const file of Array.from(files)) {
      this.items.push({
        key: this.#next++,
        file,
        preview: this.#urls.create(file),
        state: 'waiting',
        progress: 0,
        problem: null,
      });
    }
  }

  remove(key: number): void {
    const item = this.items.find((p) => p.key === key);
    if (!item || item.state === 'uploading') return;
    this.#urls.revoke(item.preview);
    this.items = this.items.filter((p) => p.key !== key);
  }

  /** Forgets every picture (after all were sent, or when the page goes). */
  clear(): void {
    for (const p of this.items) this.#urls.revoke(p.preview);
    this.items = [];
  }

  /**
   * Sends every picture not yet taken, in order, under `noteId`. Resolves to true when all are
   * taken; the sent ones are then forgotten. Failed ones keep their reason.
   */
  async sendAll(caseId: string, noteId: string | null): Promise<boolean> {
    for (const item of this.items) {
      if (item.state === 'done') continue;
      item.state = 'uploading';
      item.progress = 0;
      item.problem = null;
      const outcome = await this.#send({
        caseId,
        noteId,
        file: item.file,
        fileName: item.file.name || 'photo',
        token: await this.#token(),
        onprogress: (f) => (item.progress = f),
      });
      if (outcome.ok) {
        item.state = 'done';
        item.progress = 1;
      } else {
        item.state = 'failed';
        item.problem = outcome.problem;
      }
    }
    const allTaken = this.items.every((p) => p.state === 'done');
    if (allTaken) this.clear();
    return allTaken;
  }
}
