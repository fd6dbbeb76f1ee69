import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, WEB_BUILD } from '../../../scripts/stale.mjs';
import { CHROMIUM_PATH } from './chromium.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function build(label: string, args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building ${label} failed`);
}

/**
 * End-to-end tests run the deployed artefacts: the compiled API (`server/dist/main.js`) and
 * the built web app behind `web/server.js`. Rebuild them when their sources are newer.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH} (apt-get install chromium; .ci/run does it)`);
  }
  // The same up-to-date check as `npm start` (a hash of the server's sources and settings).
  build('the server', [join(ROOT, 'scripts', 'build-if-stale.mjs')]);
  if (isStale(ROOT, WEB_BUILD.output, WEB_BUILD.inputs)) {
    const web = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
      {
        cwd: join(ROOT, 'web'),
        stdio: 'inherit',
      },
    );
    if (web.status !== 0) throw new Error('building the web app failed');
  }
}
