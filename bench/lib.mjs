// Shared helpers for the benchmarks: a fresh database, a real server process, small stats.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
export const MANAGER = { email: 'bench@shopfloor.local', password: 'benchmark manager password' };

export async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function freshDatabase() {
  const name = `shopfloor_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`drop database if exists "${name}" with (force)`),
  };
}

/** A port nobody listens on right now (the server is then told to use it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node server/dist/main.js` in its own process and resolves once /readyz answers: the
 * server listens (/healthz) before it has reached its database and run its migrations.
 */
export async function startServer(databaseUrl, extraEnv = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(root, 'server'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      INITIAL_MANAGER_EMAIL: MANAGER.email,
      INITIAL_MANAGER_PASSWORD: MANAGER.password,
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let waited = 0; ; waited += 100) {
    if (exited) throw new Error('server exited while starting');
    if (waited > 60_000) throw new Error('server did not start within 60 s');
    try {
      // /readyz, not /healthz: a server still waiting for its database (migrations on a
      // loaded host) is alive but answers every request with 503 SERVICE_UNAVAILABLE.
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    child,
    url,
    stop: () =>
      new Promise((r) => {
        if (exited) return r();
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

export async function gql(url, query, variables = {}, token) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function login(url) {
  const data = await gql(
    url,
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken } }',
    { e: MANAGER.email, p: MANAGER.password },
  );
  return data.login.accessToken;
}

/** CPU seconds (user+system) and peak resident memory of a process, from /proc. */
export function processUsage(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024 };
}

export async function metric(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(name) && !line.startsWith('#')) total += Number(line.split(' ').pop());
  }
  return total;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// One table format for every benchmark (`npm run bench` collects these tables into
// bench/RESULTS.md). Usage in a bench:
//
//   import { resultRow, printTable, writeResult } from './lib.mjs';
//   const rows = [
//     resultRow({ case: 'N=2000', target: 'our server', figure: 'throughput', unit: 'req/s',
//                 rounds: [41, 38, 40],                      // one value per alternating round
//                 baseline: { target: 'raw node:http + pg', rounds: [300, 310, 290] } }),
//     ...
//   ];
//   writeResult('bench:board', printTable('Board pages, medians of 3 alternating rounds', rows,
//                                         { notes: ['load average 2.1', ...] }));
//
// resultRow({ case, target, figure, unit, rounds, baseline, digits })
//   rounds    the figure's value in each round (>= 3; the table shows their median and all of
//             them); a single number is accepted for figures that are not per round (say so
//             in `figure`).
//   baseline  what the ratio is taken against, measured in the same run:
//             { target, rounds: [...] } (median of its rounds) or { target, value }; the row of
//             the baseline itself may pass `baseline: 'self'` (ratio 1). Omit it only when no
//             ratio makes sense, and say why in the table's notes.
//   digits    decimals shown for the figure (default: 0 from 100 up, 1 from 10, else 2).
//   ratio     overrides the computed ratio (null: none shown, e.g. for two slopes near zero).
// printTable(title, rows, { notes }) prints the table as markdown and returns it
//   ({ title, rows, notes, markdown }).
// writeResult(bench, table) does nothing unless BENCH_RESULTS_DIR is set; then it writes
//   <dir>/<bench>.md and <dir>/<bench>.json with every table this process has written for
//   that bench so far (call it once per table).
// BENCH_QUICK=1 is set by `npm run bench`: a bench may choose shorter defaults from it (still
//   >= 3 rounds); explicit settings in the environment win.

const defaultDigits = (value) => (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);

/** The figure with `digits` decimals, or a magnitude-based default. */
export function formatFigure(value, digits) {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return value == null ? '–' : String(value);
  const d = digits ?? defaultDigits(value);
  return value.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export function resultRow({
  case: caseName = '',
  target,
  figure,
  unit = '',
  rounds,
  baseline,
  digits,
  ratio: ratioOverride,
}) {
  const values = (Array.isArray(rounds) ? rounds : [rounds]).filter((v) => v != null);
  const value = values.length ? median(values) : NaN;
  let baselineTarget = '';
  let baselineValue = null;
  if (baseline === 'self') {
    baselineTarget = '(itself)';
    baselineValue = value;
  } else if (baseline) {
    baselineTarget = baseline.target ?? '';
    baselineValue = baseline.rounds ? median(baseline.rounds) : baseline.value;
  }
  const ratio =
    ratioOverride !== undefined
      ? ratioOverride
      : baselineValue == null || !Number.isFinite(baselineValue) || baselineValue === 0
        ? null
        : value / baselineValue;
  return {
    case: String(caseName),
    target,
    figure,
    unit,
    median: value,
    rounds: values,
    baselineTarget,
    baseline: baselineValue,
    ratio,
    digits,
  };
}

export function printTable(title, rows, { notes = [] } = {}) {
  const header = ['case', 'target', 'figure', 'unit', 'median', 'rounds', 'baseline', 'ratio'];
  const cells = rows.map((r) => {
    // One precision for a row (its median's), so its rounds read as a column of the same kind.
    const digits = r.digits ?? (Number.isFinite(r.median) ? defaultDigits(r.median) : undefined);
    return [
      r.case,
      r.target,
      r.figure,
      r.unit,
      formatFigure(r.median, digits),
      r.rounds.map((v) => formatFigure(v, digits)).join(', '),
      r.baseline == null ? '–' : `${r.baselineTarget}: ${formatFigure(r.baseline, r.digits)}`,
      r.ratio == null ? '–' : formatFigure(r.ratio, 2),
    ];
  });
  const escape = (s) => String(s).replaceAll('|', '\\|');
  const lines = [
    `**${title}**`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...cells.map((c) => `| ${c.map(escape).join(' | ')} |`),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ];
  const markdown = lines.join('\n');
  console.log(`\n${markdown}\n`);
  return { title, rows, notes, markdown };
}

const writtenTables = new Map();

export function writeResult(bench, table) {
  const dir = process.env.BENCH_RESULTS_DIR;
  if (!dir) return;
  const tables = writtenTables.get(bench) ?? [];
  tables.push(table);
  writtenTables.set(bench, tables);
  const file = join(dir, bench.replaceAll(/[^\w.-]/g, '_'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.md`, tables.map((t) => t.markdown).join('\n\n') + '\n');
  writeFileSync(`${file}.json`, JSON.stringify({ bench, tables }, null, 2) + '\n');
}

/** The least-squares slope of y over x (e.g. MiB over minutes). */
export function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}
