import { startTestServer, type TestServer } from './harness.js';
import { createTestDatabase } from './test-database.js';

/**
 * The servers a cache test needs: `memory` alone on its database (in-process bus), and two
 * replicas `a` and `b` sharing another (EVENT_BUS=postgres), each counting the SQL statements
 * it sends, so a test can tell a cached answer (none) from a computed one.
 */
export interface CacheTestServers {
  memory: TestServer;
  a: TestServer;
  b: TestServer;
  /** SQL statements the server has sent so far. */
  statementsSent(server: TestServer): number;
  close(): Promise<void>;
}

export async function startCacheTestServers(): Promise<CacheTestServers> {
  const statements = new Map<TestServer | undefined, number>();
  const count = (server: () => TestServer | undefined) => () => {
    const s = server();
    statements.set(s, (statements.get(s) ?? 0) + 1);
  };
  const memoryDb = await createTestDatabase();
  const sharedDb = await createTestDatabase();
  const postgresBus = { EVENT_BUS: 'postgres' };
  // Filled in as they start: a server sends statements while starting (counted under undefined).
  const started: Partial<Record<'memory' | 'a' | 'b', TestServer>> = {};
  const memory = (started.memory = await startTestServer({
    testDatabase: memoryDb,
    onQuery: count(() => started.memory),
  }));
  const a = (started.a = await startTestServer({
    testDatabase: sharedDb,
    env: postgresBus,
    onQuery: count(() => started.a),
  }));
  const b = (started.b = await startTestServer({
    testDatabase: sharedDb,
    env: postgresBus,
    onQuery: count(() => started.b),
  }));
  return {
    memory,
    a,
    b,
    statementsSent: (server) => statements.get(server) ?? 0,
    async close() {
      await memory.close();
      await a.close();
      await b.close();
      await memoryDb.drop();
      await sharedDb.drop();
    },
  };
}
