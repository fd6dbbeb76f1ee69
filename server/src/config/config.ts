import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../common/app-error.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { assertPasswordPolicy } from '../modules/auth/password-policy.js';
import { isValidAccountEmail, normaliseEmail } from '../modules/users/email.js';

export type NodeEnv = 'development' | 'test' | 'production';
export type EventBusKind = 'memory' | 'postgres';

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Absent means: run on the embedded PostgreSQL kept in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  /** Where the signing secret came from (logged at start, never the secret itself). */
  jwtSecretSource: JwtSecretSource;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  logLevel: string;
  eventBus: EventBusKind;
  initialManager: { email: string; password: string } | undefined;
  /** Origins allowed to call the API from a browser (CORS and WebSocket upgrade). */
  allowedOrigins: string[];
  /**
   * Proxies whose X-Forwarded-For/-Proto/-Host are believed (addresses, CIDR ranges, or
   * express's names loopback, linklocal, uniquelocal); a request from anywhere else is taken
   * at its socket's word.
   */
  trustedProxies: string[];
  /** Open subscription sockets one user or API client may hold at once. */
  socketsPerPrincipal: number;
  /** REST requests per caller: a burst, then a sustained rate per second (0 turns it off). */
  restRateLimit: { burst: number; perSecond: number };
  /** When set, `/metrics` wants `Authorization: Bearer <this>`; unset, it is open. */
  metricsToken: string | undefined;
  /** HTTP timeouts against slow or idle clients (WebSocket connections are not affected). */
  httpTimeouts: HttpTimeouts;
  /** Photos on fault cases: where they are kept, what is accepted, how much may be kept. */
  attachments: AttachmentConfig;
  /**
   * REPEAT_FAILURE_WINDOW_HOURS: a case opened within this many hours of the resolution of
   * its machine's previous case is a repeat failure (decided and stored when it opens).
   */
  repeatFailureWindowHours: number;
  /**
   * BOARD_CACHE=on|off (default on): board pages answered from a per-reader cache that every
   * committed change empties (see modules/machines/board-cache.ts). Off for measuring the
   * uncached read path.
   */
  boardCache: boolean;
}

/** See `loadAttachmentConfig`. Sizes in bytes; a quota of 0 means no limit. */
export interface AttachmentConfig {
  /** STORAGE_DIR: the local store's files and uploads in progress; never a served folder. */
  storageDir: string;
  /** UPLOAD_MAX_SIZE: the largest file accepted (413 beyond, while it is still arriving). */
  maxFileBytes: number;
  /** UPLOAD_MAX_PIXELS: width × height an image may declare (against decompression bombs). */
  maxPixels: number;
  /** UPLOAD_QUOTA_PER_CASE: what one case's photos may take, stored copies and thumbnails. */
  quotaPerCaseBytes: number;
  /** UPLOAD_QUOTA_PER_PLANT: what all photos of the installation may take together. */
  quotaPerPlantBytes: number;
}

/** Milliseconds; see `loadHttpTimeouts`. */
export interface HttpTimeouts {
  /** The request line and all headers must arrive within this (slow-headers clients). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (slow-body clients). */
  requestMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveMs: number;
}

/**
 * `environment`: JWT_SECRET. `file`: development without JWT_SECRET keeps a generated one in
 * DATA_DIR (`created` on the first start, reused after). `ephemeral`: tests without JWT_SECRET
 * get a fresh random one that nothing else can share.
 */
export type JwtSecretSource =
  | { kind: 'environment' }
  | { kind: 'file'; path: string; created: boolean }
  | { kind: 'ephemeral' };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const MIN_SECRET_BYTES = 32;
const MAX_ACCESS_TTL_SECONDS = 15 * 60;

