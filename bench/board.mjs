// npm run bench:board — the board read path. Board pages (the web board's own query, read from
// web/src/lib/board/board.graphql.ts, with pages of BOARD_PAGE machines: building, technicians,
// active warnings, open case) of realistic fleets (bench/fleet.mjs), through our whole server
// (POST /graphql), against two floors in the same run on the same data (bench/board-baseline.mjs):
// raw node:http + pg with one hand-written statement answering the same JSON bytes, and bare
// graphql-js `execute` of the same document on a minimal schema over that statement. Every
// figure is the median of BOARD_ROUNDS rounds in which the targets alternate (ABC, CBA, ...);
// each ratio is to raw in the same run. Server CPU is read from /proc of each target's process.
//
//   BOARD_N=200,2000,5000  fleet sizes      BOARD_SECONDS=5  seconds per phase
//   BOARD_ROUNDS=3         rounds           BOARD_CONNECTIONS=20  concurrent clients
//   BOARD_PAGE=50          machines a page  BOARD_TARGETS=server,cached,graphql-js,raw
// `server` runs with BOARD_CACHE=off (the read path itself); `cached` is a second process of
// our server on the same database with the board cache on (modules/machines/board-cache.ts):
// after the warm-up every page is answered from it, as on a board nobody writes to.
//   BOARD_PROFILE=<dir>    writes a CPU profile of our server there (--cpu-prof)
// Then a wall display opening its whole board, uncached and cached: the display's own query
// (`wholeBoard`, one round trip) against the board's pages of 40 (how displays read it before),
// BOARD_DISPLAY_OPENINGS (5) openings per measurement.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import {
  freshDatabase,
  login,
  metric,
  printTable,
  processUsage,
  resultRow,
  root,
  sleep,
  startServer,
  writeResult,
} from './lib.mjs';
import { migrateDatabase, seedFleet } from './fleet.mjs';

const sizes = (process.env.BOARD_N ?? '200,2000,5000').split(',').map(Number);
const SECONDS = Number(process.env.BOARD_SECONDS ?? 5);
const ROUNDS = Number(process.env.BOARD_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BOARD_CONNECTIONS ?? 20);
const PAGE = Number(process.env.BOARD_PAGE ?? 50);
const TARGETS = (process.env.BOARD_TARGETS ?? 'server,cached,graphql-js,raw').split(',');
const PROFILE = process.env.BOARD_PROFILE;

/** A document of the web app as the browser sends it. */
function documentOf(file, name) {
  const source = readFileSync(join(root, 'web/src/lib', file), 'utf8');
  const match = new RegExp(`graphql\\(\`\\s*(${name}[^\`]*)\`\\)`).exec(source);
  if (!match) throw new Error(`${name} not found in ${file}`);
  return match[1].trim();
}

/** The web board's tile, shared by every document below. */
const BOARD_MACHINE = documentOf('board/board.graphql.ts', 'fragment BoardMachine');

/** The web board's query as the browser sends it, with our page size. */
function boardQuery() {
  const query = documentOf('board/board.graphql.ts', 'query BoardMachines').replace(
    /first: \d+/,
    `first: ${PAGE}`,
  );
  return `${query}\n\n${BOARD_MACHINE}`;
}

/**
 * How a wall display reads its whole board: `whole` is web/src/lib/display's own query (one
 * round trip, `wholeBoard`); `pages` is how it read it before, the board's `machines` 40 at a
 * time (the cost limit's page size for this fragment), kept as the baseline.
 */
const DISPLAY_READS = {
  whole: `${documentOf('display/display.graphql.ts', 'query DisplayBoard')}\n\n${BOARD_MACHINE}`,
  pages: `query DisplayPages($after: String, $buildingIds: [ID!]) {
      machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {
        lastEventId
        nodes { ...BoardMachine }
        pageInfo { endCursor hasNextPage }
      }
    }\n\n${BOARD_MACHINE}`,
};
/** Openings per measurement: CPU is read from /proc in ticks of 10 ms. */
const OPENINGS = Number(process.env.BOARD_DISPLAY_OPENINGS ?? 5);

