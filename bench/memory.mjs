// npm run bench:memory — the server's memory (issue 13: "server RSS at 5,000 machines and 5,000
// subscribers printed, and no growth over a 10-minute soak of steady writes and reconnecting
// subscribers").
//
// 1. A fleet of MEMORY_MACHINES (bench/fleet.mjs) and MEMORY_SUBSCRIBERS wall displays, each one
//    graphql-ws socket with the web display's own two subscriptions (documents read from
//    web/src/lib/display/display.graphql.ts), one display link per building, opened by worker
//    processes (bench/memory-clients.mjs). Rounds alternate: the server with no subscribers
//    (the baseline), then with all of them; RSS from /proc, heapUsed from /metrics (each the
//    median of a few samples taken after the sockets settled).
// 2. A soak of BENCH_SOAK_MINUTES (default 10) after BENCH_SOAK_WARMUP_SECONDS (default 60):
//    sensor writes through REST (raise/clear warnings, MEMORY_WRITE_RATE a second) while
//    MEMORY_CHURN displays reconnect every 5 s (resuming with `since`). RSS and heapUsed are
//    sampled every MEMORY_SAMPLE_SECONDS; printed: start/end values and least-squares slopes.
//    Baseline in the same run: a second server process on the same database with no clients
//    (a replica that only follows the event bus), sampled at the same moments.
//
//   MEMORY_MACHINES=5000  MEMORY_SUBSCRIBERS=5000  MEMORY_ROUNDS=3  MEMORY_WORKERS=2
//   MEMORY_WRITE_RATE=5  MEMORY_CHURN=50  MEMORY_SAMPLE_SECONDS=5
// (5 writes/s are ~10 events/s, each delivered with the display's whole tile to the ~100
// displays of its building: ~1,000 deliveries/s, about what this 2-core host sustains; at 20
// writes/s the server fell behind and stopped answering /metrics within 10 s.)
//   BENCH_SOAK_MINUTES=10 BENCH_SOAK_WARMUP_SECONDS=60
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  freshDatabase,
  gql,
  login,
  median,
  metric,
  printTable,
  processUsage,
  resultRow,
  root,
  sleep,
  slope,
  startServer,
  writeResult,
} from './lib.mjs';
import { migrateDatabase, seedFleet } from './fleet.mjs';

const quick = process.env.BENCH_QUICK === '1';
const MACHINES = Number(process.env.MEMORY_MACHINES ?? 5000);
const SUBSCRIBERS = Number(process.env.MEMORY_SUBSCRIBERS ?? 5000);
const ROUNDS = Number(process.env.MEMORY_ROUNDS ?? 3);
const WORKERS = Number(process.env.MEMORY_WORKERS ?? 2);
const WRITE_RATE = Number(process.env.MEMORY_WRITE_RATE ?? 5);
const CHURN = Number(process.env.MEMORY_CHURN ?? 50);
const SAMPLE_SECONDS = Number(process.env.MEMORY_SAMPLE_SECONDS ?? 5);
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 2 : 10));
const WARMUP_SECONDS = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? (quick ? 30 : 60));
const MiB = 1024 * 1024;

/** A document of the web app, as the browser sends it (its fragments appended). */
function webDocument(file, name, fragments = []) {
  const documentOf = (path, n) => {
    const source = readFileSync(join(root, 'web/src/lib', path), 'utf8');
    const match = new RegExp(`graphql\\(\`\\s*(${n}[^\`]*)\`\\)`).exec(source);
    if (!match) throw new Error(`${n} not found in ${path}`);
    return match[1].trim();
  };
  return [documentOf(file, name), ...fragments.map(([f, n]) => documentOf(f, n))].join('\n\n');
}

const EVENTS = webDocument('display/display.graphql.ts', 'subscription DisplayEvents', [
  ['board/board.graphql.ts', 'fragment BoardMachine'],
]);
const REPEATS = webDocument('display/display.graphql.ts', 'subscription DisplayWarningRepeats');

/** Resident memory (/proc) and V8 heap in use (/metrics) of a server, in MiB. */
async function memoryOf(server) {
  const rss = processUsage(server.child.pid).rssMiB;
  // A server too busy to answer /metrics in time gives no heap sample (RSS still counts).
  const sample = (name) =>
    Promise.race([
      metric(server.url, name).then(
        (bytes) => bytes / MiB,
        () => NaN,
      ),
      sleep(SAMPLE_SECONDS * 1000).then(() => NaN),
    ]);
  // External: Buffers and other memory outside the JS heap (e.g. socket data not yet sent).
  const [heap, external] = await Promise.all([
    sample('nodejs_heap_size_used_bytes'),
    sample('nodejs_external_memory_bytes'),
  ]);
  return { rss, heap, external };
}

