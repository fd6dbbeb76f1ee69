// `npm run bench:write` — the write path against its floor, in one run on one fleet:
//  (a) open fault / raise warning through our whole server (POST /graphql, a manager) vs a raw
//      node:http + pg endpoint sending the same statements in one transaction
//      (bench/write-baseline.mjs): req/s, server CPU per request, ratio to raw;
//  (b) sustained sensor writes: every machine sends a sensor message every SENSOR_PERIOD s
//      (10,000 machines / 5 s = 2,000 messages/s offered, open loop) through the real sensor
//      REST path (POST /api/machines/<id>/warnings/ with a code, DELETE …?code= to clear), and
//      the same messages to the raw endpoint: achieved rate, lag (sent-by-schedule to answered),
//      and a live machineEvents subscriber's delivery lag;
//  (c) the same messages through gateways: SENSOR_GATEWAYS gateways, each serving its share of
//      the machines, post what is due every SENSOR_BATCH_MS as one POST /api/sensor-reports/
//      (one request at a time each, so a slow answer makes the next batch bigger), against the
//      raw endpoint running the batch path's statements.
// Then it verifies what the writes left: a live subscriber (from before the first sensor write),
// a replay from cursor 0 and one from a mid cursor each see every stored event exactly once, in
// strictly increasing id order; and every machine's status equals the status derived from its
// rows (unresolved case → FAULT, active warning → WARNING, else OK) and from its last
// STATUS_CHANGED event.
//
//   WRITE_SECONDS=5  WRITE_ROUNDS=3  WRITE_CONNECTIONS=20      (a), closed loop
//   SENSOR_N=10000  SENSOR_PERIOD=5  SENSOR_SECONDS=10  SENSOR_INFLIGHT=256   (b), open loop
//   SENSOR_GATEWAYS=10  SENSOR_BATCH_MS=100                                   (c)
//   WRITE_PARTS=ops,sensor,gateway   WRITE_EVENT_BUS=memory|postgres   WRITE_PROFILE=<dir> (--cpu-prof)
//   WRITE_EVENT_ORDER=none|lock|lock-in-insert (the raw floor)   SENSOR_REPLAY_FROM_ZERO=1
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import {
  freshDatabase,
  gql,
  login,
  percentile,
  printTable,
  processUsage,
  resultRow,
  root,
  sleep,
  startServer,
  writeResult,
} from './lib.mjs';
import { migrateDatabase, seedFleet } from './fleet.mjs';
import pg from 'pg';

const SECONDS = Number(process.env.WRITE_SECONDS ?? 5);
const ROUNDS = Number(process.env.WRITE_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.WRITE_CONNECTIONS ?? 20);
const MACHINES = Number(process.env.SENSOR_N ?? 10_000);
const PERIOD = Number(process.env.SENSOR_PERIOD ?? 5);
const SENSOR_SECONDS = Number(process.env.SENSOR_SECONDS ?? 10);
const INFLIGHT = Number(process.env.SENSOR_INFLIGHT ?? 256);
const GATEWAYS = Number(process.env.SENSOR_GATEWAYS ?? 10);
const BATCH_MS = Number(process.env.SENSOR_BATCH_MS ?? 100);
/** The most reports one POST /api/sensor-reports/ takes (sensor-report.types.ts). */
const MAX_BATCH = 500;
const PARTS = (process.env.WRITE_PARTS ?? 'ops,sensor,gateway').split(',');
const EVENT_BUS = process.env.WRITE_EVENT_BUS ?? 'memory';
const PROFILE = process.env.WRITE_PROFILE;
/** How the raw floor orders events; follows what the server does (modules/events). */
const EVENT_ORDER = process.env.WRITE_EVENT_ORDER ?? 'none';
/** The replay from cursor 0 reads the whole year of history: minutes on a loaded host. */
const REPLAY_FROM_ZERO = process.env.SENSOR_REPLAY_FROM_ZERO !== '0';
const RATE = MACHINES / PERIOD;
const CODE = 'TEMP_HIGH';