/**
 * Reads and validates the whole configuration once. Every problem is collected so that an
 * operator fixes them in one go instead of one restart per mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  const nodeEnv: NodeEnv = (['development', 'test', 'production'] as const).includes(
    nodeEnvRaw as NodeEnv,
  )
    ? (nodeEnvRaw as NodeEnv)
    : (problems.push(`NODE_ENV must be development, test or production (got "${nodeEnvRaw}")`),
      'production');

  const port = parseInteger(env.PORT, 4000, 0, 65535, 'PORT', problems);
  const accessTokenTtlSeconds = parseInteger(
    env.ACCESS_TOKEN_TTL_SECONDS,
    MAX_ACCESS_TTL_SECONDS,
    1,
    MAX_ACCESS_TTL_SECONDS,
    'ACCESS_TOKEN_TTL_SECONDS',
    problems,
  );
  const refreshTokenTtlSeconds = parseInteger(
    env.REFRESH_TOKEN_TTL_SECONDS,
    14 * 24 * 3600,
    60,
    90 * 24 * 3600,
    'REFRESH_TOKEN_TTL_SECONDS',
    problems,
  );

  const socketsPerPrincipal = parseInteger(
    env.WS_MAX_SOCKETS_PER_PRINCIPAL,
    20,
    1,
    100_000,
    'WS_MAX_SOCKETS_PER_PRINCIPAL',
    problems,
  );

  const restRateLimit = {
    burst: parseInteger(
      env.REST_RATE_LIMIT_BURST,
      200,
      0,
      1_000_000,
      'REST_RATE_LIMIT_BURST',
      problems,
    ),
    perSecond: parseInteger(
      env.REST_RATE_LIMIT_PER_SECOND,
      50,
      0,
      1_000_000,
      'REST_RATE_LIMIT_PER_SECOND',
      problems,
    ),
  };

  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    problems.push('METRICS_TOKEN must be at least 16 characters');
  }

  const databaseUrl = resolveDatabaseUrl(env, problems);
  if (nodeEnv === 'production' && databaseUrl === undefined && !hasPostgresSettings(env)) {
    // The embedded database is for trying Shopfloor out: its demo accounts have a published
    // password, and its files are not where a plant keeps its data.
    problems.push('DATABASE_URL or POSTGRES_HOST is required in production');
  }

  // `npm start` runs inside the server workspace; INIT_CWD is where the person typed it, so
  // the embedded database lands in ./data of the repository, as the README says.
  const dataDir = env.DATA_DIR ?? resolve(env.INIT_CWD ?? process.cwd(), 'data');

  let jwtSecret = env.JWT_SECRET ?? '';
  let jwtSecretSource: JwtSecretSource = { kind: 'environment' };
  if (Buffer.byteLength(jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    if (nodeEnv === 'development' && jwtSecret === '') {
      // A secret generated per start would sign every screen out on each restart (4403 loops).
      const kept = loadOrCreateDevSecret(dataDir);
      if ('problem' in kept) problems.push(kept.problem);
      else {
        jwtSecret = kept.secret;
        jwtSecretSource = { kind: 'file', path: kept.path, created: kept.created };
      }
    } else if (nodeEnv === 'test' && jwtSecret === '') {
      jwtSecret = randomBytes(48).toString('base64url');
      jwtSecretSource = { kind: 'ephemeral' };
    } else {
      problems.push(
        `JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (256 bits)` +
          (jwtSecret === '' ? ' and is required in production' : ''),
      );
    }
  }

  const eventBusRaw = env.EVENT_BUS ?? 'memory';
  const eventBus: EventBusKind =
    eventBusRaw === 'memory' || eventBusRaw === 'postgres'
      ? eventBusRaw
      : (problems.push(`EVENT_BUS must be memory or postgres (got "${eventBusRaw}")`), 'memory');
  if (eventBus === 'postgres' && !databaseUrl) {
    problems.push('EVENT_BUS=postgres needs DATABASE_URL (the embedded database is single-node)');
  }

  let initialManager: Config['initialManager'];
  const managerEmail = env.INITIAL_MANAGER_EMAIL;
  const managerPassword = env.INITIAL_MANAGER_PASSWORD;
  if (managerEmail || managerPassword) {
    if (!managerEmail || !managerPassword) {
      problems.push('INITIAL_MANAGER_EMAIL and INITIAL_MANAGER_PASSWORD must be set together');
    } else {
      const email = normaliseEmail(managerEmail);
      if (!isValidAccountEmail(email)) {
        problems.push('INITIAL_MANAGER_EMAIL is not a valid e-mail address');
      }
      // The most powerful account gets no exemption from the password policy.
      try {
        assertPasswordPolicy(managerPassword, 'INITIAL_MANAGER_PASSWORD', { email });
        initialManager = { email, password: managerPassword };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push(error.message);
      }
    }
  }

  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${levels.join(', ')}`);

  const allowedOrigins = (env.ALLOWED_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`ALLOWED_ORIGINS entry "${origin}" must look like https://host[:port]`);
    }
  }

  const trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES, problems);
  const httpTimeouts = loadHttpTimeouts(env, problems);
  const repeatFailureWindowHours = parseInteger(
    env.REPEAT_FAILURE_WINDOW_HOURS,
    168,
    1,
    24 * 366,
    'REPEAT_FAILURE_WINDOW_HOURS',
    problems,
  );
  const attachments = loadAttachmentConfig(env, dataDir, problems);
  const boardCacheRaw = env.BOARD_CACHE ?? 'on';
  if (boardCacheRaw !== 'on' && boardCacheRaw !== 'off') {
    problems.push(`BOARD_CACHE must be on or off (got "${boardCacheRaw}")`);
  }
  const boardCache = boardCacheRaw !== 'off';

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    jwtSecret,
    jwtSecretSource,
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    logLevel,
    eventBus,
    initialManager,
    allowedOrigins,
    trustedProxies,
    socketsPerPrincipal,
    restRateLimit,
    metricsToken,
    httpTimeouts,
    attachments,
    repeatFailureWindowHours,
    boardCache,
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUSTED_PROXIES: a comma-separated list; default `loopback` (the web server on the same
 * host). Behind the web container of docker-compose.yml, its network's range.
 */
