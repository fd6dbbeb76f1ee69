// npm run bench — every `bench:*` script of package.json in turn, with short settings
// (BENCH_QUICK=1 and the SUITE_SETTINGS below; still >= 3 rounds each), then their tables
// written into bench/RESULTS.md between the generated-block markers, with the date, the host
// (cores, load average) and the git commit. The prose around the markers is left alone.
//
// A bench takes part by printing its tables through lib.mjs's printTable + writeResult (which
// write to BENCH_RESULTS_DIR, set here per bench); a new `bench:*` script is picked up with no
// change here. One failing (or timed-out) bench is reported in the block and the rest still
// run; the exit code is then 1.
//
//   BENCH_ONLY=bench:rest,bench:fanout   run only these      BENCH_SKIP=bench:web   skip these
//   BENCH_TIMEOUT_MINUTES=30             per bench            BENCH_NO_WRITE=1       print only
// Settings already in the environment win over the suite's.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.mjs';

const START_MARKER = '<!-- bench:generated:start -->';
const END_MARKER = '<!-- bench:generated:end -->';

/** Short settings per bench, on top of BENCH_QUICK=1 (which each bench reads itself). */
const SUITE_SETTINGS = {
  'bench:board': { BOARD_N: '2000', BOARD_SECONDS: '3', BOARD_ROUNDS: '3' },
  'bench:web': { BENCH_WEB_MACHINES: '300', BENCH_WEB_ROUNDS: '3', BENCH_WEB_SOCKETS: '50' },
  'bench:memory': { BENCH_SOAK_MINUTES: '2' },
};

/** `npm run build[ -w server|web] && <rest>`: the suite builds once, then runs only <rest>. */
const BUILD_PREFIX = /^npm run build(?: -w (?:server|web))? && /;

const list = (value) => (value ? value.split(',').map((s) => s.trim()) : undefined);

function benchScripts() {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const only = list(process.env.BENCH_ONLY);
  const skip = list(process.env.BENCH_SKIP) ?? [];
  return Object.entries(scripts)
    .filter(([name]) => name.startsWith('bench:'))
    .filter(([name]) => (!only || only.includes(name)) && !skip.includes(name))
    .map(([name, command]) => ({ name, command }));
}

/** Runs a shell command, its output passed through; resolves with exit code and last lines. */
function run(command, env, timeoutMinutes) {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout ends the bench's servers too
    });
    const tail = [];
    const keep = (chunk) => {
      tail.push(...chunk.toString().split('\n'));
      tail.splice(0, Math.max(0, tail.length - 15));
    };
    child.stdout.on('data', (c) => (process.stdout.write(c), keep(c)));
    child.stderr.on('data', (c) => (process.stderr.write(c), keep(c)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGTERM');
    }, timeoutMinutes * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, timedOut, tail: tail.filter((l) => l.trim()).slice(-10) });
    });
  });
}

function gitCommit() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no')
      ? ' (with uncommitted changes)'
      : '';
    return `${git('rev-parse', '--short', 'HEAD')} on ${git('rev-parse', '--abbrev-ref', 'HEAD')}${dirty}`;
  } catch {
    return 'unknown';
  }
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** The generated block: run facts, then each bench's tables (or its failure). */
function generatedBlock({ started, finished, loadAtStart, loadAtEnd, results }) {
  const cores = cpus();
  const lines = [
    START_MARKER,
    '<!-- Written by `npm run bench` (bench/run-all.mjs): edits between these markers are replaced. -->',
    '',
    `Run ${started.toISOString().slice(0, 16).replace('T', ' ')}–${finished.toISOString().slice(11, 16)} UTC` +
      ` on ${hostname()}: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), ` +
      `load average ${loadAtStart} at the start, ${loadAtEnd} at the end; ` +
      `commit ${gitCommit()}; Node ${process.version}. Suite settings: BENCH_QUICK=1` +
      Object.entries(SUITE_SETTINGS)
        .map(
          ([name, settings]) =>
            `; ${name} ${Object.entries(settings)
              // A setting from the environment wins over the suite's: print what ran.
              .map(([k, v]) => `${k}=${process.env[k] ?? v}`)
              .join(' ')}`,
        )
        .join('') +
      '.',
    '',
  ];
  for (const r of results) {
    lines.push(`### ${r.name}`, '');
    if (r.tables.length) lines.push(r.tables.join('\n\n'), '');
    if (r.failed) {
      lines.push(
        `**Failed** (${r.timedOut ? 'timed out' : `exit ${r.code}`}, ${r.minutes.toFixed(1)} min). Last lines:`,
        '',
        '```',
        ...r.tail,
        '```',
        '',
      );
    } else if (!r.tables.length) {
      lines.push(
        `Ran (${r.minutes.toFixed(1)} min) but wrote no table: it does not use printTable/writeResult of bench/lib.mjs yet.`,
        '',
      );
    } else {
      lines.push(`(${r.minutes.toFixed(1)} min)`, '');
    }
  }
  lines.push(END_MARKER);
  return lines.join('\n');
}