const { REST_OPERATIONS: ops } = await import(
  pathToFileURL(join(root, 'server', 'dist', 'rest', 'routes', 'index.js')).href
);

/** The server answers 503 until its startup checks pass; sign in once it is ready. */
async function signIn(url) {
  for (let waited = 0; ; waited += 200) {
    try {
      return await login(url);
    } catch (error) {
      if (waited > 60_000 || !String(error).includes('SERVICE_UNAVAILABLE')) throw error;
      await sleep(200);
    }
  }
}

function startRaw(databaseUrl, userId, apiClientId) {
  const child = fork(
    join(root, 'bench', 'write-baseline.mjs'),
    [databaseUrl, userId, apiClientId],
    {
      env: { ...process.env, EVENT_ORDER },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', ({ port }) =>
      resolve({
        child,
        url: `http://127.0.0.1:${port}`,
        stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))),
      }),
    );
  });
}

// ---- (a) open fault / raise warning, closed loop -------------------------------------------

async function opsPhase(target, token, machineIds) {
  const cpuBefore = processUsage(target.child.pid).cpuSeconds;
  let requests = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        // Each request on its own machine: the comparison is of the path, not of row waits.
        const machineId = machineIds[(worker + n * CONNECTIONS) % machineIds.length];
        const fault = n % 2 === 1;
        const input = fault
          ? { machineId, description: 'Spindle jammed', severity: 'HIGH' }
          : { machineId, message: 'Temperature high' };
        const res = await fetch(`${target.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: fault ? ops.openFault : ops.raiseWarning,
            variables: { input },
          }),
        });
        const text = await res.text();
        requests++;
        if (res.status >= 300 || text.includes('"errors"')) {
          if (errors++ === 0 && process.env.WRITE_DEBUG)
            console.error(res.status, text.slice(0, 300));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = processUsage(target.child.pid).cpuSeconds - cpuBefore;
  return { rps: requests / seconds, cpuMs: (cpu * 1000) / requests, errors };
}

// ---- (b) sustained sensor writes, open loop -------------------------------------------------

/** Per machine: messages sent so far and whether its TEMP_HIGH warning is active. */
function sensorState(n) {
  return { sent: new Uint32Array(n), active: new Uint8Array(n) };
}

/**
 * A sensor's message stream: raise (a new warning: events), report it again (a repeat: no
 * event), clear it (events) — two messages in three append events, the worst case for the
 * event order and the common case of a flapping condition.
 */
function nextMessage(state, m) {
  const k = state.sent[m]++;
  if (state.active[m] && (k + m) % 3 === 2) {
    state.active[m] = 0;
    return { method: 'DELETE', query: `?code=${CODE}` };
  }
  state.active[m] = 1;
  return { method: 'POST', body: JSON.stringify({ message: 'Temperature high', code: CODE }) };
}

async function sensorPhase(target, token, machineIds, state) {
  const cpuBefore = processUsage(target.child.pid).cpuSeconds;
  const lags = [];
  let inflight = 0;
  let completedInWindow = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const windowEnd = started + SENSOR_SECONDS * 1000;
  // Machines take turns in a fixed order, so each one speaks every PERIOD seconds.
  const offset = Math.floor(Math.random() * machineIds.length);
  const pending = new Set();
  const send = (i) => {
    const scheduled = started + (i * 1000) / RATE;
    const m = (offset + i) % machineIds.length;
    const message = nextMessage(state, m);
    inflight++;
    const p = fetch(`${target.url}/api/machines/${machineIds[m]}/warnings/${message.query ?? ''}`, {
      method: message.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: message.body,
    })
      .then(async (res) => {
        const text = await res.text();
        if (res.status >= 300 && errors++ === 0 && process.env.WRITE_DEBUG) {
          console.error(message.method, res.status, text.slice(0, 300));
        }
      })
      .catch(() => errors++)
      .finally(() => {
        inflight--;
        const now = performance.now();
        lags.push(now - scheduled);
        if (now <= windowEnd) completedInWindow++;
        pending.delete(p);
      });
    pending.add(p);
  };
  while (performance.now() < windowEnd) {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    while (next < due && inflight < INFLIGHT) send(next++);
    await sleep(2);
  }
  const due = Math.floor(SENSOR_SECONDS * RATE);
  const backlog = due - next; // due but never sent: the sender could not keep up
  await Promise.all([...pending]);
  const cpu = processUsage(target.child.pid).cpuSeconds - cpuBefore;
  lags.sort((a, b) => a - b);
  return {
    rate: completedInWindow / SENSOR_SECONDS,
    cpuMs: (cpu * 1000) / lags.length,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    backlog,
    errors,
  };
}

/**
 * The same open-loop schedule as sensorPhase, sent by gateways: machine m belongs to gateway
 * m % GATEWAYS, which posts the reports due for its machines every BATCH_MS, one request at a
 * time. A message's lag runs from its scheduled time to its batch's answer.
 */
async function gatewayPhase(target, token, machineIds, state) {
  const cpuBefore = processUsage(target.child.pid).cpuSeconds;
  const lags = [];
  let completedInWindow = 0;
  let errors = 0;
  let requests = 0;
  let next = 0;
  const started = performance.now();
  const windowEnd = started + SENSOR_SECONDS * 1000;
  const offset = Math.floor(Math.random() * machineIds.length);
  const queues = Array.from({ length: GATEWAYS }, () => []);
  const busy = new Array(GATEWAYS).fill(false);
  const lastFlush = new Array(GATEWAYS).fill(-Infinity);
  const pending = new Set();
  const flush = (g, now) => {
    if (busy[g] || queues[g].length === 0) return;
    const batch = queues[g].splice(0, MAX_BATCH);
    busy[g] = true;
    lastFlush[g] = now;
    requests++;
    const p = fetch(`${target.url}/api/sensor-reports/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ reports: batch.map((b) => b.report) }),
    })
      .then(async (res) => {
        const text = await res.text();
        if (res.status !== 200) {
          if (errors === 0 && process.env.WRITE_DEBUG)
            console.error(res.status, text.slice(0, 300));
          errors += batch.length;
        } else errors += JSON.parse(text).results.filter((r) => r.error).length;
      })
      .catch(() => (errors += batch.length))
      .finally(() => {
        busy[g] = false;
        const done = performance.now();
        for (const b of batch) {
          lags.push(done - b.scheduled);
          if (done <= windowEnd) completedInWindow++;
        }
        pending.delete(p);
      });
    pending.add(p);
  };
  while (performance.now() < windowEnd) {
    const now = performance.now();
    const due = Math.floor(((now - started) / 1000) * RATE);
    while (next < due) {
      const i = next++;
      const m = (offset + i) % machineIds.length;
      const message = nextMessage(state, m);
      queues[m % GATEWAYS].push({
        scheduled: started + (i * 1000) / RATE,
        report: {
          machineId: machineIds[m],
          code: CODE,
          active: message.method === 'POST',
          message: 'Temperature high',
        },
      });
    }
    for (let g = 0; g < GATEWAYS; g++) if (now - lastFlush[g] >= BATCH_MS) flush(g, now);
    await sleep(2);
  }
  // What was due in the window still goes out, as a gateway would send it.
  while (queues.some((q) => q.length > 0) || pending.size > 0) {
    for (let g = 0; g < GATEWAYS; g++) flush(g, performance.now());
    await Promise.race([...pending, sleep(5)]);
  }
  const cpu = processUsage(target.child.pid).cpuSeconds - cpuBefore;
  lags.sort((a, b) => a - b);
  return {
    rate: completedInWindow / SENSOR_SECONDS,
    cpuMs: (cpu * 1000) / lags.length,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    batch: lags.length / requests,
    errors,
  };
}

