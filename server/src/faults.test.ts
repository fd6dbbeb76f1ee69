import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServerOnce } from './testing/build.js';
import { graphqlOver, PROCESS_MANAGER, signInManager } from './testing/process-client.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { createTestDatabase, TEST_ADMIN_URL, type TestDatabase } from './testing/test-database.js';
import { auditWrites, startWriteLoad, type LoadTally } from './testing/write-load.js';
import { connectSocket } from './testing/ws-client.js';

/**
 * Faults the deployed server survives (SECURITY.md 29–31, issue 14), each with the compiled
 * server in its own process, real PostgreSQL and a steady write load through the API:
 * the database going away, SIGTERM, kill -9, and a replica dying under its displays.
 */

beforeAll(() => buildServerOnce(), 120_000);

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sql<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A database of its own with one building and `machines` machines. */
async function floor(machines: number): Promise<{ db: TestDatabase; machineIds: string[] }> {
  const db = await createTestDatabase();
  cleanup.push(() => db.drop());
  const [building] = await sql<{ id: string }>(
    db.url,
    `insert into buildings (id, name) values (gen_random_uuid(), 'Fault hall') returning id`,
  );
  const rows = await sql<{ id: string }>(
    db.url,
    `insert into machines (id, name, building_id, importance, asset_code)
     select gen_random_uuid(), 'Press ' || n, $1, 3, 'F-' || n from generate_series(1, $2) n
     returning id`,
    [building!.id, machines],
  );
  return { db, machineIds: rows.map((r) => r.id) };
}

async function start(db: TestDatabase, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ DATABASE_URL: db.url, ...PROCESS_MANAGER, ...env });
  cleanup.push(() => server.stop());
  return server;
}

/** One machine gets a fault case, so that FAULT is among the statuses to recompute. */
async function openFault(url: string, token: string, machineId: string): Promise<void> {
  const answer = await graphqlOver(
    url,
    `mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Jammed", severity: HIGH }) { id } }`,
    { m: machineId },
    token,
  );
  expect(answer.errors).toBeUndefined();
}

function expectAllAcknowledgedWritesOnce(
  audit: Awaited<ReturnType<typeof auditWrites>>,
  tally: LoadTally,
): void {
  expect(tally.raised.size).toBeGreaterThan(0);
  expect(audit.notOnce).toEqual({});
  expect(audit.notCleared).toEqual([]);
  expect(audit.eventsNotOnce).toEqual([]);
  expect(audit.statusMismatches).toEqual([]);
}

/** One line of figures per fault, for whoever reads the test output. */
function report(fault: string, tally: LoadTally, extra: Record<string, unknown> = {}): void {
  console.info(
    `[fault] ${fault}: ${JSON.stringify({
      acknowledgedRaises: tally.raised.size,
      acknowledgedClears: tally.cleared.size,
      answers: Object.fromEntries(tally.answers),
      ...extra,
    })}`,
  );
}

const answersOtherThan = (tally: LoadTally, allowed: string[]) =>
  Object.fromEntries([...tally.answers].filter(([kind]) => !allowed.includes(kind)));

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

describe('the database goes away under a steady write load (SECURITY.md 30)', () => {
  it('answers 503 meanwhile, /readyz false, recovers by itself, keeps every acknowledged write once', async ({
    skip,
  }) => {
    const { db, machineIds } = await floor(6);
    if (!db.real) skip('needs real PostgreSQL: an outage of one database');
    const dbName = new URL(db.url).pathname.slice(1);
    let recovery = 0;
    const server = await start(db);
    const token = await signInManager(server.url);
    await openFault(server.url, token, machineIds[0]!);
    const load = startWriteLoad({
      url: () => server.url,
      token,
      machineIds,
      workers: 4,
      prefix: 'outage',
      pauseMs: 10,
    });
    const unblock = () =>
      sql(TEST_ADMIN_URL, `alter database "${dbName}" allow_connections true`).catch(() => []);
    cleanup.push(unblock);
    try {
      await sleep(1500);
      // What a restart does to the app: every connection cut, none accepted for a while.
      await sql(TEST_ADMIN_URL, `alter database "${dbName}" allow_connections false`);
      await sql(
        TEST_ADMIN_URL,
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [dbName],
      );
      const downAt = Date.now();
      expect(
        await until(async () => (await fetch(`${server.url}/readyz`)).status === 503, 5000),
      ).toBe(true);
      await sleep(2500);
      expect(server.child.exitCode).toBeNull();
      const duringOutage = load.tally.successes.filter((t) => t > downAt + 500).length;
      expect(duringOutage).toBe(0);
      expect(load.tally.answers.get('503 SERVICE_UNAVAILABLE') ?? 0).toBeGreaterThan(0);

      await unblock();
      const backAt = Date.now();
      expect(await until(async () => load.tally.successes.some((t) => t > backAt), 10_000)).toBe(
        true,
      );
      const recoveredInMs = Math.min(...load.tally.successes.filter((t) => t > backAt)) - backAt;
      expect(recoveredInMs).toBeLessThan(10_000);
      recovery = recoveredInMs;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      await sleep(1000);
    } finally {
      await load.stop();
    }
    expect(server.child.exitCode).toBeNull();
    report('database away 2.5 s', load.tally, { firstSuccessAfterBackMs: recovery });
    // Only successes and retryable refusals: never a 500, never a dropped connection.
    expect(answersOtherThan(load.tally, ['200', '503 SERVICE_UNAVAILABLE'])).toEqual({});
    expectAllAcknowledgedWritesOnce(await auditWrites(db.url, 'outage', load.tally), load.tally);
  }, 120_000);
});