/** Replaces the block between the markers; appends a "## The suite" section if there is none. */
function replaceGenerated(text, block) {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start !== -1 && end > start) {
    return text.slice(0, start) + block + text.slice(end + END_MARKER.length);
  }
  return `${text.trimEnd()}\n\n## The suite\n\n${block}\n`;
}

/** The file as prettier would write it (`npm run lint` checks it), or as is without prettier. */
async function formatted(file, text) {
  try {
    const prettier = await import('prettier');
    const options = await prettier.resolveConfig(file);
    return await prettier.format(text, { ...options, filepath: file });
  } catch (error) {
    console.error(`npm run bench: RESULTS.md not formatted (${error.message})`);
    return text;
  }
}

async function main() {
  const scripts = benchScripts();
  const started = new Date();
  const loadAtStart = loads();
  const timeout = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 30);
  console.log(`npm run bench: ${scripts.map((s) => s.name).join(', ')}`);

  const results = [];
  // One build for all: the whole project if any bench builds it all, else the workspaces named.
  const builds = new Set(
    scripts.map((s) => BUILD_PREFIX.exec(s.command)?.[0].replace(/ && $/, '')).filter(Boolean),
  );
  const buildCommands = builds.has('npm run build') ? ['npm run build'] : [...builds];
  for (const command of buildCommands) {
    const build = await run(command, process.env, timeout);
    if (build.code !== 0) {
      console.error(`npm run bench: ${command} failed; no bench ran`);
      process.exit(1);
    }
  }
  const resultsRoot = mkdtempSync(join(tmpdir(), 'shopfloor-bench-'));
  for (const { name, command } of scripts) {
    const dir = join(resultsRoot, name.replaceAll(/[^\w.-]/g, '_'));
    const env = { ...process.env, BENCH_QUICK: '1', BENCH_RESULTS_DIR: dir };
    for (const [key, value] of Object.entries(SUITE_SETTINGS[name] ?? {})) env[key] ??= value;
    console.log(`\n=== ${name} ===`);
    const t0 = Date.now();
    const outcome = await run(command.replace(BUILD_PREFIX, ''), env, timeout);
    const tables = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .sort()
          .map((f) => readFileSync(join(dir, f), 'utf8').trim())
      : [];
    const failed = outcome.code !== 0;
    if (failed)
      console.error(
        `=== ${name} failed (${outcome.timedOut ? 'timed out' : `exit ${outcome.code}`}) ===`,
      );
    results.push({ name, ...outcome, failed, tables, minutes: (Date.now() - t0) / 60_000 });
  }

  const block = generatedBlock({
    started,
    finished: new Date(),
    loadAtStart,
    loadAtEnd: loads(),
    results,
  });
  if (process.env.BENCH_NO_WRITE === '1') {
    console.log(`\n${block}`);
  } else {
    const file = join(root, 'bench', 'RESULTS.md');
    writeFileSync(file, await formatted(file, replaceGenerated(readFileSync(file, 'utf8'), block)));
    console.log(`\nnpm run bench: wrote the generated block of ${file}`);
  }
  const failures = results.filter((r) => r.failed).map((r) => r.name);
  if (failures.length) {
    console.error(`npm run bench: failed: ${failures.join(', ')}`);
    process.exit(1);
  }
}

await main();
