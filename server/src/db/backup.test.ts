import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServerOnce } from '../testing/build.js';
import { graphqlOver, PROCESS_MANAGER, signInManager } from '../testing/process-client.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';
import {
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database.js';
import { connectSocket } from '../testing/ws-client.js';

/**
 * The README's backup procedure, run: `pg_dump --format=custom` of a live database written
 * through the server, `pg_restore` into a fresh database, the server started on it. Statuses,
 * the event log and its cursors survive; new events continue above the restored ones.
 */

beforeAll(() => buildServerOnce(), 120_000);

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

function hasPgTools(): boolean {
  try {
    execFileSync('pg_dump', ['--version']);
    execFileSync('pg_restore', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function start(db: TestDatabase): Promise<ServerProcess> {
  const server = await startServerProcess({ DATABASE_URL: db.url, ...PROCESS_MANAGER });
  cleanup.push(() => server.stop());
  return server;
}

type Board = { lastEventId: string; nodes: { name: string; status: string }[] };
const BOARD = '{ machines(first: 100) { lastEventId nodes { name status } } }';
const EVENTS = 'subscription ($since: ID) { machineEvents(since: $since) { id type } }';

describe.skipIf(process.env.SHOPFLOOR_TEST_BACKEND === 'embedded')('backup and restore', () => {
  it('a dump restored into a fresh database serves the same floor, events and cursors', async ({
    skip,
  }) => {
    if (!hasPgTools()) skip('needs pg_dump and pg_restore on PATH');
    const source = await createTestDatabase();
    cleanup.push(() => source.drop());
    const server = await start(source);
    const token = await signInManager(server.url);
    const call = async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const answer = await graphqlOver<T>(server.url, query, variables, token);
      expect(answer.errors).toBeUndefined();
      return answer.data!;
    };
    const { createBuilding } = await call<{ createBuilding: { id: string } }>(
      'mutation { createBuilding(input: { name: "Backup hall" }) { id } }',
    );
    const ids: string[] = [];
    for (const name of ['Lathe', 'Mill', 'Press']) {
      const { createMachine } = await call<{ createMachine: { id: string } }>(
        `mutation ($b: ID!, $n: String!) { createMachine(input: { buildingId: $b, name: $n, importance: 3 }) { id } }`,
        { b: createBuilding.id, n: name },
      );
      ids.push(createMachine.id);
    }
    await call(
      'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "Coolant low" }) { id } }',
      { m: ids[0] },
    );
    const cursor = Number((await call<{ machines: Board }>(BOARD)).machines.lastEventId);
    expect(cursor).toBeGreaterThan(0);
    await call(
      `mutation ($m: ID!) { openFaultCase(input: { machineId: $m, description: "Jammed", severity: HIGH }) { id } }`,
      { m: ids[1] },
    );
    await call(
      'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "Vibration" }) { id } }',
      { m: ids[2] },
    );
    const boardBefore = (await call<{ machines: Board }>(BOARD)).machines;
    // What a display that saw events up to `cursor` gets when it reconnects, before the dump.
    const replayBefore = await replay(server.url, token, cursor);
    expect(replayBefore.length).toBeGreaterThan(0);

    // The dump is taken while the server runs (a consistent snapshot).
    const dir = mkdtempSync(join(tmpdir(), 'shopfloor-backup-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const dump = join(dir, 'shopfloor.dump');
    execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, source.url]);
    await server.stop();

    const target = await createEmptyTestDatabase();
    cleanup.push(() => target.drop());
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, dump]);
    const restored = await start(target);
    expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
    const restoredToken = await signInManager(restored.url);
    const board = await graphqlOver<{ machines: Board }>(restored.url, BOARD, {}, restoredToken);
    expect(board.data?.machines).toEqual(boardBefore);
    expect(boardBefore.nodes.map((m) => m.status).sort()).toEqual(['FAULT', 'WARNING', 'WARNING']);

    // The cursor from before the dump resumes on the restored server: the same events.
    const replayAfter = await replay(restored.url, restoredToken, cursor);
    expect(replayAfter).toEqual(replayBefore);

    // New events continue above the restored ones (the sequence came with the dump).
    const head = Number(boardBefore.lastEventId);
    expect(Math.max(...replayAfter.map((e) => Number(e.id)))).toBe(head);
    const socket = connectSocket(restored.url, restoredToken);
    cleanup.push(() => socket.dispose());
    const live = socket.subscribe<{ machineEvents: { id: string; type: string } }>(EVENTS, {
      since: String(head),
    });
    const warning = await graphqlOver<{ raiseWarning: { id: string } }>(
      restored.url,
      'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "After restore" }) { id } }',
      { m: ids[0] },
      restoredToken,
    );
    expect(warning.errors).toBeUndefined();
    const [first] = await live.waitFor(1, 10_000);
    expect(Number(first!.machineEvents.id)).toBeGreaterThan(head);
  }, 180_000);
});

async function replay(
  url: string,
  token: string,
  since: number,
): Promise<{ id: string; type: string }[]> {
  const socket = connectSocket(url, token);
  try {
    const events = socket.subscribe<{ machineEvents: { id: string; type: string } }>(EVENTS, {
      since: String(since),
    });
    // Replay arrives at once; a short quiet period ends it.
    let count = -1;
    while (count !== events.items.length) {
      count = events.items.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(events.errors).toEqual([]);
    return events.items.map((i) => i.machineEvents);
  } finally {
    await socket.dispose();
  }
}
