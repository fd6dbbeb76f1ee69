// `npm run bench:reports`: a year of history for a fleet (2,000 machines, about a million
// events) in a fresh database of the local PostgreSQL, then, against one real server:
// the reliability report over the whole fleet and year (median of several rounds), and the
// repair log's CSV export — rows per second, and the server's resident memory while it
// streams a small and the full export (flat memory means the rows are not held).
//
//   BENCH_MACHINES=2000  machines     BENCH_EPISODES=100  warnings and faults per machine
//   BENCH_ROUNDS=5       report runs  BENCH_DATABASE_URL  admin URL of the PostgreSQL
//   BENCH_EXPORT_ROUNDS=3  full exports, alternating with the raw cursor floor
//   BENCH_QUICK=1        500 machines, 50 episodes, 3 rounds (what `npm run bench` uses)
//   BENCH_KEEP=1         keep the database afterwards (its URL is printed), e.g. for EXPLAIN
//   BENCH_REUSE=<url>    measure a database kept by an earlier run instead of seeding one
//
// The machine this runs on may be shared: beside wall-clock times it prints the CPU time the
// server process and the database's backends spent (from /proc), which a busy neighbour
// does not inflate as much.
//
// The seed is bulk SQL straight into the database, shaped as the write path writes it: each
// episode is a warning (raised → WARNING, cleared → OK) or a fault case (opened → FAULT,
// assigned, acknowledged, started, resolved → OK) with its rows in `warnings` or
// `fault_cases` and its events in `machine_events`, inserted in time order so event ids
// rise with their times. Episodes of a machine never overlap; every machine ends OK.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import Cursor from 'pg-cursor';
import {
  freshDatabase,
  gql,
  login,
  median,
  printTable,
  processUsage,
  resultRow,
  sleep,
  startServer,
  writeResult,
} from './lib.mjs';

const quick = process.env.BENCH_QUICK === '1';
const MACHINES = Number(process.env.BENCH_MACHINES ?? (quick ? 500 : 2000));
const EPISODES = Number(process.env.BENCH_EPISODES ?? (quick ? 50 : 100));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 3 : 5));
const EXPORT_ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 3);
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE;

/** CPU seconds of the database's backends serving `url`'s database (read from /proc). */
async function databaseCpu(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    let total = 0;
    for (const { pid } of rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        // a backend that ended meanwhile
      }
    }
    return total;
  } finally {
    await client.end();
  }
}
const HALLS = 10;
const DAY = 86_400_000;

