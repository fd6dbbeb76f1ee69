import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { JwtSecretSource } from './config.js';

/** The file in DATA_DIR that keeps development's generated signing secret across restarts. */
export const DEV_SECRET_FILE = 'jwt-secret';

/** What a generated secret looks like: 48 random bytes, base64url (64 characters). */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{64}$/;

export interface DevSecret {
  secret: string;
  path: string;
  /** True when this start wrote the file; false when an earlier start's file was reused. */
  created: boolean;
}

/**
 * Development's JWT secret when JWT_SECRET is unset: generated once and kept in
 * `dataDir/jwt-secret` (mode 0600), so a restart does not invalidate every signed-in screen.
 * Returns a problem (for the configuration's list) instead of throwing.
 *
 * The file is written under a temporary name and hard-linked into place, which fails if it
 * exists: two processes starting at once (server and a CLI) never overwrite each other's
 * secret, and nobody ever reads a half-written file.
 */
export function loadOrCreateDevSecret(dataDir: string): DevSecret | { problem: string } {
  const path = join(dataDir, DEV_SECRET_FILE);
  try {
    const existing = readExisting(path);
    if (existing) return existing;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(48).toString('base64url');
    if (publish(path, secret)) return { secret, path, created: true };
    // Another process published its secret first: use that one.
    return readExisting(path) ?? { problem: `${path} vanished while it was being created` };
  } catch (error) {
    if (error instanceof CorruptSecretFile) return { problem: error.message };
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problem:
        `JWT_SECRET is not set and the development secret file ${path} cannot be used ` +
        `(${reason}); set JWT_SECRET or DATA_DIR to a writable directory`,
    };
  }
}

class CorruptSecretFile extends Error {}

function readExisting(path: string): DevSecret | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  // Never written that way by us (creation is atomic): someone edited it. Replacing it silently
  // would hide that, so say what is wrong and how to get a fresh one.
  if (!SECRET_PATTERN.test(secret)) {
    throw new CorruptSecretFile(
      `The development secret file ${path} is not a generated secret (64 base64url ` +
        `characters); delete it to have a new one generated (signs everyone out), or set JWT_SECRET`,
    );
  }
  // A copy that lost its mode (backup, another user's umask) gets it back.
  if ((statSync(path).mode & 0o077) !== 0) fchmodPath(path);
  return { secret, path, created: false };
}

function fchmodPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}

/** Writes `secret` to `path` unless it exists; false when another process was first. */
function publish(path: string, secret: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    // The mode given to open is masked by the umask; set it outright.
    fchmodSync(fd, 0o600);
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: rename is atomic too, only last-writer-wins.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      renameSync(temporary, path);
      return true;
    }
    throw error;
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed into place.
    }
  }
}

/**
 * Says where the signing secret came from (the file's path, never the secret), so that a
 * sign-out after a restart, or the lack of one, is explained in the log.
 */
export function logJwtSecretSource(
  source: JwtSecretSource,
  logger: Record<'info' | 'warn', (obj: object, msg: string) => void>,
): void {
  if (source.kind === 'file' && source.created) {
    logger.warn(
      { jwtSecretFile: source.path, created: true },
      'JWT_SECRET is not set: generated a development secret and kept it in jwtSecretFile, reused on restart (development only)',
    );
  } else if (source.kind === 'file') {
    logger.info(
      { jwtSecretFile: source.path, created: false },
      'JWT_SECRET is not set: reusing the development secret kept in jwtSecretFile (development only)',
    );
  } else if (source.kind === 'ephemeral') {
    logger.warn({}, 'JWT_SECRET is not set: using a random one for this process only (test only)');
  }
}