/** One display opening its whole board: the machines and the round trips it took. */
async function openDisplay(url, read, displayToken, buildingIds) {
  const query = DISPLAY_READS[read];
  if (read === 'whole') {
    const text = await post(
      url,
      JSON.stringify({ query, variables: { buildingIds } }),
      displayToken,
    );
    return { machines: JSON.parse(text).data.wholeBoard.machines, roundTrips: 1 };
  }
  const machines = [];
  let roundTrips = 0;
  for (let after = null; ;) {
    const text = await post(
      url,
      JSON.stringify({ query, variables: { after, buildingIds } }),
      displayToken,
    );
    roundTrips++;
    const page = JSON.parse(text).data.machines;
    machines.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return { machines, roundTrips };
    after = page.pageInfo.endCursor;
  }
}

/** OPENINGS openings in a row: server CPU and wall time per opening. */
async function displayOpenings(target, read, { url, child }, displayToken, buildingIds) {
  const cpuBefore = processUsage(child.pid).cpuSeconds;
  const started = performance.now();
  let roundTrips = 0;
  for (let i = 0; i < OPENINGS; i++) {
    roundTrips = (await openDisplay(url, read, displayToken, buildingIds)).roundTrips;
  }
  return {
    target,
    read,
    roundTrips,
    wallMs: (performance.now() - started) / OPENINGS,
    cpuMs: ((processUsage(child.pid).cpuSeconds - cpuBefore) * 1000) / OPENINGS,
  };
}

function startBaseline(mode, databaseUrl) {
  const child = fork(join(root, 'bench', 'board-baseline.mjs'), [mode, databaseUrl, String(PAGE)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) =>
    child.on('message', (m) => {
      if (m.type === 'listening') {
        resolve({ child, url: `http://127.0.0.1:${m.port}`, stop: () => child.kill() });
      }
    }),
  );
}

async function post(url, body, token) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"')) throw new Error(text.slice(0, 500));
  return text;
}

async function phase(target, { url, child, token, bodies, metricsUrl }) {
  const sqlBefore = metricsUrl ? await metric(metricsUrl, 'shopfloor_sql_statements_total') : 0;
  const cpuBefore = processUsage(child.pid).cpuSeconds;
  let requests = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let n = worker; performance.now() < deadline; n++) {
        await post(url, bodies[n % bodies.length], token);
        requests++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = processUsage(child.pid).cpuSeconds - cpuBefore;
  const sql = metricsUrl
    ? (await metric(metricsUrl, 'shopfloor_sql_statements_total')) - sqlBefore
    : NaN;
  return {
    target,
    rps: requests / seconds,
    cpuMs: (cpu * 1000) / requests,
    sqlPerRequest: sql / requests,
  };
}

/** The server answers /healthz while it still waits for its database: sign in once it is ready. */
async function loginWhenReady(url) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await login(url);
    } catch (error) {
      if (attempt > 600 || !String(error.message).includes('SERVICE_UNAVAILABLE')) throw error;
      await sleep(100);
    }
  }
}

