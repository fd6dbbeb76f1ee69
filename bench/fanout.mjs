// npm run bench:fanout — N subscribers on one server, a writer changing a machine's status at a
// steady rate; latency from the event's commit stamp to its arrival at every subscriber, with
// delivered/expected, server CPU and memory, and SQL statements per delivery. In the same run
// the same figures for a bare `ws` broadcast of the same message to the same N clients: the
// floor on this machine. Settings: FANOUT_N (default "1000,5000"), FANOUT_RATE (events/s,
// default 4), FANOUT_SECONDS (default 10; 5 with BENCH_QUICK=1, which also means N=1000 only), FANOUT_ROUNDS (default 3, alternating the targets);
// FANOUT_PROFILE=<dir> writes a CPU profile of the server there.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  freshDatabase,
  gql,
  login,
  metric,
  percentile,
  printTable,
  processUsage,
  resultRow,
  root,
  sleep,
  startServer,
  writeResult,
} from './lib.mjs';

const quick = process.env.BENCH_QUICK === '1';
const sizes = (process.env.FANOUT_N ?? (quick ? '1000' : '1000,5000')).split(',').map(Number);
const rate = Number(process.env.FANOUT_RATE ?? 4);
const seconds = Number(process.env.FANOUT_SECONDS ?? (quick ? 5 : 10));
const rounds = Number(process.env.FANOUT_ROUNDS ?? 3);
/** Every socket sends the same text: the server's parse/validate cache applies as for real screens. */
const subscriptionFor = (machineId) =>
  `subscription { machineStatusChanged(machineIds: ["${machineId}"]) { eventId machineId buildingId status previousStatus changedAt } }`;

