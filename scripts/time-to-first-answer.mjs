// Measures what a newcomer waits for: from typing `npm start` to the first answer of
// GET /healthz. Starts the command (default `npm start`, from the repository root) on a free
// port, polls /healthz every 50 ms, prints the seconds, then stops the server with SIGTERM
// and waits for it, so the embedded database is closed cleanly for the next run.
//
//   node scripts/time-to-first-answer.mjs                # npm start
//   DATA_DIR=/tmp/x node scripts/time-to-first-answer.mjs -- npm run start:server
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const separator = process.argv.indexOf('--');
const command = separator >= 0 ? process.argv.slice(separator + 1) : ['npm', 'start'];
const TIMEOUT_MS = 120_000;

const port = await freePort();
const started = performance.now();
const child = spawn(command[0], command.slice(1), {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
  stdio: ['ignore', 'ignore', 'inherit'],
  // Its own process group: npm starts node, and both are stopped together.
  detached: true,
});
const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
let childExit;
void exited.then((code) => (childExit = code));

let seconds;
while (performance.now() - started < TIMEOUT_MS && childExit === undefined) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (response.ok) {
      seconds = (performance.now() - started) / 1000;
      break;
    }
  } catch {
    // Not listening yet.
  }
  await new Promise((r) => setTimeout(r, 50));
}

if (childExit === undefined) process.kill(-child.pid, 'SIGTERM');
await exited;
if (seconds === undefined) {
  process.stderr.write(`no answer from /healthz (command exited with ${childExit ?? 'timeout'})\n`);
  process.exit(1);
}
process.stdout.write(
  `${command.join(' ')}: first answer of /healthz after ${seconds.toFixed(1)} s\n`,
);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
}