async function measureFleet(n, query) {
  const db = await freshDatabase();
  const stops = [];
  try {
    migrateDatabase(db.url);
    const seeded = await seedFleet(db.url, n);
    const profileEnv = PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE}` } : {};
    const server = await startServer(db.url, { ...profileEnv, BOARD_CACHE: 'off' });
    stops.push(server.stop);
    const token = await loginWhenReady(server.url);
    // Every page of the board, in order: the cursors come from our server.
    const bodies = [];
    const expected = [];
    for (let after = null; ;) {
      const body = JSON.stringify({ query, variables: { after } });
      const text = await post(server.url, body, token);
      bodies.push(body);
      expected.push(text);
      const page = JSON.parse(text).data.machines;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const targets = { server: { ...server, token, bodies, metricsUrl: server.url } };
    if (TARGETS.includes('cached')) {
      const cached = await startServer(db.url, { BOARD_CACHE: 'on' });
      stops.push(cached.stop);
      await loginWhenReady(cached.url);
      targets.cached = { ...cached, token, bodies, metricsUrl: cached.url };
      // Filled and checked: a cached page must be the very bytes the uncached server sends.
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < bodies.length; i++) {
          const text = await post(cached.url, bodies[i], token);
          if (text !== expected[i]) throw new Error(`cached page ${i} differs from the server's`);
        }
      }
    }
    for (const mode of ['graphql-js', 'raw'].filter((t) => TARGETS.includes(t))) {
      const baseline = await startBaseline(mode === 'raw' ? 'raw' : 'graphql', db.url);
      stops.push(baseline.stop);
      targets[mode] = { ...baseline, token, bodies };
      // The floors must answer exactly what the server answers, or the comparison means nothing.
      for (let i = 0; i < bodies.length; i++) {
        const text = await post(baseline.url, bodies[i], token);
        if (text !== expected[i]) {
          let at = 0;
          while (at < text.length && text[at] === expected[i][at]) at++;
          throw new Error(
            `${mode} page ${i} differs at ${at}:\n server ${expected[i].slice(at - 80, at + 80)}\n ${mode} ${text.slice(at - 80, at + 80)}`,
          );
        }
      }
    }
    console.log(
      `N=${n}: ${seeded.machines} machines, ${seeded.activeWarnings} active warnings, ${seeded.openCases} open cases, ${seeded.events} events; ${bodies.length} pages of ${PAGE}, ${expected[0].length} bytes a page`,
    );
    const order = TARGETS.filter((t) => targets[t]);
    for (const t of order) await phase(t, targets[t]); // warm-up: JIT, pools, caches
    const results = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 === 0 ? order : [...order].reverse()) {
        const r = await phase(t, targets[t]);
        results.push(r);
        console.log(
          `  round ${round + 1} ${t.padEnd(10)} ${r.rps.toFixed(0).padStart(5)} req/s  ${r.cpuMs.toFixed(2).padStart(6)} ms CPU/req`,
        );
      }
    }
    // The display's whole board, on our server uncached and cached.
    const display = [];
    const displayTargets = ['server', 'cached'].filter((t) => targets[t]);
    if (displayTargets.length > 0) {
      const { buildings } = JSON.parse(
        await post(server.url, JSON.stringify({ query: '{ buildings { id } }' }), token),
      ).data;
      const buildingIds = buildings.map((b) => b.id);
      const link = JSON.parse(
        await post(
          server.url,
          JSON.stringify({
            query:
              'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }',
            variables: { input: { name: 'bench wall', buildingIds } },
          }),
          token,
        ),
      ).data.createDisplayLink.token;
      // Both reads give the same board, machine for machine.
      const whole = await openDisplay(server.url, 'whole', link, buildingIds);
      const paged = await openDisplay(server.url, 'pages', link, buildingIds);
      if (JSON.stringify(whole.machines) !== JSON.stringify(paged.machines))
        throw new Error('wholeBoard differs from the pages of machines');
      const cases = displayTargets.flatMap((t) => ['pages', 'whole'].map((read) => [t, read]));
      // Warm-up: JIT, and the cached server's cache for this link.
      for (const [t, read] of cases) await displayOpenings(t, read, targets[t], link, buildingIds);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [t, read] of round % 2 === 0 ? cases : [...cases].reverse()) {
          display.push(await displayOpenings(t, read, targets[t], link, buildingIds));
        }
      }
    }
    return { n, results, display };
  } finally {
    for (const stop of stops.reverse()) await stop();
    await db.drop().catch((e) => console.error('drop failed', e.message));
  }
}

const LABELS = {
  server: 'our server, POST /graphql',
  cached: 'our server, board cache on',
  'graphql-js': 'bare graphql-js execute over pg',
  raw: 'raw node:http + pg, hand SQL',
};