function parseTrustedProxies(raw: string | undefined, problems: string[]): string[] {
  const entries = (raw === undefined || raw.trim() === '' ? 'loopback' : raw)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || rest.length > 0) {
      problems.push(
        `TRUSTED_PROXIES entry "${entry}" must be an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_NAMES.join(', ')}`,
      );
    }
  }
  return entries;
}

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;
const TIB = 1024 * GIB;

/** The folder `web/server.js` serves the app from, and everything else under `web/`. */
const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

/**
 * Photos. The defaults fit phone cameras: a 48-megapixel photo is about 49 million pixels and
 * rarely over 15 MiB as a JPEG. Stored copies are re-encoded (at most 4096 pixels a side, see
 * modules/attachments) and take about 1–3 MiB each, so a case holds about a hundred photos
 * under the default quota.
 */
function loadAttachmentConfig(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  problems: string[],
): AttachmentConfig {
  const raw = env.STORAGE_DIR;
  const storageDir =
    raw === undefined || raw === ''
      ? join(dataDir, 'uploads')
      : resolve(env.INIT_CWD ?? process.cwd(), raw);
  if (storageDir === resolve('/')) {
    problems.push('STORAGE_DIR must not be the root of the file system');
  } else if (isInside(storageDir, WEB_DIR)) {
    // What is under web/ may be served as it is: an uploaded file must never be.
    problems.push(`STORAGE_DIR must be outside the web app's folder ${WEB_DIR}`);
  }
  return {
    storageDir,
    maxFileBytes: parseSize(env.UPLOAD_MAX_SIZE, 20 * MIB, KIB, GIB, 'UPLOAD_MAX_SIZE', problems),
    maxPixels: parseInteger(
      env.UPLOAD_MAX_PIXELS,
      50_000_000,
      1,
      // sharp's own default ceiling, 16383 × 16383.
      268_402_689,
      'UPLOAD_MAX_PIXELS',
      problems,
    ),
    quotaPerCaseBytes: parseSize(
      env.UPLOAD_QUOTA_PER_CASE,
      250 * MIB,
      0,
      TIB,
      'UPLOAD_QUOTA_PER_CASE',
      problems,
    ),
    quotaPerPlantBytes: parseSize(
      env.UPLOAD_QUOTA_PER_PLANT,
      50 * GIB,
      0,
      1024 * TIB,
      'UPLOAD_QUOTA_PER_PLANT',
      problems,
    ),
  };
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const SIZE_UNITS: Record<string, number> = { '': 1, KiB: KIB, MiB: MIB, GiB: GIB, TiB: TIB };

/** Bytes, given as a whole number of bytes or with a binary unit: `20MiB`, `512 KiB`, `50GiB`. */
export function parseSize(
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  key: string,
  problems: string[],
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const match = /^\s*(\d+)\s*(KiB|MiB|GiB|TiB)?\s*$/.exec(raw);
  const value = match ? Number(match[1]) * SIZE_UNITS[match[2] ?? '']! : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(
      `${key} must be a size from ${formatSize(min)} to ${formatSize(max)}, in bytes or with KiB, MiB, GiB or TiB (got "${raw}")`,
    );
    return fallback;
  }
  return value;
}

