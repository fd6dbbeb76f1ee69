// Whether the web app's build is older than its sources: `npm start` and the web end-to-end
// tests rebuild it only then. (The server has its own, content-hashed check:
// build-if-stale.mjs.)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Newest modification time under these paths (files and folders, recursively).
 * @param {string} root
 * @param {string[]} paths relative to root
 */
export function newestMtime(root, paths) {
  let latest = 0;
  /** @param {string} path */
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    latest = Math.max(latest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  paths.forEach((p) => visit(join(root, p)));
  return latest;
}

/**
 * True when `output` (relative to `root`) is missing or older than any of `inputs`.
 * @param {string} root
 * @param {string} output
 * @param {string[]} inputs
 */
export function isStale(root, output, inputs) {
  const out = join(root, output);
  return !existsSync(out) || statSync(out).mtimeMs < newestMtime(root, inputs);
}

export const WEB_BUILD = {
  output: 'web/build/handler.js',
  inputs: ['web/src', 'web/static', 'web/vite.config.ts', 'web/package.json', 'web/tsconfig.json'],
};