async function main() {
  const query = boardQuery();
  console.log(
    `bench:board — pages of ${PAGE} machines, ${CONNECTIONS} connections, ${SECONDS}s per phase, ${ROUNDS} alternating rounds, N = ${sizes.join(', ')}\n`,
  );
  const fleets = [];
  for (const n of sizes) fleets.push(await measureFleet(n, query));

  const rows = [];
  for (const { n, results } of fleets) {
    const roundsOf = (target, key) => results.filter((r) => r.target === target).map((r) => r[key]);
    const against = (target, key) =>
      results.some((r) => r.target === target)
        ? { target: LABELS[target], rounds: roundsOf(target, key) }
        : undefined;
    for (const target of TARGETS.filter((t) => results.some((r) => r.target === t))) {
      const common = { case: `N=${n}`, target: LABELS[target] };
      rows.push(
        resultRow({
          ...common,
          figure: 'throughput (ratio to raw)',
          unit: 'req/s',
          rounds: roundsOf(target, 'rps'),
          baseline: against('raw', 'rps'),
        }),
      );
      if (target !== 'raw' && target !== 'graphql-js' && against('graphql-js', 'rps')) {
        rows.push(
          resultRow({
            ...common,
            figure: 'throughput (ratio to graphql-js)',
            unit: 'req/s',
            rounds: roundsOf(target, 'rps'),
            baseline: against('graphql-js', 'rps'),
          }),
        );
      }
      rows.push(
        resultRow({
          ...common,
          figure: 'server CPU per page (ratio: times raw)',
          unit: 'ms',
          rounds: roundsOf(target, 'cpuMs'),
          baseline: against('raw', 'cpuMs'),
        }),
      );
      const sql = roundsOf(target, 'sqlPerRequest');
      if (sql.every(Number.isFinite)) {
        rows.push(
          resultRow({
            ...common,
            figure: 'SQL statements per page',
            unit: 'statements',
            rounds: sql,
            baseline: { target: 'hand SQL', value: 1 },
            digits: 1,
          }),
        );
      }
    }
  }
  const notes = [
    `pages of ${PAGE} machines (the web board's document), ${CONNECTIONS} connections, ${SECONDS} s a phase, ${ROUNDS} alternating rounds; load average ${loadavg()[0].toFixed(1)} at the end`,
    'every target answers the same JSON bytes, checked page by page before measuring',
    '"our server" runs with BOARD_CACHE=off; "board cache on" is a second process on the same database, filled first',
  ];
  writeResult('bench:board', printTable('bench:board — board pages', rows, { notes }));

  const displayRows = [];
  for (const { n, display } of fleets) {
    const of = (target, read, key) =>
      display.filter((r) => r.target === target && r.read === read).map((r) => r[key]);
    const baseline = (key) => ({
      target: `${LABELS.server}, pages`,
      rounds: of('server', 'pages', key),
    });
    for (const target of ['server', 'cached'].filter((t) => display.some((r) => r.target === t))) {
      for (const read of ['pages', 'whole']) {
        const roundTrips = of(target, read, 'roundTrips')[0];
        const common = {
          case: `N=${n}, ${read === 'whole' ? 'wholeBoard' : 'pages of 40'}, ${roundTrips} round trip${roundTrips === 1 ? '' : 's'}`,
          target: LABELS[target],
        };
        displayRows.push(
          resultRow({
            ...common,
            figure: 'server CPU, whole board',
            unit: 'ms',
            rounds: of(target, read, 'cpuMs'),
            baseline: baseline('cpuMs'),
          }),
          resultRow({
            ...common,
            figure: 'wall time, whole board',
            unit: 'ms',
            rounds: of(target, read, 'wallMs'),
            baseline: baseline('wallMs'),
          }),
        );
      }
    }
  }
  if (displayRows.length > 0) {
    writeResult(
      'bench:board',
      printTable('bench:board — a wall display opening the whole board', displayRows, {
        notes: [
          "wholeBoard: the display's own document (web/src/lib/display, one round trip); pages of 40: the board's machines query page by page, as displays read before (the baseline)",
          `one client with a display link of every building; each figure is per opening, over ${OPENINGS} openings in a row (CPU is read from /proc in ticks of 10 ms)`,
        ],
      }),
    );
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
