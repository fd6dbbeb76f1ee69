import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerOnce } from '../testing/build.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';
import { TEST_ADMIN_URL, withDatabase } from '../testing/test-database.js';
import { createLogger } from '../config/logger.js';
import { testConfig } from '../testing/harness.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDatabase } from './database.js';

/**
 * The deployed entry point started before its database can be used (as under podman-compose,
 * which starts containers without waiting for the database's healthcheck): it listens, says
 * alive but not ready, logs each attempt, and becomes ready without a restart once the
 * database is there, migrating it.
 */

const MANAGER = { email: 'boss@wait.test', password: 'a long enough waiting password' };

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

const waitingLines = (output: string) =>
  output.split('\n').filter((line) => line.includes('database not reachable yet'));

/** Starts the process without waiting for it to be ready; `ready` settles when it is. */
async function startEarly(databaseUrl: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let early = '';
  const ready = startServerProcess(
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      INITIAL_MANAGER_EMAIL: MANAGER.email,
      INITIAL_MANAGER_PASSWORD: MANAGER.password,
    },
    // A loaded machine takes its time to load the app; the wait for the database comes on top.
    { onOutput: (chunk) => (early += chunk), startTimeoutMs: 120_000 },
  );
  ready.catch(() => undefined);
  started.push(ready);
  await expect.poll(() => status(`${base}/healthz`), { timeout: 60_000 }).toBe(200);
  return { base, ready, output: () => early };
}

const names: string[] = [];
const forwarders: net.Server[] = [];
/** Every process started, so that a failed test leaves none behind. */
const started: Promise<ServerProcess>[] = [];

beforeAll(() => buildServerOnce(), 120_000);
afterAll(async () => {
  for (const process of started) await (await process.catch(() => undefined))?.stop();
  for (const forwarder of forwarders) forwarder.close();
  for (const name of names) await admin(`drop database if exists "${name}" with (force)`);
});

describe('a server started before its database', () => {
  it('waits while nothing listens at its address, then migrates the database and serves', async () => {
    // An empty database behind a port that opens only later (a database container starting).
    const name = `shopfloor_wait_${randomBytes(5).toString('hex')}`;
    names.push(name);
    await admin(`create database "${name}"`);
    const dbPort = await freePort();
    const target = new URL(TEST_ADMIN_URL);
    const url = new URL(withDatabase(TEST_ADMIN_URL, name));
    url.hostname = '127.0.0.1';
    url.port = String(dbPort);
    const { base, ready, output } = await startEarly(url.toString());

    // Alive, not ready, and everything else answered 503 with Retry-After.
    expect(await status(`${base}/readyz`)).toBe(503);
    const early = await fetch(`${base}/api/machines/`);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBeTruthy();
    expect(await early.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    const earlyGraphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(earlyGraphql.status).toBe(503);
    expect(await earlyGraphql.json()).toMatchObject({
      errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });

    // One log line per attempt, with the reason and the growing wait.
    await expect.poll(() => waitingLines(output()).length, { timeout: 10_000 }).toBeGreaterThan(1);
    const [first, second] = waitingLines(output()).map(
      (line) => JSON.parse(line) as { attempt: number; retryInMs: number; reason: string },
    );
    expect(first).toMatchObject({ attempt: 1, retryInMs: 500 });
    expect(first!.reason).toContain('ECONNREFUSED');
    expect(second).toMatchObject({ attempt: 2, retryInMs: 1000 });

    const forwarder = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => forwarder.listen(dbPort, '127.0.0.1', () => r()));
    forwarders.push(forwarder);
    const server = await ready;
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).toContain('migrations applied');
    expect(server.output()).toContain('"msg":"database reached"');

    expect(await status(`${base}/readyz`)).toBe(200);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from schema_migrations',
    );
    await client.end();
    expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length);

    const login = await fetch(`${base}/api/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MANAGER),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const machines = await fetch(`${base}/api/machines/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(machines.status).toBe(200);

    expect(await server.stop()).toBe(0);
  }, 180_000);

  it('waits while the database refuses connections (ALLOW_CONNECTIONS false)', async () => {
    const name = `shopfloor_wait_${randomBytes(5).toString('hex')}`;
    names.push(name);
    await admin(`create database "${name}"`);
    await admin(`alter database "${name}" allow_connections false`);
    const { base, ready, output } = await startEarly(withDatabase(TEST_ADMIN_URL, name));

    await expect.poll(() => waitingLines(output()).length, { timeout: 10_000 }).toBeGreaterThan(1);
    expect(waitingLines(output())[0]).toContain('55000');
    expect(await status(`${base}/readyz`)).toBe(503);

    await admin(`alter database "${name}" allow_connections true`);
    const server = await ready;
    expect(await status(`${base}/readyz`)).toBe(200);
    expect(await server.stop()).toBe(0);
  }, 180_000);

  it('does not wait for what waiting cannot fix: an unknown role ends the start', async () => {
    const url = new URL(withDatabase(TEST_ADMIN_URL, 'postgres'));
    url.username = `nobody_${randomBytes(4).toString('hex')}`;
    await expect(startServerProcess({ DATABASE_URL: url.toString() })).rejects.toThrow(
      /exited with code 1[\s\S]*does not exist/,
    );
  }, 180_000);

  it('two replicas started together on an empty database migrate one after the other', async () => {
    const name = `shopfloor_wait_${randomBytes(5).toString('hex')}`;
    names.push(name);
    await admin(`create database "${name}"`);
    const config = testConfig({ DATABASE_URL: withDatabase(TEST_ADMIN_URL, name) });
    const logger = createLogger(config);
    const replicas = await Promise.all([
      openDatabase(config, logger),
      openDatabase(config, logger),
    ]);
    try {
      for (const replica of replicas) {
        expect(await replica.orm.migrator.getPending()).toEqual([]);
      }
      const rows = await replicas[0].orm.em
        .getConnection()
        .execute<{ n: string }[]>('select count(*) as n from schema_migrations');
      expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length);
    } finally {
      for (const replica of replicas) await replica.close();
    }
  });

  it('stops at once on SIGTERM while it waits', async () => {
    const { ready, output } = await startEarly('postgres://postgres@127.0.0.1:1/nowhere');
    await expect.poll(() => waitingLines(output()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const pid = Number(/"pid":(\d+)/.exec(output())![1]);
    const exited = ready.then(
      () => 'listened',
      (error: { exitCode?: number | null }) => error.exitCode,
    );
    process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