describe('SIGTERM under a steady write load (SECURITY.md 29)', () => {
  it('answers what it ran, runs nothing it did not answer, closes sockets 1001, exits within 10 s', async () => {
    const { db, machineIds } = await floor(6);
    const server = await start(db);
    const token = await signInManager(server.url);
    const socket = connectSocket(server.url, token);
    const events = socket.subscribe<{ machineEvents: { id: string } }>(
      'subscription { machineEvents { id } }',
    );
    const load = startWriteLoad({
      url: () => server.url,
      token,
      machineIds,
      workers: 6,
      prefix: 'sigterm',
    });
    await sleep(1500);
    expect(events.items.length).toBeGreaterThan(0);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const exitedInMs = Date.now() - signalledAt;
    await load.stop();
    expect(exitCode).toBe(0);
    expect(exitedInMs).toBeLessThan(10_000);
    expect((await socket.closed).code).toBe(1001);
    await socket.dispose();
    report('SIGTERM', load.tally, { exitedInMs });

    // After the signal: successes, "shutting down" refusals, or refused connections only.
    expect(answersOtherThan(load.tally, ['200', '503 SERVICE_UNAVAILABLE', 'network'])).toEqual({});
    const audit = await auditWrites(db.url, 'sigterm', load.tally);
    expectAllAcknowledgedWritesOnce(audit, load.tally);
    // Every stored write was answered: a request that got no answer was not run.
    expect(audit.storedUnanswered).toEqual([]);
    expect(audit.stored).toBe(load.tally.raised.size);
  }, 120_000);
});

describe('kill -9 during a burst of writes (SECURITY.md 31)', () => {
  it('after a restart every acknowledged write is there once and every status is its recomputed value', async () => {
    const { db, machineIds } = await floor(8);
    const server = await start(db);
    const token = await signInManager(server.url);
    await openFault(server.url, token, machineIds[0]!);
    const load = startWriteLoad({
      url: () => server.url,
      token,
      machineIds,
      workers: 8,
      prefix: 'kill9',
    });
    await sleep(2000);
    server.child.kill('SIGKILL');
    await server.exited;
    await load.stop();
    expect(load.tally.answers.get('network') ?? 0).toBeGreaterThan(0);
    report('kill -9', load.tally);

    const restarted = await start(db);
    expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
    expectAllAcknowledgedWritesOnce(await auditWrites(db.url, 'kill9', load.tally), load.tally);
    // And it serves: a write after the restart goes through.
    const again = await graphqlOver(
      restarted.url,
      `mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "after restart" }) { id } }`,
      { m: machineIds[1] },
      await signInManager(restarted.url),
    );
    expect(again.errors).toBeUndefined();
  }, 120_000);
});

describe('two replicas on EVENT_BUS=postgres: one dies under its displays', () => {
  it('displays reconnect to the other with their cursor and miss nothing', async ({ skip }) => {
    const { db, machineIds } = await floor(4);
    if (!db.real) skip('needs real PostgreSQL: LISTEN/NOTIFY between two processes');
    const a = await start(db, { EVENT_BUS: 'postgres' });
    const b = await start(db, { EVENT_BUS: 'postgres' });
    const token = await signInManager(b.url);
    const [{ head }] = (await sql<{ head: string }>(
      db.url,
      'select coalesce(max(id), 0) as head from machine_events',
    )) as [{ head: string }];

    const QUERY = 'subscription ($since: ID) { machineEvents(since: $since) { id } }';
    /** A wall display: on A; when its socket drops, on B from the last event it showed. */
    const displays = Array.from({ length: 3 }, () => {
      const seen: number[] = [];
      const first = connectSocket(a.url, token);
      const onA = first.subscribe<{ machineEvents: { id: string } }>(QUERY, { since: head });
      const reconnected = onA.done.then(async () => {
        seen.push(...onA.items.map((i) => Number(i.machineEvents.id)));
        await first.dispose();
        const second = connectSocket(b.url, token);
        const since = String(seen.at(-1) ?? head);
        const onB = second.subscribe<{ machineEvents: { id: string } }>(QUERY, { since });
        return { second, onB };
      });
      return { onA, seen, reconnected };
    });
    await Promise.all(displays.map((d) => d.onA.waitFor(0)));

    const load = startWriteLoad({
      url: () => b.url,
      token,
      machineIds,
      workers: 3,
      prefix: 'replica',
      pauseMs: 20,
    });
    await sleep(1500);
    for (const d of displays) expect(d.onA.items.length).toBeGreaterThan(0);
    a.child.kill('SIGKILL');
    await a.exited;
    await sleep(1500);
    await load.stop();

    const stored = (
      await sql<{ id: string }>(db.url, 'select id from machine_events where id > $1 order by id', [
        head,
      ])
    ).map((r) => Number(r.id));
    expect(stored.length).toBeGreaterThan(0);
    for (const display of displays) {
      const { second, onB } = await display.reconnected;
      cleanup.push(() => second.dispose());
      const afterKill = stored.filter((id) => id > (display.seen.at(-1) ?? Number(head)));
      await onB.waitFor(afterKill.length, 15_000);
      const shown = [...display.seen, ...onB.items.map((i) => Number(i.machineEvents.id))];
      // Every stored event once, in order: nothing missed across the switch, nothing twice.
      expect(shown).toEqual(stored);
    }
    expect(load.tally.answers.get('200') ?? 0).toBeGreaterThan(0);
    report('replica killed under 3 displays', load.tally, { eventsAfterCursor: stored.length });
  }, 120_000);
});
