// `npm run bench:rest`: sustained sensor traffic against one real server on a fresh database
// of the local PostgreSQL, sent once through the REST adapter and once as the same GraphQL
// operations to /graphql. Phases alternate (REST, GraphQL, GraphQL, REST, ...) because this machine
// is shared and noisy; the medians are compared. Loopback only, bounded in time.
//
//   BENCH_SECONDS=10  seconds per phase     BENCH_CONNECTIONS=50  concurrent clients
//   BENCH_ROUNDS=4    REST+GraphQL pairs    BENCH_DATABASE_URL     admin URL of the PostgreSQL
//   BENCH_IDEMPOTENCY=0  REST without Idempotency-Key (the adapter alone)
//   BENCH_QUICK=1        5 s, 20 connections, 3 rounds (what `npm run bench` uses)
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  freshDatabase,
  gql,
  MANAGER,
  metric,
  percentile,
  printTable,
  processUsage,
  resultRow,
  root,
  startServer,
  writeResult,
} from './lib.mjs';

const dist = join(root, 'server', 'dist');
const load = (path) => import(pathToFileURL(join(dist, path)).href);

const quick = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 5 : 10));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? (quick ? 20 : 50));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 3 : 4));
const MACHINES = CONNECTIONS;
const IDEMPOTENCY = process.env.BENCH_IDEMPOTENCY !== '0';
const CODES = ['TEMP_HIGH', 'VIBRATION', 'PRESSURE_LOW', 'DOOR_OPEN'];

/** One request of the sensor mix: mostly warnings with a code (repeats), some fault reports. */
function makeRequest(kind, url, token, ops, machineIds, worker, n) {
  const machineId = machineIds[worker % machineIds.length];
  const fault = n % 5 === 4;
  const code = CODES[n % CODES.length];
  if (kind === 'rest') {
    const path = fault
      ? `/api/machines/${machineId}/faults/`
      : `/api/machines/${machineId}/warnings/`;
    const body = fault
      ? { description: `Sensor fault ${code}`, severity: 'High' }
      : { message: `Condition ${code}`, code };
    return fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(IDEMPOTENCY ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: JSON.stringify(body),
    });
  }
  const query = fault ? ops.openFault : ops.raiseWarning;
  const input = fault
    ? { machineId, description: `Sensor fault ${code}`, severity: 'HIGH' }
    : { machineId, message: `Condition ${code}`, code };
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { input } }),
  });
}

async function phase(kind, server, token, ops, machineIds) {
  const { url } = server;
  const sqlBefore = await metric(url, 'shopfloor_sql_statements_total');
  const cpuBefore = processUsage(server.child.pid).cpuSeconds;
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        const res = await makeRequest(kind, url, token, ops, machineIds, worker, n);
        const text = await res.text();
        latencies.push(performance.now() - t0);
        if (res.status >= 300 || (kind === 'graphql' && text.includes('"errors"'))) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = processUsage(server.child.pid).cpuSeconds - cpuBefore;
  const sql = (await metric(url, 'shopfloor_sql_statements_total')) - sqlBefore;
  latencies.sort((a, b) => a - b);
  return {
    kind,
    requests: latencies.length,
    cpuMsPerRequest: (serverCpu * 1000) / latencies.length,
    sqlPerRequest: sql / latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
  };
}

const fmt = (r) =>
  `${r.kind.padEnd(7)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95
    .toFixed(1)
    .padStart(
      6,
    )} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req   SQL ${r.sqlPerRequest.toFixed(1)}/req   (${r.requests} requests, ${r.errors} errors)`;

