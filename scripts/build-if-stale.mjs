// Compiles the server only when its compiled output (`server/dist`) is older than its inputs,
// so a second `npm start` with nothing changed skips the 10-20 s compile.
//
//   node scripts/build-if-stale.mjs            # build if stale (what `npm start` runs)
//   node scripts/build-if-stale.mjs --check    # exit 1 if stale, 0 if up to date; builds nothing
//   node scripts/build-if-stale.mjs --server-dir <dir>   # another TypeScript project (tests)
//
// Up to date means: `dist/main.js` exists and `dist/.build-inputs` holds the hash of exactly
// these inputs, taken before the last successful compile:
//   - every file under src/ that tsconfig.build.json compiles (it excludes *.test.ts and
//     src/testing/; those are skipped here too, so editing a test does not rebuild);
//   - the server's tsconfig.json, tsconfig.build.json and package.json, the repository's
//     tsconfig.json and package-lock.json (dependencies change emitted decorator metadata),
//     and the TypeScript version.
// Contents are hashed, not modification times: a checkout, a copy or a clock change cannot
// make a stale build look fresh. A compile is incremental (dist/.tsbuildinfo): after a change
// it rechecks only what the change can affect. Other scripts (the web app's start) can
// import { buildServerIfStale } from this file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(root, 'package.json'));
const STAMP = '.build-inputs';

/** Hash of everything the compiled output depends on. */
export function serverInputsHash(serverDir = join(root, 'server')) {
  const hash = createHash('sha256');
  const add = (label, path) => {
    hash.update(`${label}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : '(absent)');
    hash.update('\0');
  };
  for (const file of compiledSources(join(serverDir, 'src'))) {
    add(relative(serverDir, file).split(sep).join('/'), file);
  }
  for (const name of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    add(`server:${name}`, join(serverDir, name));
  }
  add('root:tsconfig.json', join(root, 'tsconfig.json'));
  add('root:package-lock.json', join(root, 'package-lock.json'));
  hash.update(`typescript:${require('typescript/package.json').version}`);
  return hash.digest('hex');
}

/** Why the build is stale, or null when `dist` matches the inputs. */
export function serverBuildStaleness(serverDir = join(root, 'server')) {
  const dist = join(serverDir, 'dist');
  if (!existsSync(join(dist, 'main.js'))) return 'no compiled server yet';
  const stamp = join(dist, STAMP);
  if (!existsSync(stamp)) return 'compiled by another command (no record of its inputs)';
  if (readFileSync(stamp, 'utf8').trim() !== serverInputsHash(serverDir)) {
    return 'sources or settings changed since the last compile';
  }
  return null;
}

/**
 * Compiles the server when it is stale; returns 'built' or 'up to date'. Throws when the
 * compiler fails (its errors are on stderr), leaving the record of inputs as it was.
 */
export function buildServerIfStale({ serverDir = join(root, 'server'), log = console.log } = {}) {
  const reason = serverBuildStaleness(serverDir);
  if (reason === null) {
    log('server: dist/ is up to date, not compiling');
    return 'up to date';
  }
  // Taken before compiling: a file saved during the compile makes the next start compile again.
  const inputs = serverInputsHash(serverDir);
  log(`server: compiling (${reason})`);
  const started = performance.now();
  const dist = join(serverDir, 'dist');
  const buildInfo = join(dist, '.tsbuildinfo');
  // The incremental record is trusted only beside a build this script recorded: after files
  // of dist/ were deleted, or another command compiled, it could skip emitting what is missing.
  if (!existsSync(join(dist, STAMP)) || !existsSync(join(dist, 'main.js'))) {
    rmSync(buildInfo, { force: true });
  }
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      buildInfo,
    ],
    { cwd: serverDir, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(`the server does not compile (tsc exited with ${result.status})`);
  }
  writeFileSync(join(dist, STAMP), `${inputs}\n`);
  log(`server: compiled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

/** The files tsconfig.build.json compiles, in a stable order. */
function compiledSources(dir) {
  const files = [];
  const walk = (current) => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (path === join(dir, 'testing')) continue;
        walk(path);
      } else if (!entry.name.endsWith('.test.ts')) {
        files.push(path);
      }
    }
  };
  walk(dir);
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dirFlag = args.indexOf('--server-dir');
  const serverDir = dirFlag >= 0 ? resolve(args[dirFlag + 1]) : join(root, 'server');
  if (args.includes('--check')) {
    const reason = serverBuildStaleness(serverDir);
    console.log(reason === null ? 'server: dist/ is up to date' : `server: stale (${reason})`);
    process.exit(reason === null ? 0 : 1);
  }
  try {
    buildServerIfStale({ serverDir });
  } catch (error) {
    console.error(`server: ${error.message}`);
    process.exit(1);
  }
}