// ---- subscribers ----------------------------------------------------------------------------

/** machineEvents(since) over graphql-transport-ws; records ids and delivery lag. */
function subscribeEvents(url, token, since) {
  const ws = new WebSocket(url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  const sub = { ids: [], lags: [], error: undefined, close: () => ws.close() };
  ws.on('open', () =>
    ws.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
    ),
  );
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    if (msg.type === 'connection_ack') {
      ws.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: {
            query: 'subscription ($since: ID) { machineEvents(since: $since) { id at } }',
            variables: { since: since === undefined ? null : String(since) },
          },
        }),
      );
    } else if (msg.type === 'next') {
      const event = msg.payload?.data?.machineEvents;
      if (event) {
        sub.ids.push(Number(event.id));
        sub.lags.push(Date.now() - Date.parse(event.at));
      } else sub.error = JSON.stringify(msg.payload);
    } else if (msg.type === 'error' || msg.type === 'complete') {
      sub.error = JSON.stringify(msg.payload ?? msg.type);
    } else if (msg.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
  });
  ws.on('error', (e) => (sub.error = String(e)));
  return sub;
}

async function waitFor(sub, lastId, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while ((sub.ids.at(-1) ?? -1) < lastId && !sub.error && Date.now() < deadline) await sleep(50);
}