async function main() {
  const { REST_OPERATIONS: ops } = await load('rest/routes/index.js');

  const db = await freshDatabase();
  // The server runs in its own process, so its CPU time per request can be read apart from
  // the load generator's; the adapter's rate limit would cap one client below this load.
  const server = await startServer(db.url, {
    REST_RATE_LIMIT_BURST: '0',
    REST_RATE_LIMIT_PER_SECOND: '0',
  });
  const password = MANAGER.password;
  try {
    const { url } = server;
    const login = await gql(
      url,
      'mutation ($e: String!, $p: String!) { login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken } }',
      {
        e: MANAGER.email,
        p: password,
      },
    );
    const manager = login.login.accessToken;
    const hall = (
      await gql(
        url,
        'mutation { createBuilding(input: { name: "Bench Hall" }) { id } }',
        {},
        manager,
      )
    ).createBuilding.id;
    const machineIds = [];
    for (let i = 0; i < MACHINES; i++) {
      const m = await gql(
        url,
        'mutation ($input: CreateMachineInput!) { createMachine(input: $input) { id } }',
        { input: { name: `Press ${i}`, buildingId: hall, importance: 3, assetCode: `BEN-${i}` } },
        manager,
      );
      machineIds.push(m.createMachine.id);
    }
    const client = await gql(
      url,
      'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }',
      {
        input: {
          name: 'Bench gateway',
          scopes: ['MACHINES_READ', 'WARNINGS_WRITE', 'FAULTS_WRITE'],
          buildingIds: [hall],
        },
      },
      manager,
    );
    const token = client.createApiClient.token;

    console.log(
      `bench:rest — ${CONNECTIONS} connections, ${MACHINES} machines, ${SECONDS}s per phase, ${ROUNDS} rounds`,
    );
    console.log(
      'mix: 80% POST warning with a sensor code (repeats after the first), 20% POST fault case (API-client dedup)',
    );
    console.log(
      `REST: POST /api/machines/<id>/{warnings,faults}/ ${IDEMPOTENCY ? 'with a fresh Idempotency-Key each' : 'without Idempotency-Key'}; GraphQL: the same operations to /graphql\n`,
    );
    // Warm-up of both paths: JIT, connection pool, Apollo's document cache, the first
    // (non-repeat) rows and the planner statistics of the growing tables.
    for (const kind of ['rest', 'graphql']) {
      await phase(kind, server, token, ops, machineIds).catch(() => undefined);
    }
    const results = { rest: [], graphql: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // ABBA order, so a drift over the run (tables growing, a neighbour's load) favours
      // neither path.
      const order = round % 2 === 0 ? ['rest', 'graphql'] : ['graphql', 'rest'];
      for (const kind of order) {
        const r = await phase(kind, server, token, ops, machineIds);
        results[kind].push(r);
        console.log(fmt(r));
      }
    }
    const of = (kind, key) => results[kind].map((r) => r[key]);
    const row = (figure, unit, key, digits) =>
      resultRow({
        case: `${CONNECTIONS} connections, sensor mix`,
        target: `REST adapter${IDEMPOTENCY ? ' (Idempotency-Key)' : ''}`,
        figure,
        unit,
        rounds: of('rest', key),
        baseline: { target: 'same operations to /graphql', rounds: of('graphql', key) },
        digits,
      });
    const errors = (kind) => results[kind].reduce((n, r) => n + r.errors, 0);
    const requests = (kind) => results[kind].reduce((n, r) => n + r.requests, 0);
    writeResult(
      'bench:rest',
      printTable(
        `REST adapter vs. GraphQL: ${SECONDS} s phases, medians of ${ROUNDS} alternating rounds`,
        [
          row('throughput', 'req/s', 'rps'),
          row('latency p50', 'ms', 'p50'),
          row('latency p99', 'ms', 'p99'),
          row('server CPU per request', 'ms', 'cpuMsPerRequest'),
          row('SQL statements per request', '', 'sqlPerRequest'),
        ],
        {
          notes: [
            'mix: 80% POST warning with a sensor code (repeats after the first), 20% POST fault case',
            `requests (errors): REST ${requests('rest')} (${errors('rest')}), GraphQL ${requests('graphql')} (${errors('graphql')})`,
            'goal: the adapter costs < 15% more server CPU per request than GraphQL (ratio < 1.15)',
            `load average at the end ${loadavg()
              .map((l) => l.toFixed(1))
              .join(' ')}`,
          ],
        },
      ),
    );
  } finally {
    await server.stop();
    await db.drop().catch((e) => console.error('drop failed', e.message));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