async function seed(url, end) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (sql, params) => client.query(sql, params);
  try {
    const start = new Date(end.getTime() - 365 * DAY);
    const manager = (await q(`select id from users where role = 'MANAGER' limit 1`)).rows[0].id;
    const sensor = (
      await q(
        `insert into api_clients (id, name, token_hash, token_prefix, scopes, created_by_id)
         values (gen_random_uuid(), 'Bench sensors', md5(random()::text), 'sfk_bench', '{warnings:write}', $1)
         returning id`,
        [manager],
      )
    ).rows[0].id;
    await q(
      `insert into buildings (id, name, created_at)
       select gen_random_uuid(), 'Bench hall ' || h, $1::timestamptz - interval '30 days'
         from generate_series(1, $2::int) h`,
      [start, HALLS],
    );
    await q(
      `insert into machines (id, name, building_id, importance, asset_code, created_at, updated_at, status_since)
       select gen_random_uuid(), 'Bench machine ' || lpad(i::text, 4, '0'),
              (select array_agg(id order by name) from buildings)[1 + i % $3::int],
              1 + i % 5, 'BM-' || lpad(i::text, 4, '0'),
              $1::timestamptz - interval '1 day', $1::timestamptz - interval '1 day',
              $1::timestamptz - interval '1 day'
         from generate_series(0, $2::int - 1) i`,
      [start, MACHINES, HALLS],
    );
    // One row per episode: when it begins and how its steps are spaced (seconds), from a
    // hash so the seed is the same on every run. Spacing 365/EPISODES days, begin jittered by
    // up to a third of it, and no episode lasts longer than a third: none overlap.
    await q(
      `create table bench_episodes as
       select m.id as machine_id, m.building_id, k, k % 3 = 0 as is_fault,
              gen_random_uuid() as record_id,
              $1::timestamptz + k * ($2::float8 * interval '1 day')
                + (abs(hashtext(m.id::text || k)) % 1000) / 1000.0 * ($2::float8 / 3) * interval '1 day' as s,
              60 + abs(hashtext(k || m.id::text)) % 3540 as ack_after,
              300 + abs(hashtext(m.id::text || 'start' || k)) % 1500 as start_after,
              1800 + abs(hashtext(m.id::text || 'fix' || k)) % 41400 as fix_after,
              600 + abs(hashtext(m.id::text || 'warn' || k)) % 28200 as warn_for
         from machines m cross join generate_series(0, $3::int - 1) k`,
      [start, 365 / EPISODES, EPISODES],
    );
    await q(
      `insert into warnings (id, machine_id, message, code, raised_by_api_client_id, raised_at,
                             last_seen_at, repeat_count, cleared_at, cleared_by_api_client_id)
       select record_id, machine_id, 'Condition ' || (k % 7), 'C' || (k % 7), $1, s, s, 1,
              s + warn_for * interval '1 second', $1
         from bench_episodes where not is_fault`,
      [sensor],
    );
    await q(
      `insert into fault_cases (id, machine_id, description, severity, status, reported_by_user_id,
              assignee_id, opened_at, assigned_at, assigned_by_id, acknowledged_at, acknowledged_by_id,
              started_at, started_by_id, resolved_at, resolved_by_id, resolution_note, reopen_count,
              version, updated_at)
       select record_id, machine_id, 'Fault, kind ' || (k % 11),
              (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + k % 4]::fault_severity, 'RESOLVED',
              $1, $1, s, s + interval '30 seconds', $1,
              s + ack_after * interval '1 second', $1,
              s + (ack_after + start_after) * interval '1 second', $1,
              s + (ack_after + start_after + fix_after) * interval '1 second', $1,
              'Repaired, part ' || (k % 13), 0, 5,
              s + (ack_after + start_after + fix_after) * interval '1 second'
         from bench_episodes where is_fault`,
      [manager],
    );
    // The events, in time order (the step number orders a write's events as the writer does).
    await q(
      `insert into machine_events (machine_id, building_id, type, at, actor_user_id,
              actor_api_client_id, fault_case_id, warning_id, from_status, to_status, data)
       select machine_id, building_id, type::machine_event_type, at, actor_user_id,
              actor_api_client_id, fault_case_id, warning_id, from_status::machine_status,
              to_status::machine_status, data
         from (
           select id as machine_id, building_id, 'MACHINE_CREATED' as type, created_at as at, 0 as step,
                  $1::uuid as actor_user_id, null::uuid as actor_api_client_id, null::uuid as fault_case_id,
                  null::uuid as warning_id, null as from_status, null as to_status,
                  jsonb_build_object('name', name, 'assetCode', asset_code) as data
             from machines
           union all
           select machine_id, building_id, e.type, s + e.after * interval '1 second', e.step,
                  null, $2::uuid, null, record_id, e.from_status, e.to_status, e.data
             from bench_episodes,
                  lateral (values
                    ('WARNING_RAISED', 0, 0, null, null,
                       jsonb_build_object('message', 'Condition ' || (k % 7), 'code', 'C' || (k % 7))),
                    ('STATUS_CHANGED', 0, 1, 'OK', 'WARNING', '{}'::jsonb),
                    ('WARNING_CLEARED', warn_for, 0, null, null,
                       jsonb_build_object('message', 'Condition ' || (k % 7), 'code', 'C' || (k % 7))),
                    ('STATUS_CHANGED', warn_for, 1, 'WARNING', 'OK', '{}'::jsonb)
                  ) as e(type, after, step, from_status, to_status, data)
            where not is_fault
           union all
           select machine_id, building_id, e.type, s + e.after * interval '1 second', e.step,
                  $1::uuid, null, record_id, null, e.from_status, e.to_status, e.data
             from bench_episodes,
                  lateral (values
                    ('FAULT_OPENED', 0, 0, null, null,
                       jsonb_build_object('severity', (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + k % 4],
                                          'description', 'Fault, kind ' || (k % 11))),
                    ('STATUS_CHANGED', 0, 1, 'OK', 'FAULT', '{}'::jsonb),
                    ('FAULT_ASSIGNED', 30, 0, null, null, jsonb_build_object('assigneeId', $1::text)),
                    ('FAULT_ACKNOWLEDGED', ack_after, 0, null, null,
                       jsonb_build_object('from', 'OPEN', 'to', 'ACKNOWLEDGED')),
                    ('FAULT_STARTED', ack_after + start_after, 0, null, null,
                       jsonb_build_object('from', 'ACKNOWLEDGED', 'to', 'IN_PROGRESS')),
                    ('FAULT_RESOLVED', ack_after + start_after + fix_after, 0, null, null,
                       jsonb_build_object('from', 'IN_PROGRESS', 'to', 'RESOLVED',
                                          'resolutionNote', 'Repaired, part ' || (k % 13))),
                    ('STATUS_CHANGED', ack_after + start_after + fix_after, 1, 'FAULT', 'OK', '{}'::jsonb)
                  ) as e(type, after, step, from_status, to_status, data)
            where is_fault
         ) as events
        order by at, machine_id, step`,
      [manager, sensor],
    );
    await q(
      `update machines m set status_since = last.at
         from (select machine_id, max(at) as at from machine_events
                where type = 'STATUS_CHANGED' group by 1) last
        where last.machine_id = m.id`,
    );
    await q('drop table bench_episodes');
    await q('vacuum analyze');
    const count = (await q('select count(*)::int as n from machine_events')).rows[0].n;
    const cases = (await q('select count(*)::int as n from fault_cases')).rows[0].n;
    return { start, events: count, cases };
  } finally {
    await client.end();
  }
}