/** Strictly increasing, and exactly the stored ids in (after, upTo]. */
function checkOrder(name, seen, stored) {
  const problems = [];
  for (let i = 1; i < seen.length; i++) {
    if (seen[i] <= seen[i - 1]) {
      problems.push(`not increasing at ${i}: ${seen[i - 1]} then ${seen[i]}`);
      break;
    }
  }
  const seenSet = new Set(seen);
  const missing = stored.filter((id) => !seenSet.has(id));
  const storedSet = new Set(stored);
  const extra = seen.filter((id) => !storedSet.has(id));
  if (seenSet.size !== seen.length) problems.push(`${seen.length - seenSet.size} duplicates`);
  if (missing.length) problems.push(`${missing.length} missing (first ${missing.slice(0, 5)})`);
  if (extra.length) problems.push(`${extra.length} unknown (first ${extra.slice(0, 5)})`);
  return `${name}: ${seen.length} events, ${problems.length ? 'FAIL ' + problems.join('; ') : 'ok (each once, increasing, no gap)'}`;
}

// ---- main -----------------------------------------------------------------------------------

const LABELS = {
  ops: 'our server, POST /graphql',
  sensor: 'our server, REST sensor path',
  gateway: 'our server, POST /api/sensor-reports/',
  raw: 'raw node:http + pg, same SQL',
};

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');