function startClients(url, count, token, query) {
  const worker = fork(
    join(root, 'bench', 'fanout-clients.mjs'),
    [url, String(count), token, query],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = (type) =>
    new Promise((resolve) => worker.on('message', (m) => m.type === type && resolve(m)));
  return {
    ready: next('ready'),
    report: () => {
      const p = next('report');
      worker.send('report');
      return p;
    },
    exit: () => worker.send('exit'),
  };
}

function startBaseline() {
  const child = fork(join(root, 'bench', 'fanout-baseline.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) =>
    child.on(
      'message',
      (m) => m.type === 'listening' && resolve({ child, url: `ws://127.0.0.1:${m.port}` }),
    ),
  );
}

async function measure({ target, n, token, machine, server, baseline }) {
  const query = subscriptionFor(machine.id);
  const wsUrl = target === 'graphql' ? `${server.url.replace('http', 'ws')}/graphql` : baseline.url;
  const clients = startClients(wsUrl, n, token, query);
  const { ready, failed } = await clients.ready;
  await sleep(1000); // let every subscription register
  const pid = target === 'graphql' ? server.child.pid : baseline.child.pid;
  const cpuBefore = processUsage(pid).cpuSeconds;
  const sqlBefore =
    target === 'graphql' ? await metric(server.url, 'shopfloor_sql_statements_total') : 0;

  const events = Math.round(rate * seconds);
  const started = Date.now();
  for (let i = 0; i < events; i++) {
    const due = started + (i * 1000) / rate;
    await sleep(Math.max(0, due - Date.now()));
    if (target === 'graphql') {
      const mutation =
        i % 2 === 0
          ? 'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "bench", code: "BENCH" }) { id } }'
          : 'mutation ($m: ID!) { clearWarning(machineId: $m, code: "BENCH") { id } }';
      await gql(server.url, mutation, { m: machine.id }, token);
    } else {
      baseline.child.send({
        type: 'broadcast',
        machineId: machine.id,
        buildingId: machine.building.id,
      });
    }
  }
  const expected = events * ready;
  let report;
  for (let waited = 0; waited < 15_000; waited += 250) {
    report = await clients.report();
    if (report.delivered >= expected) break;
    await sleep(250);
  }
  const usage = processUsage(pid);
  const sqlAfter =
    target === 'graphql' ? await metric(server.url, 'shopfloor_sql_statements_total') : 0;
  clients.exit();
  await sleep(500);
  const sorted = report.latencies.sort((a, b) => a - b);
  return {
    target,
    n,
    ready,
    failed,
    delivered: report.delivered,
    expected,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    cpuSeconds: usage.cpuSeconds - cpuBefore,
    rssMiB: usage.rssMiB,
    sqlStatements: sqlAfter - sqlBefore,
    writes: events,
  };
}

const db = await freshDatabase();
const server = await startServer(db.url, {
  WS_MAX_SOCKETS_PER_PRINCIPAL: '100000',
  ...(process.env.FANOUT_PROFILE
    ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=' + process.env.FANOUT_PROFILE }
    : {}),
});
const baseline = await startBaseline();
try {
  const token = await login(server.url);
  const { createBuilding } = await gql(
    server.url,
    'mutation { createBuilding(input: { name: "Bench Hall" }) { id } }',
    {},
    token,
  );
  const { createMachine } = await gql(
    server.url,
    'mutation ($b: ID!) { createMachine(input: { name: "Bench Press", buildingId: $b, importance: 5 }) { id building { id } } }',
    { b: createBuilding.id },
    token,
  );
  // SQL cost of the writes alone (no subscribers), to separate it from delivery cost.
  const sql0 = await metric(server.url, 'shopfloor_sql_statements_total');
  for (let i = 0; i < 20; i++) {
    await gql(
      server.url,
      i % 2 === 0
        ? 'mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "bench", code: "BENCH" }) { id } }'
        : 'mutation ($m: ID!) { clearWarning(machineId: $m, code: "BENCH") { id } }',
      { m: createMachine.id },
      token,
    );
  }
  const sqlPerWrite = ((await metric(server.url, 'shopfloor_sql_statements_total')) - sql0) / 20;

  const results = [];
  for (const n of sizes) {
    for (let round = 0; round < rounds; round++) {
      for (const target of round % 2 === 0 ? ['graphql', 'bare-ws'] : ['bare-ws', 'graphql']) {
        const r = await measure({ target, n, token, machine: createMachine, server, baseline });
        results.push(r);
        process.stdout.write(
          `  ${target.padEnd(8)} N=${n} round ${round + 1}: p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
            `${r.delivered}/${r.expected} delivered, CPU ${r.cpuSeconds.toFixed(2)} s\n`,
        );
      }
    }
  }

  const rows = [];
  for (const n of sizes) {
    const of = (target, k) => results.filter((r) => r.n === n && r.target === target).map(k);
    const pair = (figure, unit, key, extra = {}) =>
      resultRow({
        case: `N=${n}`,
        target: 'our server (graphql-ws)',
        figure,
        unit,
        rounds: of('graphql', key),
        baseline: { target: 'bare ws broadcast', rounds: of('bare-ws', key) },
        ...extra,
      });
    const share = (r) => r.delivered / Math.max(1, r.expected);
    rows.push(
      pair('latency p50', 'ms', (r) => r.p50),
      pair('latency p99', 'ms', (r) => r.p99),
      pair('delivered / expected', '', share, { digits: 3 }),
      pair('server CPU for the run', 's', (r) => r.cpuSeconds),
      pair('server RSS', 'MiB', (r) => r.rssMiB),
      resultRow({
        case: `N=${n}`,
        target: 'our server (graphql-ws)',
        figure: "SQL statements per delivery (the writes' own subtracted)",
        unit: '',
        rounds: of(
          'graphql',
          (r) => Math.max(0, r.sqlStatements - r.writes * sqlPerWrite) / Math.max(1, r.delivered),
        ),
        digits: 4,
      }),
    );
  }
  writeResult(
    'bench:fanout',
    printTable(
      `Fan-out: ${rate} status changes/s for ${seconds} s to N subscribers, medians of ${rounds} alternating rounds`,
      rows,
      {
        notes: [
          `SQL statements per write, measured alone: ${sqlPerWrite.toFixed(1)}; the bare ws floor runs no SQL, so that row has no ratio`,
          `load average at the end ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
        ],
      },
    ),
  );
} finally {
  baseline.child.kill();
  await server.stop();
  await db.drop();
}
