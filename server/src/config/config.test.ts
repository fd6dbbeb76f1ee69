import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig as loadConfigFrom } from './config.js';
import { DEV_SECRET_FILE, logJwtSecretSource } from './dev-secret.js';
import { buildServerOnce, MAIN_JS } from '../testing/build.js';

const GOOD_SECRET = 'a-production-secret-of-more-than-32-bytes-0123456789';

const scratch = mkdtempSync(join(tmpdir(), 'shopfloor-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
/** A DATA_DIR of its own, that does not exist yet. */
function freshDataDir(): string {
  return join(scratch, `data-${++dirs}`);
}

/**
 * Development keeps its generated secret in DATA_DIR: these tests point it at a scratch
 * directory, never at the developer's ./data.
 */
function loadConfig(env: NodeJS.ProcessEnv) {
  return loadConfigFrom({ DATA_DIR: join(scratch, 'shared'), ...env });
}

/** The problems loadConfig reports for this environment (fails the test if it accepts it). */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('runs with no configuration at all in development (embedded database, kept secret)', () => {
    const config = loadConfigFrom({ DATA_DIR: freshDataDir() });
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.jwtSecretSource).toMatchObject({ kind: 'file', created: true });
    expect(Buffer.byteLength(config.jwtSecret)).toBeGreaterThanOrEqual(32);
    // Generated per data directory: never a fixed fallback an attacker could know.
    expect(loadConfigFrom({ DATA_DIR: freshDataDir() }).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('lists every bad key at once', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      PORT: 'eighty',
      JWT_SECRET: 'short',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      REFRESH_TOKEN_TTL_SECONDS: '-1',
      EVENT_BUS: 'kafka',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://db/shopfloor',
      INITIAL_MANAGER_EMAIL: 'boss@example.com',
      ALLOWED_ORIGINS: 'http://ok.example,ftp://bad.example/path',
    });
    for (const key of [
      'PORT',
      'JWT_SECRET',
      'ACCESS_TOKEN_TTL_SECONDS',
      'REFRESH_TOKEN_TTL_SECONDS',
      'EVENT_BUS',
      'LOG_LEVEL',
      'DATABASE_URL',
      'INITIAL_MANAGER_PASSWORD',
      'ALLOWED_ORIGINS',
    ]) {
      expect(
        problems.some((p) => p.includes(key)),
        `${key} missing from ${JSON.stringify(problems)}`,
      ).toBe(true);
    }
    expect(problems.length).toBeGreaterThanOrEqual(9);
  });

  it('names the key in the message of the error', () => {
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('refuses a JWT secret under 32 bytes in production, and a missing one', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) }).join()).toMatch(
      /JWT_SECRET/,
    );
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/JWT_SECRET/);
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), POSTGRES_HOST: 'db' })
        .jwtSecretSource,
    ).toEqual({ kind: 'environment' });
  });

  it('refuses a short JWT secret that was set outside production too (only an absent one is generated)', () => {
    expect(problemsOf({ NODE_ENV: 'development', JWT_SECRET: 'short' }).join()).toMatch(
      /JWT_SECRET/,
    );
    const config = loadConfig({ NODE_ENV: 'development', JWT_SECRET: GOOD_SECRET });
    expect(config.jwtSecret).toBe(GOOD_SECRET);
    expect(config.jwtSecretSource).toEqual({ kind: 'environment' });
  });

  it('caps access tokens at 15 minutes', () => {
    expect(problemsOf({ ACCESS_TOKEN_TTL_SECONDS: '901' }).join()).toMatch(
      /ACCESS_TOKEN_TTL_SECONDS/,
    );
    expect(loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '900' }).accessTokenTtlSeconds).toBe(900);
    expect(loadConfig({}).accessTokenTtlSeconds).toBeLessThanOrEqual(900);
  });

  it('assembles POSTGRES_* into a database URL, escaping the password', () => {
    const config = loadConfig({
      POSTGRES_USER: 'shop floor',
      POSTGRES_PASSWORD: 'p@ss:w/rd',
      POSTGRES_HOST: 'db',
      POSTGRES_PORT: '6543',
      POSTGRES_DB: 'plant',
    });
    expect(config.databaseUrl).toBe('postgres://shop%20floor:p%40ss%3Aw%2Frd@db:6543/plant');
    const url = new URL(config.databaseUrl!);
    expect(decodeURIComponent(url.password)).toBe('p@ss:w/rd');
    expect(loadConfig({ POSTGRES_HOST: 'db' }).databaseUrl).toBe(
      'postgres://postgres@db:5432/shopfloor',
    );
  });

  it('prefers DATABASE_URL over POSTGRES_*', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:1/d', POSTGRES_HOST: 'other' });
    expect(config.databaseUrl).toBe('postgres://u@h:1/d');
  });

  it('needs POSTGRES_HOST when any other POSTGRES_* key is set', () => {
    expect(problemsOf({ POSTGRES_USER: 'u', POSTGRES_DB: 'd' }).join()).toMatch(/POSTGRES_HOST/);
    expect(problemsOf({ POSTGRES_PASSWORD: 'secret' }).join()).toMatch(/POSTGRES_HOST/);
    expect(problemsOf({ POSTGRES_PORT: '5433' }).join()).toMatch(/POSTGRES_HOST/);
  });

  it('puts an IPv6 POSTGRES_HOST in brackets', () => {
    expect(loadConfig({ POSTGRES_HOST: '::1' }).databaseUrl).toBe(
      'postgres://postgres@[::1]:5432/shopfloor',
    );
    expect(new URL(loadConfig({ POSTGRES_HOST: '::1' }).databaseUrl!).hostname).toBe('[::1]');
  });

  it('checks POSTGRES_PORT and POSTGRES_HOST', () => {
    expect(problemsOf({ POSTGRES_HOST: 'db', POSTGRES_PORT: 'abc' }).join()).toMatch(
      /POSTGRES_PORT/,
    );
    expect(problemsOf({ POSTGRES_HOST: 'db', POSTGRES_PORT: '70000' }).join()).toMatch(
      /POSTGRES_PORT/,
    );
    expect(problemsOf({ POSTGRES_HOST: 'db/evil?x=' }).join()).toMatch(/POSTGRES_HOST/);
  });

  it('holds the initial manager to the e-mail and password rules', () => {
    const weak = problemsOf({
      INITIAL_MANAGER_EMAIL: 'boss@example.com',
      INITIAL_MANAGER_PASSWORD: 'password',
    });
    expect(weak.join()).toMatch(/INITIAL_MANAGER_PASSWORD is too common/);
    const short = problemsOf({
      INITIAL_MANAGER_EMAIL: 'boss@example.com',
      INITIAL_MANAGER_PASSWORD: 'short',
    });
    expect(short.join()).toMatch(/INITIAL_MANAGER_PASSWORD must be 8 to 128/);
    expect(
      problemsOf({
        INITIAL_MANAGER_EMAIL: 'not an email',
        INITIAL_MANAGER_PASSWORD: 'a long enough passphrase',
      }).join(),
    ).toMatch(/INITIAL_MANAGER_EMAIL/);
    expect(
      loadConfig({
        INITIAL_MANAGER_EMAIL: ' Boss@Example.com ',
        INITIAL_MANAGER_PASSWORD: 'a long enough passphrase',
      }).initialManager,
    ).toEqual({ email: 'boss@example.com', password: 'a long enough passphrase' });
  });

  it('takes a METRICS_TOKEN of at least 16 characters', () => {
    expect(problemsOf({ METRICS_TOKEN: 'short' }).join()).toMatch(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_TOKEN: 'long-enough-token-123' }).metricsToken).toBe(
      'long-enough-token-123',
    );
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });

  it('refuses the embedded database (and its demo accounts) in production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET };
    expect(problemsOf(production).join()).toMatch(/DATABASE_URL or POSTGRES_HOST/);
    expect(problemsOf({ ...production, POSTGRES_PASSWORD: 'x' }).join()).toMatch(/POSTGRES_HOST/);
    expect(loadConfig({ ...production, DATABASE_URL: 'postgres://h/d' }).databaseUrl).toBe(
      'postgres://h/d',
    );
  });

  it('refuses the PostgreSQL event bus on the single-node embedded database', () => {
    expect(problemsOf({ EVENT_BUS: 'postgres' }).join()).toMatch(/EVENT_BUS/);
    expect(loadConfig({ EVENT_BUS: 'postgres', DATABASE_URL: 'postgres://h/d' }).eventBus).toBe(
      'postgres',
    );
  });
});