const db = await freshDatabase();
const stops = [];
const sql = new pg.Client({ connectionString: db.url });
try {
  migrateDatabase(db.url);
  const fleet = await seedFleet(db.url, MACHINES);
  await sql.connect();
  // The seeded year of history is synthetic; statuses are checked against events written here.
  const { rows: seedRows } = await sql.query(
    'select coalesce(max(id), 0)::int as head from machine_events',
  );
  const seedHead = seedRows[0].head;
  const server = await startServer(db.url, {
    REST_RATE_LIMIT_BURST: '0',
    REST_RATE_LIMIT_PER_SECOND: '0',
    EVENT_BUS,
    ...(PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE}` } : {}),
  });
  stops.push(server.stop);
  const manager = await signIn(server.url);
  const { me } = await gql(server.url, '{ me { id } }', {}, manager);
  const { createApiClient } = await gql(
    server.url,
    'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token apiClient { id } } }',
    { input: { name: 'Bench sensors', scopes: ['WARNINGS_WRITE'] } },
    manager,
  );
  const raw = await startRaw(db.url, me.id, createApiClient.apiClient.id);
  stops.push(raw.stop);
  const { rows: machineRows } = await sql.query('select id from machines order by name');
  const machineIds = machineRows.map((r) => r.id);
  const targets = { server, raw };
  const order = (round) => (round % 2 ? ['raw', 'server'] : ['server', 'raw']);
  const rows = [];
  let errors = 0;
  console.log(
    `bench:write — fleet ${fleet.machines} machines, ${fleet.events} events; event bus ${EVENT_BUS}; raw floor orders events by ${EVENT_ORDER}; medians of ${ROUNDS} alternating rounds\n`,
  );

  if (PARTS.includes('ops')) {
    for (const t of ['server', 'raw']) await opsPhase(targets[t], manager, machineIds); // warm-up
    const runs = { server: [], raw: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of order(round)) runs[t].push(await opsPhase(targets[t], manager, machineIds));
    }
    const part = `open fault / raise warning, ${CONNECTIONS} conns, ${SECONDS} s`;
    const raw = (key) => ({ target: LABELS.raw, rounds: runs.raw.map((r) => r[key]) });
    for (const t of ['server', 'raw']) {
      const common = { case: part, target: t === 'server' ? LABELS.ops : LABELS.raw };
      rows.push(
        resultRow({
          ...common,
          figure: 'throughput',
          unit: 'req/s',
          rounds: runs[t].map((r) => r.rps),
          baseline: raw('rps'),
        }),
        resultRow({
          ...common,
          figure: 'server CPU per request (ratio: times raw)',
          unit: 'ms',
          rounds: runs[t].map((r) => r.cpuMs),
          baseline: raw('cpuMs'),
        }),
      );
      errors += runs[t].reduce((n, r) => n + r.errors, 0);
    }
  }

  let live;
  let liveFrom = 0;
  const state = sensorState(machineIds.length);
  if (PARTS.includes('sensor') || PARTS.includes('gateway')) {
    const { rows: headRows } = await sql.query(
      'select coalesce(max(id), 0)::int as head from machine_events',
    );
    liveFrom = headRows[0].head;
    live = subscribeEvents(server.url, manager, liveFrom);
  }
  /**
   * One open-loop sensor part: a warm-up phase of each target, then alternating rounds; the
   * rows of both targets against the raw floor, and `extra` (a figure without a baseline).
   */
  async function sensorPart(phase, part, serverLabel, extra) {
    // Warm-up: a short phase each (JIT, pools, the first raises of the fleet).
    for (const t of ['server', 'raw']) {
      await phase(targets[t], createApiClient.token, machineIds, state).catch(() => undefined);
    }
    const runs = { server: [], raw: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of order(round)) {
        runs[t].push(await phase(targets[t], createApiClient.token, machineIds, state));
      }
    }
    const raw = (key) => ({ target: LABELS.raw, rounds: runs.raw.map((r) => r[key]) });
    const figures = [
      ['sustained rate', 'msg/s', 'rate'],
      ['server CPU per message (ratio: times raw)', 'ms', 'cpuMs'],
      ['lag p50, scheduled → answered', 'ms', 'p50'],
      ['lag p99, scheduled → answered', 'ms', 'p99'],
    ];
    for (const t of ['server', 'raw']) {
      const common = { case: part, target: t === 'server' ? serverLabel : LABELS.raw };
      const of = (key) => runs[t].map((r) => r[key]);
      for (const [figure, unit, key] of figures) {
        rows.push(resultRow({ ...common, figure, unit, rounds: of(key), baseline: raw(key) }));
      }
      rows.push(resultRow({ ...common, ...extra, rounds: of(extra.key) }));
      errors += runs[t].reduce((n, r) => n + r.errors, 0);
    }
  }

  if (PARTS.includes('sensor')) {
    await sensorPart(
      sensorPhase,
      `sensor messages, ${fmt(RATE)}/s offered, ${SENSOR_SECONDS} s`,
      LABELS.sensor,
      { figure: 'messages not yet sent at the end', unit: 'messages', key: 'backlog' },
    );
  }
  if (PARTS.includes('gateway')) {
    await sensorPart(
      gatewayPhase,
      `sensor messages through ${GATEWAYS} gateways posting every ${BATCH_MS} ms, ${fmt(RATE)}/s offered, ${SENSOR_SECONDS} s`,
      LABELS.gateway,
      { figure: 'reports per request', unit: 'reports', key: 'batch' },
    );
  }

  writeResult(
    'bench:write',
    printTable('bench:write — the write path against a raw endpoint sending the same SQL', rows, {
      notes: [
        `fleet of ${fleet.machines} machines, ${fleet.events} events; event bus ${EVENT_BUS}; the raw floor orders events by ${EVENT_ORDER}`,
        `${ROUNDS} alternating rounds after a warm-up phase of each; load average ${loadavg()[0].toFixed(1)} at the end`,
        `${errors} requests (for gateways: reports) answered with an error, all targets together`,
        '"messages not yet sent": the open loop\'s backlog when the phase ended, no baseline',
      ],
    }),
  );

  // ---- verification -----------------------------------------------------------------------
  // One more write through the server: its signal makes the in-process stream catch up with
  // what the raw floor wrote behind its back.
  const last = await fetch(`${server.url}/api/machines/${machineIds[0]}/warnings/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${createApiClient.token}`,
    },
    body: JSON.stringify({ message: 'Final check', code: 'FINAL_CHECK' }),
  });
  if (last.status >= 300) throw new Error(`final write failed: ${last.status}`);
  const { rows: idRows } = await sql.query('select id::int as id from machine_events order by id');
  const stored = idRows.map((r) => r.id);
  const head = stored.at(-1);
  console.log('');
  if (live) {
    await waitFor(live, head, 120_000);
    live.close();
    const lags = [...live.lags].sort((a, b) => a - b);
    console.log(
      checkOrder(
        `live subscriber (since ${liveFrom})`,
        live.ids,
        stored.filter((id) => id > liveFrom),
      ) +
        ` — delivery lag p50 ${fmt(percentile(lags, 50))} ms, p99 ${fmt(percentile(lags, 99))} ms`,
    );
  }
  const mid = stored[Math.floor(stored.length * 0.9)];
  for (const since of REPLAY_FROM_ZERO ? [0, mid] : [mid]) {
    const t0 = performance.now();
    const replay = subscribeEvents(server.url, manager, since);
    await waitFor(replay, head, 600_000);
    replay.close();
    console.log(
      checkOrder(
        `replay from cursor ${since}`,
        replay.ids,
        stored.filter((id) => id > since),
      ) +
        ` — ${fmt((performance.now() - t0) / 1000, 1)} s` +
        (replay.error ? ` (error ${replay.error})` : ''),
    );
  }
  const { rows: statusRows } = await sql.query(
    `
    with derived as (
      select m.id, m.status::text as stored,
             case when exists (select 1 from fault_cases f where f.machine_id = m.id
                                 and f.status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')) then 'FAULT'
                  when exists (select 1 from warnings w where w.machine_id = m.id and w.cleared_at is null) then 'WARNING'
                  else 'OK' end as from_rows,
             (select e.to_status::text from machine_events e
               where e.machine_id = m.id and e.type = 'STATUS_CHANGED' and e.id > $1 order by e.id desc limit 1) as from_events
        from machines m)
    select count(*)::int as machines,
           count(*) filter (where stored <> from_rows)::int as wrong_by_rows,
           count(*) filter (where from_events is not null and stored <> from_events)::int as wrong_by_events
      from derived`,
    [seedHead],
  );
  const s = statusRows[0];
  console.log(
    `derived status: ${s.machines} machines, ${s.wrong_by_rows} differ from their rows, ${s.wrong_by_events} from their last STATUS_CHANGED event — ${s.wrong_by_rows + s.wrong_by_events === 0 ? 'ok' : 'FAIL'}`,
  );
} finally {
  await sql.end().catch(() => undefined);
  for (const stop of stops.reverse()) await stop();
  await db.drop().catch((e) => console.error('drop failed', e.message));
}
process.exit(0);
