// `npm start`: the whole system on one machine. Builds what is out of date (server, web),
// starts the API and the web server, waits until both answer, prints the one address to open
// (and the demo logins on the embedded database), and stops both on Ctrl-C.
// `npm run dev` (`--dev`): the same API with the Vite dev server (hot reload) in front.
//
// Ports: PORT for the API (default 4000), WEB_PORT for the web app (default 3000; 5173 in dev).
import { spawn, spawnSync } from 'node:child_process';
import { hostname, networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildServerIfStale } from './build-if-stale.mjs';
import { isStale, WEB_BUILD } from './stale.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dev = process.argv.includes('--dev');
const apiPort = Number(process.env.PORT ?? 4000);
const webPort = Number(process.env.WEB_PORT ?? (dev ? 5173 : 3000));
const apiUrl = `http://127.0.0.1:${apiPort}`;
const embedded = !process.env.DATABASE_URL && !process.env.POSTGRES_HOST;

function run(label, args) {
  console.log(`Building ${label}…`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Building ${label} failed.`);
    process.exit(result.status ?? 1);
  }
}

try {
  buildServerIfStale();
} catch (error) {
  console.error(`Building the server failed: ${error.message}`);
  process.exit(1);
}
if (!dev && isStale(root, WEB_BUILD.output, WEB_BUILD.inputs)) {
  run('the web app', ['run', 'build', '-w', 'web']);
}

/** Every address a browser on this machine or the LAN may use for the web app. */
function webOrigins() {
  const hosts = new Set(['localhost', '127.0.0.1', hostname()]);
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? [])
      if (net.family === 'IPv4' && !net.internal) hosts.add(net.address);
  }
  const origins = [...hosts].map((h) => `http://${h}:${webPort}`);
  const given = process.env.ALLOWED_ORIGINS?.split(',').map((s) => s.trim()) ?? [];
  return [...new Set([...given.filter(Boolean), ...origins])].join(',');
}

const children = [];
let stopping = false;

function start(label, command, args, options) {
  // Stopped (Ctrl-C) while an earlier part was starting: start nothing more, or it would
  // outlive us and keep its port.
  if (stopping) return undefined;
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `The ${label} stopped (${signal ?? `exit code ${code}`}); stopping everything.`,
      );
      stop(code || 1);
    }
  });
  return child;
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(exitCode);
  let left = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(exitCode);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => process.exit(exitCode || 1), 15_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, label) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (!stopping) {
    console.error(`The ${label} did not answer at ${url}.`);
    stop(1);
  }
}

start('API', process.execPath, [join(root, 'server', 'dist', 'main.js')], {
  cwd: join(root, 'server'),
  env: {
    ...process.env,
    PORT: String(apiPort),
    ALLOWED_ORIGINS: webOrigins(),
    // One line per request is for operations, not for someone trying the app.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    INIT_CWD: process.env.INIT_CWD ?? process.cwd(),
  },
});
await waitFor(`${apiUrl}/readyz`, 'API');

if (dev) {
  start(
    'web dev server',
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'dev',
      '--port',
      String(webPort),
      '--strictPort',
    ],
    {
      cwd: join(root, 'web'),
      env: { ...process.env, API_URL: apiUrl },
    },
  );
} else {
  start('web server', process.execPath, [join(root, 'web', 'server.js')], {
    cwd: join(root, 'web'),
    env: { ...process.env, WEB_PORT: String(webPort), API_URL: apiUrl },
  });
}
await waitFor(`http://127.0.0.1:${webPort}/`, 'web app');
if (stopping) process.exit(1);

const lines = [`\n  Shopfloor is running. Open  http://localhost:${webPort}/\n`];
if (embedded) {
  try {
    await import('reflect-metadata');
    const demo = await import(
      pathToFileURL(join(root, 'server', 'dist', 'db', 'seed-demo.js')).href
    );
    lines.push(`  Demo logins (password "${demo.DEMO_PASSWORD}"):`);
    for (const user of demo.DEMO_USERS) lines.push(`    ${user.role.padEnd(10)} ${user.email}`);
  } catch {
    lines.push('  Demo logins: see README.md.');
  }
}
lines.push('\n  Ctrl-C stops both the web app and the API.\n');
console.log(lines.join('\n'));