const REPORT = `query ($from: DateTimeISO!, $to: DateTimeISO!) {
  reliabilityReport(from: $from, to: $to, timeZone: "Europe/Berlin") {
    to
    overall { faultCases mttaSeconds mttrSeconds mtbfSeconds downtimeSeconds availability }
    buildings { building { id name } figures { faultCases downtimeSeconds availability } }
    machines { machine { id name assetCode } figures { faultCases casesBySeverity { low medium high critical }
      repeatFailures mttaSeconds mttrSeconds mtbfSeconds downtimeSeconds warningSeconds observedSeconds availability } }
    weeks { weekStart figures { faultCases mttaSeconds mttrSeconds downtimeSeconds } }
  }
}`;

/** Downloads the CSV, counting rows, while sampling the server's resident memory. */
async function exportCsv(server, token, query) {
  const cpu0 = processUsage(server.child.pid).cpuSeconds;
  let peakRssMiB = processUsage(server.child.pid).rssMiB;
  const before = peakRssMiB;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakRssMiB = Math.max(peakRssMiB, processUsage(server.child.pid).rssMiB);
      await sleep(20);
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/events.csv${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  // The header line is not a row; the rows' own line breaks are quoted only in free text,
  // which the seed's summaries do not contain.
  const rows = lines - 1;
  const serverCpu = processUsage(server.child.pid).cpuSeconds - cpu0;
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    before,
    peakRssMiB,
    serverCpu,
  };
}

/** The counts of a database an earlier run seeded (BENCH_REUSE); its year ends now. */
async function existing(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const events = (await client.query('select count(*)::int as n from machine_events')).rows[0].n;
    const cases = (await client.query('select count(*)::int as n from fault_cases')).rows[0].n;
    return { start: new Date(Date.now() - 365 * DAY), events, cases };
  } finally {
    await client.end();
  }
}