function formatSize(bytes: number): string {
  for (const unit of ['TiB', 'GiB', 'MiB', 'KiB'] as const) {
    if (bytes >= SIZE_UNITS[unit]! && bytes % SIZE_UNITS[unit]! === 0)
      return `${bytes / SIZE_UNITS[unit]!}${unit}`;
  }
  return String(bytes);
}

/**
 * HTTP timeouts. Node's defaults let a client hold a connection for a minute sending
 * headers a byte at a time, and five minutes sending a body. Defaults here: headers within
 * 10 s, the whole request (the largest is a photo upload over shop-floor Wi-Fi) within 60 s,
 * idle kept-alive connections closed after 5 s (behind a proxy, keep it above the proxy's
 * own idle timeout).
 */
function loadHttpTimeouts(env: NodeJS.ProcessEnv, problems: string[]): HttpTimeouts {
  const headersMs = parseInteger(
    env.HTTP_HEADERS_TIMEOUT_MS,
    10_000,
    100,
    600_000,
    'HTTP_HEADERS_TIMEOUT_MS',
    problems,
  );
  const requestMs = parseInteger(
    env.HTTP_REQUEST_TIMEOUT_MS,
    60_000,
    100,
    3_600_000,
    'HTTP_REQUEST_TIMEOUT_MS',
    problems,
  );
  const keepAliveMs = parseInteger(
    env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    5_000,
    100,
    600_000,
    'HTTP_KEEP_ALIVE_TIMEOUT_MS',
    problems,
  );
  if (headersMs > requestMs) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  return { headersMs, requestMs, keepAliveMs };
}

function parseInteger(
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  key: string,
  problems: string[],
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

const POSTGRES_KEYS = [
  'POSTGRES_HOST',
  'POSTGRES_PORT',
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
];

function hasPostgresSettings(env: NodeJS.ProcessEnv): boolean {
  return POSTGRES_KEYS.some((key) => env[key] !== undefined && env[key] !== '');
}

/** DATABASE_URL wins; otherwise the spec's POSTGRES_* variables are assembled into one. */
function resolveDatabaseUrl(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  if (env.DATABASE_URL) {
    try {
      const url = new URL(env.DATABASE_URL);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL');
    }
    return env.DATABASE_URL;
  }
  if (hasPostgresSettings(env)) {
    if (!env.POSTGRES_HOST) {
      problems.push(`POSTGRES_HOST is required when ${POSTGRES_KEYS.join(', ')} are used`);
      return undefined;
    }
    if (!/^[A-Za-z0-9._:[\]-]+$/.test(env.POSTGRES_HOST)) {
      problems.push(`POSTGRES_HOST must be a host name or address (got "${env.POSTGRES_HOST}")`);
    }
    const port = String(parseInteger(env.POSTGRES_PORT, 5432, 1, 65535, 'POSTGRES_PORT', problems));
    const user = encodeURIComponent(env.POSTGRES_USER ?? 'postgres');
    const password = env.POSTGRES_PASSWORD ? `:${encodeURIComponent(env.POSTGRES_PASSWORD)}` : '';
    const db = encodeURIComponent(env.POSTGRES_DB ?? 'shopfloor');
    // An IPv6 address goes in brackets inside a URL.
    const host =
      env.POSTGRES_HOST.includes(':') && !env.POSTGRES_HOST.startsWith('[')
        ? `[${env.POSTGRES_HOST}]`
        : env.POSTGRES_HOST;
    return `postgres://${user}${password}@${host}:${port}/${db}`;
  }
  return undefined;
}