describe('the development secret file (JWT_SECRET unset)', () => {
  it('is generated once in DATA_DIR with mode 0600 and reused by the next start', () => {
    const dataDir = freshDataDir();
    const first = loadConfigFrom({ DATA_DIR: dataDir });
    const file = join(dataDir, DEV_SECRET_FILE);
    expect(first.jwtSecretSource).toEqual({ kind: 'file', path: file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
    // No temporary file is left beside it.
    expect(readdirSync(dataDir)).toEqual([DEV_SECRET_FILE]);

    const second = loadConfigFrom({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.jwtSecretSource).toEqual({ kind: 'file', path: file, created: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('gives a kept file that lost its mode 0600 back', () => {
    const dataDir = freshDataDir();
    const { jwtSecret } = loadConfigFrom({ DATA_DIR: dataDir });
    const file = join(dataDir, DEV_SECRET_FILE);
    chmodSync(file, 0o644);
    expect(loadConfigFrom({ DATA_DIR: dataDir }).jwtSecret).toBe(jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that is not a generated secret, naming it, and leaves it alone', () => {
    for (const content of ['short\n', '', 'x'.repeat(63), `${'x'.repeat(64)}!`]) {
      const dataDir = freshDataDir();
      loadConfigFrom({ DATA_DIR: dataDir });
      const file = join(dataDir, DEV_SECRET_FILE);
      writeFileSync(file, content);
      const problems = problemsOf({ DATA_DIR: dataDir });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(file);
      expect(problems[0]).toContain('JWT_SECRET');
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('reports a DATA_DIR it cannot write as a configuration problem', () => {
    const notADirectory = join(scratch, 'plain-file');
    writeFileSync(notADirectory, 'x');
    const problems = problemsOf({ DATA_DIR: join(notADirectory, 'data') });
    expect(problems.join()).toMatch(/JWT_SECRET/);
    expect(problems.join()).toContain(notADirectory);
  });

  it('is never used in production: JWT_SECRET stays required and no file is written', () => {
    const dataDir = freshDataDir();
    const problems = problemsOf({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://h/d',
    });
    expect(problems.join()).toMatch(/JWT_SECRET/);
    expect(existsSync(join(dataDir, DEV_SECRET_FILE))).toBe(false);
    // Nor is one that a development start left behind.
    loadConfigFrom({ DATA_DIR: dataDir });
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        DATABASE_URL: 'postgres://h/d',
      }).join(),
    ).toMatch(/JWT_SECRET/);
  });

  it('is not used by tests either: a process-only secret, nothing written', () => {
    const dataDir = freshDataDir();
    const config = loadConfigFrom({ NODE_ENV: 'test', DATA_DIR: dataDir });
    expect(config.jwtSecretSource).toEqual({ kind: 'ephemeral' });
    expect(loadConfigFrom({ NODE_ENV: 'test', DATA_DIR: dataDir }).jwtSecret).not.toBe(
      config.jwtSecret,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('logs whether the secret was generated or reused, with the file but never the secret', () => {
    const dataDir = freshDataDir();
    const lines: { level: string; obj: object; msg: string }[] = [];
    const logger = {
      info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
      warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }),
    };
    const first = loadConfigFrom({ DATA_DIR: dataDir });
    logJwtSecretSource(first.jwtSecretSource, logger);
    logJwtSecretSource(loadConfigFrom({ DATA_DIR: dataDir }).jwtSecretSource, logger);
    logJwtSecretSource({ kind: 'environment' }, logger);
    const file = join(dataDir, DEV_SECRET_FILE);
    expect(lines.map((l) => [l.level, l.obj])).toEqual([
      ['warn', { jwtSecretFile: file, created: true }],
      ['info', { jwtSecretFile: file, created: false }],
    ]);
    expect(JSON.stringify(lines)).not.toContain(first.jwtSecret);
  });
});

describe('REST rate limit', () => {
  it('defaults to 200 at once and 50/s, accepts 0 (off) and refuses nonsense', () => {
    expect(loadConfig({}).restRateLimit).toEqual({ burst: 200, perSecond: 50 });
    expect(
      loadConfig({ REST_RATE_LIMIT_BURST: '0', REST_RATE_LIMIT_PER_SECOND: '0' }).restRateLimit,
    ).toEqual({
      burst: 0,
      perSecond: 0,
    });
    expect(() =>
      loadConfig({ REST_RATE_LIMIT_BURST: '-1', REST_RATE_LIMIT_PER_SECOND: 'fast' }),
    ).toThrow(/REST_RATE_LIMIT_BURST[\s\S]*REST_RATE_LIMIT_PER_SECOND/);
  });
});

describe('REPEAT_FAILURE_WINDOW_HOURS', () => {
  it('defaults to a week, takes whole hours up to a year and refuses anything else', () => {
    expect(loadConfig({}).repeatFailureWindowHours).toBe(168);
    expect(loadConfig({ REPEAT_FAILURE_WINDOW_HOURS: '24' }).repeatFailureWindowHours).toBe(24);
    expect(loadConfig({ REPEAT_FAILURE_WINDOW_HOURS: '8784' }).repeatFailureWindowHours).toBe(8784);
    for (const bad of ['0', '-1', '1.5', 'week', '8785'])
      expect(() => loadConfig({ REPEAT_FAILURE_WINDOW_HOURS: bad })).toThrow(
        /REPEAT_FAILURE_WINDOW_HOURS must be an integer from 1 to 8784/,
      );
  });
});

describe('photos (STORAGE_DIR, upload limits, quotas)', () => {
  const MiB = 1024 * 1024;

  it('keeps photos in DATA_DIR/uploads by default, with limits for phone cameras', () => {
    const dataDir = freshDataDir();
    expect(loadConfigFrom({ NODE_ENV: 'test', DATA_DIR: dataDir }).attachments).toEqual({
      storageDir: join(dataDir, 'uploads'),
      maxFileBytes: 20 * MiB,
      maxPixels: 50_000_000,
      quotaPerCaseBytes: 250 * MiB,
      quotaPerPlantBytes: 50 * 1024 * MiB,
    });
  });

  it('takes sizes in bytes or binary units, 0 as no quota, and a relative STORAGE_DIR from where it started', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      INIT_CWD: '/srv/shopfloor',
      STORAGE_DIR: 'photos',
      UPLOAD_MAX_SIZE: '8MiB',
      UPLOAD_MAX_PIXELS: '24000000',
      UPLOAD_QUOTA_PER_CASE: '0',
      UPLOAD_QUOTA_PER_PLANT: '2 TiB',
    }).attachments;
    expect(config).toEqual({
      storageDir: '/srv/shopfloor/photos',
      maxFileBytes: 8 * MiB,
      maxPixels: 24_000_000,
      quotaPerCaseBytes: 0,
      quotaPerPlantBytes: 2 * 1024 * 1024 * MiB,
    });
    expect(
      loadConfig({ NODE_ENV: 'test', UPLOAD_MAX_SIZE: '1048576' }).attachments.maxFileBytes,
    ).toBe(MiB);
  });

  it('refuses nonsense, and a STORAGE_DIR at the root or inside the web app’s served folder', () => {
    const webBuild = fileURLToPath(new URL('../../../web/build/uploads', import.meta.url));
    const problems = problemsOf({
      NODE_ENV: 'test',
      STORAGE_DIR: webBuild,
      UPLOAD_MAX_SIZE: '20MB',
      UPLOAD_MAX_PIXELS: '0',
      UPLOAD_QUOTA_PER_CASE: '-5',
      UPLOAD_QUOTA_PER_PLANT: 'lots',
    });
    for (const key of [
      'STORAGE_DIR must be outside',
      'UPLOAD_MAX_SIZE',
      'UPLOAD_MAX_PIXELS',
      'UPLOAD_QUOTA_PER_CASE',
      'UPLOAD_QUOTA_PER_PLANT',
    ])
      expect(problems.join('\n')).toContain(key);
    expect(problemsOf({ NODE_ENV: 'test', STORAGE_DIR: '/' }).join('\n')).toMatch(
      /STORAGE_DIR must not be the root/,
    );
    // Under 1 KiB or over 1 GiB a file limit is a typo.
    expect(problemsOf({ NODE_ENV: 'test', UPLOAD_MAX_SIZE: '2GiB' }).join('\n')).toMatch(
      /UPLOAD_MAX_SIZE must be a size from 1KiB to 1GiB/,
    );
  });
});

describe('node dist/main.js', () => {
  it('exits non-zero and prints every bad key before doing anything', () => {
    buildServerOnce();
    const result = spawnSync(process.execPath, [MAIN_JS], {
      // A clean environment: nothing from the developer's shell may make the config valid.
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        JWT_SECRET: 'short',
        PORT: 'eighty',
        EVENT_BUS: 'kafka',
        LOG_LEVEL: 'loud',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    for (const key of ['JWT_SECRET', 'PORT', 'EVENT_BUS', 'LOG_LEVEL'])
      expect(result.stderr).toContain(key);
    expect(result.stderr).not.toContain('    at '); // a list of problems, not a stack trace
    expect(result.stdout).not.toContain('listening');
  });
});