/** The report's floor: one raw statement counting the rows the report aggregates. */
async function rawFloor(client, { from, to }) {
  await client.query(
    `select (select count(*) from machine_events
              where type = 'STATUS_CHANGED' and at >= $1 and at < $2) as status_changes,
            (select count(*) from fault_cases
              where opened_at < $2 and (resolved_at is null or resolved_at >= $1)) as cases,
            (select count(*) from warnings
              where raised_at < $2 and (cleared_at is null or cleared_at >= $1)) as warnings`,
    [from, to],
  );
}

/** The export's floor: every event read in id order through a cursor, rows counted. */
async function rawEventRead(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    const cursor = client.query(new Cursor('select * from machine_events order by id'));
    let rows = 0;
    for (;;) {
      const batch = await cursor.read(1000);
      if (batch.length === 0) break;
      rows += batch.length;
    }
    await cursor.close();
    return { rows, rowsPerSecond: rows / ((performance.now() - t0) / 1000) };
  } finally {
    await client.end();
  }
}

async function main() {
  const db = REUSE ? { url: REUSE, drop: async () => {} } : await freshDatabase();
  const server = await startServer(db.url, {
    REST_RATE_LIMIT_BURST: '0',
    REST_RATE_LIMIT_PER_SECOND: '0',
  });
  try {
    const end = new Date();
    const seedStarted = performance.now();
    const seeded = REUSE ? await existing(db.url) : await seed(db.url, end);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `bench:reports — ${MACHINES} machines, ${seeded.events.toLocaleString('en')} events, ` +
        `${seeded.cases.toLocaleString('en')} fault cases over one year (seeded in ${seedSeconds.toFixed(1)} s)\n`,
    );
    const token = await login(server.url);
    const variables = { from: seeded.start.toISOString(), to: end.toISOString() };

    // Warm-up: JIT, plan caches, the buffer cache of the tables.
    const first = await gql(server.url, REPORT, variables, token);
    const timings = [];
    const serverCpu = [];
    const dbCpu = [];
    const floorTimings = [];
    const raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
    try {
      await rawFloor(raw, variables); // warm-up of the floor too
      for (let round = 0; round < ROUNDS; round++) {
        const reportRound = async () => {
          const cpu0 = processUsage(server.child.pid).cpuSeconds;
          const db0 = await databaseCpu(db.url);
          const t0 = performance.now();
          await gql(server.url, REPORT, variables, token);
          timings.push(performance.now() - t0);
          serverCpu.push((processUsage(server.child.pid).cpuSeconds - cpu0) * 1000);
          dbCpu.push(((await databaseCpu(db.url)) - db0) * 1000);
        };
        const floorRound = async () => {
          const t0 = performance.now();
          await rawFloor(raw, variables);
          floorTimings.push(performance.now() - t0);
        };
        for (const run of round % 2 ? [floorRound, reportRound] : [reportRound, floorRound]) {
          await run();
        }
      }
    } finally {
      await raw.end();
    }
    const report = first.reliabilityReport;

    const small = await exportCsv(
      server,
      token,
      `?buildingIds=${report.buildings[0].building.id}&from=${new Date(end.getTime() - 30 * DAY).toISOString()}`,
    );
    const fulls = [];
    const floors = [];
    for (let round = 0; round < EXPORT_ROUNDS; round++) {
      const exportRound = async () => fulls.push(await exportCsv(server, token, ''));
      const floorRound = async () => floors.push(await rawEventRead(db.url));
      for (const run of round % 2 ? [floorRound, exportRound] : [exportRound, floorRound]) {
        await run();
      }
    }
    const full = fulls[0];
    const full2 = fulls[1] ?? fulls[0];
    const row = (name, value, goal = '') =>
      console.log(`${name.padEnd(52)} ${String(value).padStart(14)}   ${goal}`);
    row('measure', 'value', 'goal');
    row('-'.repeat(52), '-'.repeat(14));
    row(
      `report, all machines, one year (median of ${ROUNDS})`,
      `${median(timings).toFixed(0)} ms`,
      '< 1000 ms',
    );
    row('  rounds (ms)', timings.map((t) => t.toFixed(0)).join(' '));
    row(
      '  CPU per report: server / database (ms, median)',
      `${median(serverCpu).toFixed(0)} / ${median(dbCpu).toFixed(0)}`,
    );
    row(
      `  rows: machines / buildings / weeks`,
      `${report.machines.length} / ${report.buildings.length} / ${report.weeks.length}`,
    );
    for (const [name, r] of [
      ['export, one hall, last 30 days', small],
      ['export, everything', full],
      ['export, everything (again)', full2],
    ]) {
      row(`${name}: rows`, r.rows.toLocaleString('en'));
      row(`  rows/s`, Math.round(r.rowsPerSecond).toLocaleString('en'), '> 50,000');
      row(`  MiB sent`, (r.bytes / 1024 / 1024).toFixed(1));
      row(
        `  server RSS before → peak (MiB)`,
        `${r.before.toFixed(0)} → ${r.peakRssMiB.toFixed(0)}`,
      );
      // Rows per CPU-second of the server: what an idle core would do. (The cursor's backend
      // is one of the pool's, which may come and go: the database's share is not counted.)
      row(
        `  server CPU (s); rows per server CPU-second`,
        `${r.serverCpu.toFixed(1)}; ${Math.round(r.rows / Math.max(r.serverCpu, 0.01)).toLocaleString('en')}`,
      );
    }
    writeResult(
      'bench:reports',
      printTable(
        `Reports: ${MACHINES} machines, ${seeded.events.toLocaleString('en')} events over a year; medians of ${ROUNDS} (report) and ${EXPORT_ROUNDS} (export) alternating rounds`,
        [
          resultRow({
            case: 'reliability report, whole fleet, one year',
            target: 'our server, POST /graphql',
            figure: 'time',
            unit: 'ms',
            rounds: timings,
            baseline: { target: 'raw pg: count the rows it reads', rounds: floorTimings },
          }),
          resultRow({
            case: 'reliability report, whole fleet, one year',
            target: 'our server, POST /graphql',
            figure: 'server CPU',
            unit: 'ms',
            rounds: serverCpu,
          }),
          resultRow({
            case: 'reliability report, whole fleet, one year',
            target: 'our server, POST /graphql',
            figure: 'database CPU',
            unit: 'ms',
            rounds: dbCpu,
          }),
          resultRow({
            case: 'CSV export, everything',
            target: 'our server, GET /api/events.csv',
            figure: 'rows per second',
            unit: 'rows/s',
            rounds: fulls.map((r) => r.rowsPerSecond),
            baseline: {
              target: 'raw pg cursor over machine_events',
              rounds: floors.map((r) => r.rowsPerSecond),
            },
          }),
          resultRow({
            case: 'CSV export, everything',
            target: 'our server, GET /api/events.csv',
            figure: 'server RSS, peak while streaming',
            unit: 'MiB',
            rounds: fulls.map((r) => r.peakRssMiB),
            baseline: { target: 'before the export', rounds: fulls.map((r) => r.before) },
          }),
        ],
        {
          notes: [
            'report floor: one raw statement counting the status changes, fault cases and warnings of the year (the rows the report aggregates), no arithmetic: the cost of reading them',
            'export floor: the same table read in id order through a pg cursor (1,000 rows a batch), no CSV, no HTTP',
            'CPU rows have no ratio: the floor runs inside the database only',
            'goals: report < 1000 ms; export > 50,000 rows/s with flat memory',
            `load average at the end ${loadavg()
              .map((l) => l.toFixed(1))
              .join(' ')}`,
          ],
        },
      ),
    );
    console.log(
      `\nload average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores here)`,
    );
    console.log(
      `\noverall: ${report.overall.faultCases} cases, MTTA ${report.overall.mttaSeconds} s, ` +
        `MTTR ${report.overall.mttrSeconds} s, availability ${(report.overall.availability * 100).toFixed(3)} %`,
    );
  } finally {
    await server.stop();
    if (KEEP) console.log(`kept: ${db.url}`);
    else await db.drop();
  }
}

await main();