/** The median of `count` samples a second apart (one sample is at the mercy of the GC). */
async function settledMemory(server, count = 5) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    samples.push(await memoryOf(server));
    await sleep(1000);
  }
  return { rss: median(samples.map((s) => s.rss)), heap: median(samples.map((s) => s.heap)) };
}

function startWorker() {
  const child = fork(join(root, 'bench', 'memory-clients.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const call = (message, reply) =>
    new Promise((resolve) => {
      const listener = (m) => {
        if (m.type !== reply) return;
        child.off('message', listener);
        resolve(m);
      };
      child.on('message', listener);
      child.send(message);
    });
  return { child, call };
}

/** Opens every display across the workers; returns how many got their connection_ack. */
async function openDisplays(workers, url, links) {
  const head = async (link) =>
    (
      await gql(
        url.http,
        'query ($b: [ID!]) { machines(first: 1, filter: { buildingIds: $b }) { lastEventId } }',
        { b: link.buildingIds },
        link.token,
      )
    ).machines.lastEventId;
  const since = await head(links[0]);
  const displays = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const link = links[i % links.length];
    return { token: link.token, buildingIds: link.buildingIds, since };
  });
  const results = await Promise.all(
    workers.map((w, k) =>
      w.call(
        {
          type: 'open',
          url: url.ws,
          displays: displays.filter((_, i) => i % workers.length === k),
          events: EVENTS,
          repeats: REPEATS,
        },
        'opened',
      ),
    ),
  );
  return results.reduce((a, r) => a + r.ready, 0);
}

async function counters(workers) {
  const reports = await Promise.all(workers.map((w) => w.call({ type: 'report' }, 'report')));
  const sum = (k) => reports.reduce((a, r) => a + r[k], 0);
  return {
    open: sum('open'),
    delivered: sum('delivered'),
    errors: sum('errors'),
    reconnects: sum('reconnects'),
    refused: sum('refused'),
    firstError: reports.find((r) => r.firstError)?.firstError,
  };
}

