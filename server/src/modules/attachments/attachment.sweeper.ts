import type { EntityManager } from '@mikro-orm/postgresql';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../config/logger.js';
import { isMissing, type AttachmentStore, type StoredObject } from './attachment.store.js';

/**
 * Files older than this that no row refers to are leftovers. An upload stores its files a
 * moment before its row commits: the grace keeps the sweeper's hands off those in-flight
 * files, whatever the clocks, lock waits and retries of that moment.
 */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const BATCH = 500;

export interface SweepResult {
  /** Stored objects no row referred to, removed. */
  objects: number;
  /** Uploads in progress that a crashed process left in the incoming folder, removed. */
  incoming: number;
}

/**
 * Removes what a crash between "files stored" and "row committed" left behind: objects in
 * the store that no attachment row names (half-written ones included), and received uploads
 * in the incoming folder. Only what is older than the grace: an upload in flight is young.
 * Run at start and every hour (attachments.ts); several replicas may run it at once (a
 * delete of what is already gone is no error).
 */
export async function sweepOrphans(options: {
  em: EntityManager;
  store: AttachmentStore;
  incomingDir: string;
  now?: Date;
  graceMs?: number;
}): Promise<SweepResult> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? SWEEP_GRACE_MS);
  const result: SweepResult = { objects: 0, incoming: 0 };

  let batch: StoredObject[] = [];
  const sweepBatch = async () => {
    const keys = batch.map((o) => o.key);
    batch = [];
    const list = keys.map(() => '?').join(', ');
    const rows = await options.em.execute<{ key: string }[]>(
      `select storage_key as key from fault_attachments where storage_key in (${list})
       union all
       select thumbnail_key from fault_attachments where thumbnail_key in (${list})`,
      [...keys, ...keys],
    );
    const referenced = new Set(rows.map((r) => r.key));
    for (const key of keys) {
      if (referenced.has(key)) continue;
      await options.store.delete(key);
      result.objects++;
    }
  };
  for await (const object of options.store.list()) {
    if (object.modifiedAt.getTime() > cutoff) continue;
    batch.push(object);
    if (batch.length >= BATCH) await sweepBatch();
  }
  if (batch.length > 0) await sweepBatch();

  for (const name of await readdirOrEmpty(options.incomingDir)) {
    const path = join(options.incomingDir, name);
    try {
      if ((await stat(path)).mtime.getTime() > cutoff) continue;
      await rm(path, { force: true, recursive: true });
      result.incoming++;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  return result;
}

/** Sweeps now and then every `intervalMs`, logging what it removed; `stop` ends it. */
export function startSweeper(
  options: Omit<Parameters<typeof sweepOrphans>[0], 'em' | 'now'> & {
    em: () => EntityManager;
    logger: Logger;
    intervalMs?: number;
  },
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= sweepOrphans({ ...options, em: options.em() })
      .then((removed) => {
        if (removed.objects > 0 || removed.incoming > 0)
          options.logger.warn(removed, 'removed upload files no attachment refers to');
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'upload sweep failed'))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
