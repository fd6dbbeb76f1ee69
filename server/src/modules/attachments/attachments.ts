import type { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import type { AttachmentHooks, AttachmentRuntime } from './attachment.service.js';
import { LocalDiskStore, type AttachmentStore } from './attachment.store.js';
import { startSweeper } from './attachment.sweeper.js';

export interface AttachmentOptions {
  /** Another store than the local disk (an S3-compatible one, a test's wrapper). */
  store?: AttachmentStore;
  hooks?: AttachmentHooks;
  /** How often the orphan sweeper runs after its first run at start (default hourly). */
  sweepIntervalMs?: number;
}

/**
 * Sets photos up once per server: the store (local disk under STORAGE_DIR/objects unless
 * another is given), the folder uploads are received into (STORAGE_DIR/incoming), and the
 * sweeper that removes what a crash left behind. A STORAGE_DIR that cannot be written stops
 * the start, rather than the first photo of a repair.
 */
export async function openAttachments(
  config: Config,
  orm: MikroORM,
  logger: Logger,
  options: AttachmentOptions = {},
): Promise<{ runtime: AttachmentRuntime; close(): Promise<void> }> {
  const { storageDir } = config.attachments;
  const incomingDir = join(storageDir, 'incoming');
  try {
    await mkdir(incomingDir, { recursive: true, mode: 0o750 });
    const probe = join(incomingDir, `.probe-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new Error(
      `STORAGE_DIR ${storageDir} cannot be written: ${(error as Error).message}. ` +
        'Set STORAGE_DIR to a folder the server may write (outside any folder a web server serves).',
    );
  }
  const store = options.store ?? new LocalDiskStore(join(storageDir, 'objects'));
  const sweeper = startSweeper({
    em: () => orm.em.fork(),
    store,
    incomingDir,
    logger,
    intervalMs: options.sweepIntervalMs,
  });
  return {
    runtime: { store, limits: config.attachments, incomingDir, hooks: options.hooks },
    close: () => sweeper.stop(),
  };
}