/** Sensor writes at a steady rate until `stop()`: raise, then clear, a warning per machine. */
function startWrites(url, token, assetCodes) {
  let running = true;
  let sent = 0;
  let failed = 0;
  let firstFailure;
  const done = (async () => {
    const started = Date.now();
    const inFlight = new Set();
    for (let i = 0; running; i++) {
      const due = started + (i * 1000) / WRITE_RATE;
      await sleep(Math.max(0, due - Date.now()));
      // Each machine is raised on one pass over the fleet and cleared on the next.
      const asset = assetCodes[i % assetCodes.length];
      const raise = Math.floor(i / assetCodes.length) % 2 === 0;
      const request = fetch(`${url}/api/machines/${asset}/warnings/${raise ? '' : '?code=SOAK'}`, {
        method: raise ? 'POST' : 'DELETE',
        headers: {
          authorization: `Bearer ${token}`,
          ...(raise ? { 'content-type': 'application/json' } : {}),
        },
        body: raise ? JSON.stringify({ message: 'Soak condition', code: 'SOAK' }) : undefined,
      })
        .then(async (res) => {
          const text = await res.text();
          if (res.status >= 300) {
            failed++;
            firstFailure ??= `${raise ? 'POST' : 'DELETE'} ${res.status} ${text.slice(0, 200)}`;
          }
        })
        .catch((error) => {
          failed++;
          firstFailure ??= error.message;
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
      sent++;
    }
    await Promise.all(inFlight);
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { sent, failed, firstFailure };
    },
  };
}

const fixed = (v, d = 1) => v.toFixed(d);
const log = (line) => process.stdout.write(`${line}\n`);

const db = await freshDatabase();
let server;
let replica;
const workers = [];
try {
  migrateDatabase(db.url);
  const seeded = await seedFleet(db.url, MACHINES);
  const serverEnv = {
    WS_MAX_SOCKETS_PER_PRINCIPAL: '100000',
    REST_RATE_LIMIT_BURST: '0',
    REST_RATE_LIMIT_PER_SECOND: '0',
  };
  server = await startServer(db.url, serverEnv);
  const token = await login(server.url);
  const { buildings } = await gql(server.url, 'query { buildings { id name } }', {}, token);
  // One display link per building, as a plant hangs a screen (or several) in every hall.
  const links = [];
  for (const b of buildings) {
    const { createDisplayLink } = await gql(
      server.url,
      'mutation ($b: [ID!]!, $n: String!) { createDisplayLink(input: { name: $n, buildingIds: $b }) { token } }',
      { b: [b.id], n: `Wall of ${b.name}` },
      token,
    );
    links.push({ token: createDisplayLink.token, buildingIds: [b.id] });
  }
  const { createApiClient } = await gql(
    server.url,
    'mutation { createApiClient(input: { name: "Soak sensors", scopes: [WARNINGS_WRITE, MACHINES_READ] }) { token } }',
    {},
    token,
  );
  const sensorToken = createApiClient.token;
  const assetCodes = Array.from(
    { length: MACHINES },
    (_, i) => `BM-${String(i + 1).padStart(5, '0')}`,
  );
  for (let i = 0; i < WORKERS; i++) workers.push(startWorker());
  log(
    `bench:memory — ${seeded.machines} machines (${seeded.activeWarnings} active warnings, ` +
      `${seeded.openCases} open cases, ${seeded.events} events), ${buildings.length} buildings, ` +
      `${SUBSCRIBERS} display subscribers in ${WORKERS} worker processes; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );

  // 1. RSS with and without the subscribers, alternating. Each round is a fresh server process
  // (a closed socket's memory is not handed back to the system at once, so the same process
  // "after" would not be a baseline): warmed by a sign-in and a board page, measured, then
  // measured again with every display subscribed. The last round's server stays for the soak.
  const without = [];
  const withSubscribers = [];
  let ready = 0;
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0) server = await startServer(db.url, serverEnv);
    const manager = await login(server.url);
    await gql(
      server.url,
      'query { machines(first: 40) { nodes { id name status } } }',
      {},
      manager,
    );
    without.push(await settledMemory(server));
    const url = { http: server.url, ws: `${server.url.replace('http', 'ws')}/graphql` };
    ready = await openDisplays(workers, url, links);
    // Every subscription registered (two a display) and its replay done, or a minute passed.
    for (let waited = 0; waited < 60_000; waited += 500) {
      if ((await metric(server.url, 'shopfloor_subscriptions')) >= 2 * ready) break;
      await sleep(500);
    }
    await sleep(2000);
    withSubscribers.push(await settledMemory(server));
    log(
      `  round ${round + 1}: no subscribers RSS ${fixed(without.at(-1).rss)} MiB heap ${fixed(without.at(-1).heap)} MiB; ` +
        `${ready} subscribers RSS ${fixed(withSubscribers.at(-1).rss)} MiB heap ${fixed(withSubscribers.at(-1).heap)} MiB`,
    );
    if (round < ROUNDS - 1) {
      await Promise.all(workers.map((w) => w.call({ type: 'close' }, 'closed')));
      await server.stop();
    }
  }
  const perSubscriberKiB = withSubscribers.map(
    (w, i) => ((w.rss - without[i].rss) * 1024) / Math.max(1, ready),
  );
  const subscribersCase = `${MACHINES} machines, ${SUBSCRIBERS} subscribers`;
  const noSubscribers = 'fresh server, no subscribers';
  writeResult(
    'bench:memory',
    printTable(
      `Server memory at ${MACHINES} machines and ${SUBSCRIBERS} display subscribers (medians of ${ROUNDS} alternating rounds)`,
      [
        resultRow({
          case: subscribersCase,
          target: 'server with the subscribers',
          figure: 'RSS',
          unit: 'MiB',
          rounds: withSubscribers.map((m) => m.rss),
          baseline: { target: noSubscribers, rounds: without.map((m) => m.rss) },
        }),
        resultRow({
          case: subscribersCase,
          target: 'server with the subscribers',
          figure: 'V8 heap used',
          unit: 'MiB',
          rounds: withSubscribers.map((m) => m.heap),
          baseline: { target: noSubscribers, rounds: without.map((m) => m.heap) },
        }),
        resultRow({
          case: subscribersCase,
          target: 'server with the subscribers',
          figure: 'RSS per subscriber (with − without)',
          unit: 'KiB',
          rounds: perSubscriberKiB,
        }),
      ],
      {
        notes: [
          `${ready} of ${SUBSCRIBERS} displays connected (one socket, two subscriptions each: DisplayEvents and DisplayWarningRepeats), one display link per building`,
          'each round a fresh server process: measured after a sign-in and a board page, then with every display subscribed; RSS from /proc, heap from /metrics (nodejs_heap_size_used_bytes), each the median of 5 samples a second apart',
          'the per-subscriber row has no ratio: it is itself a difference of the two rows above',
        ],
      },
    ),
  );

  // 2. The soak, with its baseline: a replica started now, without clients.
  replica = await startServer(db.url, serverEnv);
  log(
    `\nsoak: ${WARMUP_SECONDS} s warm-up, then ${SOAK_MINUTES} min; ${WRITE_RATE} sensor writes/s, ${CHURN} displays reconnecting every 5 s`,
  );
  const before = await counters(workers);
  const sqlBefore = await metric(server.url, 'shopfloor_sql_statements_total');
  const writes = startWrites(server.url, sensorToken, assetCodes);
  let churning = true;
  const churn = (async () => {
    while (churning) {
      await sleep(5000);
      if (!churning) break;
      await Promise.all(
        workers.map((w) => w.call({ type: 'churn', count: Math.ceil(CHURN / WORKERS) }, 'churned')),
      );
    }
  })();
  await sleep(WARMUP_SECONDS * 1000);
  const samples = { server: [], replica: [] };
  const soakStarted = Date.now();
  const soakEnds = soakStarted + SOAK_MINUTES * 60_000;
  for (let next = soakStarted; next <= soakEnds; next += SAMPLE_SECONDS * 1000) {
    await sleep(Math.max(0, next - Date.now()));
    const minutes = (Date.now() - soakStarted) / 60_000;
    const [s, r] = await Promise.all([memoryOf(server), memoryOf(replica)]);
    samples.server.push({ minutes, ...s });
    samples.replica.push({ minutes, ...r });
  }
  churning = false;
  await churn;
  const written = await writes.stop();
  const after = await counters(workers);
  const sqlStatements = (await metric(server.url, 'shopfloor_sql_statements_total')) - sqlBefore;

  const slopeOf = (series, key, from = 0, to = Infinity) =>
    slope(
      series
        .filter((p) => p.minutes >= from && p.minutes <= to && Number.isFinite(p[key]))
        .map((p) => ({ x: p.minutes, y: p[key] })),
    );
  const half = SOAK_MINUTES / 2;
  const ends = (series, key) => {
    const known = series.filter((p) => Number.isFinite(p[key]));
    return { start: known.slice(0, 3).map((p) => p[key]), end: known.slice(-3).map((p) => p[key]) };
  };
  const rows = [];
  for (const [key, figure] of [
    ['rss', 'RSS'],
    ['heap', 'V8 heap used'],
    ['external', 'external memory (Buffers)'],
  ]) {
    const e = ends(samples.server, key);
    rows.push(
      resultRow({
        case: `soak ${SOAK_MINUTES} min`,
        target: 'server under soak',
        figure: `${figure} at the end (last 3 samples)`,
        unit: 'MiB',
        rounds: e.end,
        baseline: { target: 'start of soak (first 3 samples)', rounds: e.start },
      }),
      resultRow({
        case: `soak ${SOAK_MINUTES} min`,
        target: 'server under soak',
        figure: `${figure} slope, least squares`,
        unit: 'MiB/min',
        rounds: [slopeOf(samples.server, key)],
        baseline: { target: 'idle replica, same moments', value: slopeOf(samples.replica, key) },
        digits: 3,
        ratio: null,
      }),
      resultRow({
        case: `soak ${SOAK_MINUTES} min`,
        target: 'server under soak',
        figure: `${figure} slope, second half`,
        unit: 'MiB/min',
        rounds: [slopeOf(samples.server, key, half)],
        baseline: { target: 'first half', value: slopeOf(samples.server, key, 0, half) },
        digits: 3,
        ratio: null,
      }),
    );
    const r = ends(samples.replica, key);
    rows.push(
      resultRow({
        case: `soak ${SOAK_MINUTES} min`,
        target: 'idle replica (no clients)',
        figure: `${figure} at the end (last 3 samples)`,
        unit: 'MiB',
        rounds: r.end,
        baseline: { target: 'start of soak (first 3 samples)', rounds: r.start },
      }),
    );
  }
  const sent = written.sent;
  writeResult(
    'bench:memory',
    printTable(
      `Soak: ${SOAK_MINUTES} min of steady sensor writes and reconnecting displays (after ${WARMUP_SECONDS} s warm-up), samples every ${SAMPLE_SECONDS} s`,
      rows,
      {
        notes: [
          `${sent} REST writes (${written.failed} failed), ${after.reconnects - before.reconnects} reconnects (${after.refused - before.refused} refused before their ack), ` +
            `${after.delivered - before.delivered} events delivered, ${after.errors - before.errors} subscription errors, ` +
            `${after.open} sockets open at the end; ${samples.server.length} samples`,
          `server SQL statements during warm-up and soak: ${sqlStatements} (${(sqlStatements / Math.max(1, after.delivered - before.delivered)).toFixed(2)} per delivered event, writes and reconnects included)`,
          ...(written.firstFailure ? [`first failed write: ${written.firstFailure}`] : []),
          ...(after.firstError ? [`first subscription error: ${after.firstError}`] : []),
          'slopes: no ratio (two slopes near zero make a meaningless ratio); compare them as differences. ' +
            'The idle replica is a second server process on the same database with no clients: it follows the event bus only',
          `load average at the end ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
        ],
      },
    ),
  );
} finally {
  for (const w of workers) w.child.kill();
  await replica?.stop();
  await server?.stop();
  await db.drop();
}
