// npm run bench:fanout — N subscribers on one server, a writer changing a machine's status at a
// steady rate; latency from the event's commit stamp to its arrival at every subscriber, with
// delivered/expected, server CPU and memory, and SQL statements per delivery. In the same run
// the same figures for a bare `ws` broadcast of the same message to the same N clients: the
// floor on this machine. Settings: FANOUT_N (default "1000,5000"), FANOUT_RATE (events/s,
// default 4), FANOUT_SECONDS (default 10), FANOUT_ROUNDS (default 2, alternating the targets);
// FANOUT_PROFILE=<dir> writes a CPU profile of the server there.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import {
  freshDatabase,
  gql,
  login,
  median,
  metric,
  percentile,
  processUsage,
  root,
  sleep,
  startServer,
} from './lib.mjs';

const sizes = (process.env.FANOUT_N ?? '1000,5000').split(',').map(Number);
const rate = Number(process.env.FANOUT_RATE ?? 4);
const seconds = Number(process.env.FANOUT_SECONDS ?? 10);
const rounds = Number(process.env.FANOUT_ROUNDS ?? 2);
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

  console.log(
    `\nFan-out: ${rate} status changes/s for ${seconds} s, ${rounds} rounds per target (medians of rounds)`,
  );
  console.log(
    'target    N      p50 ms  p95 ms  p99 ms  delivered/expected  server CPU s  RSS MiB  SQL/delivery',
  );
  for (const n of sizes) {
    const row = {};
    for (const target of ['graphql', 'bare-ws']) {
      const rs = results.filter((r) => r.n === n && r.target === target);
      const m = (k) => median(rs.map((r) => r[k]));
      const delivered = rs.reduce((a, r) => a + r.delivered, 0);
      const expected = rs.reduce((a, r) => a + r.expected, 0);
      const sqlPerDelivery =
        target === 'graphql'
          ? (
              rs.reduce((a, r) => a + r.sqlStatements - r.writes * sqlPerWrite, 0) /
              Math.max(1, delivered)
            ).toFixed(4)
          : '-';
      row[target] = { p99: m('p99') };
      console.log(
        `${target.padEnd(9)} ${String(n).padEnd(6)} ${String(m('p50')).padStart(6)}  ${String(m('p95')).padStart(6)}  ${String(m('p99')).padStart(6)}  ` +
          `${`${delivered}/${expected}`.padStart(18)}  ${m('cpuSeconds').toFixed(2).padStart(12)}  ${m('rssMiB').toFixed(0).padStart(7)}  ${String(sqlPerDelivery).padStart(12)}`,
      );
    }
    console.log(
      `  p99 ratio graphql / bare ws at N=${n}: ${(row.graphql.p99 / Math.max(1, row['bare-ws'].p99)).toFixed(2)}x`,
    );
  }
  console.log(`  (SQL statements per write, measured alone: ${sqlPerWrite.toFixed(1)})`);
} finally {
  baseline.child.kill();
  await server.stop();
  await db.drop();
}
