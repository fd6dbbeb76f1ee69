// A realistic fleet in a bench database, written with bulk SQL in one transaction: what the
// write path would have left after a year of use. Buildings of ~100 machines, 20 technicians
// (one or two per machine), 10 repair workers; a fifth of the machines with one to three
// active warnings, one in twelve with an unresolved fault case (assigned once acknowledged),
// cleared warnings and resolved cases as history, and about two events a month per machine.
// Each machine's status is derived from its rows as the write path derives it (DESIGN §2).
//
// As a script: `node bench/fleet.mjs <N> [database name]` migrates and seeds a dedicated
// database (default shopfloor_bench_fleet_<N>, replaced if it exists) and prints its URL.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { admin, ADMIN_URL, JWT_SECRET, root } from './lib.mjs';

/** Not a hash of any password: seeded staff never sign in. */
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcmVhbC1zYWx0$bm90LWEtcmVhbC1oYXNo';

/** Runs the server's migrations on a database (the same CLI an operator runs). */
export function migrateDatabase(url) {
  execFileSync(process.execPath, ['dist/cli/migrate.js'], {
    cwd: join(root, 'server'),
    env: { PATH: process.env.PATH, DATABASE_URL: url, JWT_SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Seeds `machines` machines into a migrated, empty database. Returns the counts written. */
export async function seedFleet(url, machines) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const buildings = Math.max(2, Math.ceil(machines / 100));
  const ms = (sql) => `date_trunc('milliseconds', ${sql})`;
  try {
    await client.query('begin');
    await client.query(
      `insert into buildings (id, name, created_at)
       select gen_random_uuid(), 'Hall ' || lpad(b::text, 3, '0'), now() - interval '400 days'
         from generate_series(1, $1) b`,
      [buildings],
    );
    await client.query(
      `insert into users (id, email, name, role, password_hash)
       select gen_random_uuid(), 'tech' || t || '@bench.local', 'Technician ' || lpad(t::text, 2, '0'),
              'TECHNICIAN'::user_role, $1
         from generate_series(1, 20) t
       union all
       select gen_random_uuid(), 'repair' || r || '@bench.local', 'Repair ' || lpad(r::text, 2, '0'),
              'REPAIR'::user_role, $1
         from generate_series(1, 10) r`,
      [NO_PASSWORD],
    );
    await client.query(
      `insert into machines (id, name, building_id, location, importance, asset_code, status,
                             status_since, created_at, updated_at)
       select gen_random_uuid(), 'Machine ' || lpad(i::text, 5, '0'), b.id,
              'Bay ' || (i % 40 + 1), i % 5 + 1, 'BM-' || lpad(i::text, 5, '0'), 'OK'::machine_status,
              ${ms("now() - (i % 97) * interval '1 hour'")}, now() - interval '1 year', now()
         from generate_series(1, $1) i
         join (select id, row_number() over (order by name) - 1 as n from buildings) b
           on b.n = i % $2`,
      [machines, buildings],
    );
    // Numbered machines and staff, so that shares are fixed fractions of the fleet.
    await client.query(`create temporary table seq_machines on commit drop as
      select id, building_id, row_number() over (order by name) as i from machines`);
    await client.query(`create temporary table seq_staff on commit drop as
      select id, role, row_number() over (partition by role order by name) - 1 as n from users
       where email like '%@bench.local'`);
    await client.query(
      `insert into machine_technicians (machine_id, user_id)
       select m.id, s.id from seq_machines m join seq_staff s
         on s.role = 'TECHNICIAN' and (s.n = m.i % 20 or (m.i % 3 = 0 and s.n = (m.i * 7 + 3) % 20))`,
    );
    const codes = `(array['TEMP_HIGH','VIBRATION','PRESSURE_LOW','DOOR_OPEN'])`;
    // Active warnings on a fifth of the machines (one to three each), cleared ones on all.
    await client.query(
      `insert into warnings (id, machine_id, message, code, raised_at, last_seen_at, repeat_count)
       select gen_random_uuid(), m.id, 'Condition ' || ${codes}[k], ${codes}[k],
              ${ms("now() - (m.i % 50 + k) * interval '1 minute'")},
              ${ms("now() - k * interval '5 second'")}, 1 + (m.i * k) % 30
         from seq_machines m cross join generate_series(1, 3) k
        where m.i % 5 = 1 and k <= 1 + m.i % 3`,
    );
    await client.query(
      `insert into warnings (id, machine_id, message, code, raised_at, last_seen_at, repeat_count,
                             cleared_at)
       select gen_random_uuid(), m.id, 'Condition ' || ${codes}[1 + k % 4], ${codes}[1 + k % 4],
              ${ms("now() - (k * 60 + m.i % 50) * interval '1 day' / 10")},
              ${ms("now() - (k * 60 + m.i % 50) * interval '1 day' / 10")}, 1,
              ${ms("now() - (k * 60 + m.i % 50) * interval '1 day' / 10 + interval '2 hour'")}
         from seq_machines m cross join generate_series(1, 2) k`,
    );
    // Unresolved cases on one machine in twelve; acknowledged or started ones have an assignee.
    await client.query(
      `insert into fault_cases (id, machine_id, description, severity, status, assignee_id,
                                opened_at, assigned_at, acknowledged_at, started_at, updated_at)
       select gen_random_uuid(), m.id, 'Bench fault on machine ' || m.i,
              (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + m.i % 4]::fault_severity,
              (array['OPEN','ACKNOWLEDGED','IN_PROGRESS'])[1 + (m.i / 12) % 3]::fault_status,
              case when (m.i / 12) % 3 > 0 then r.id end,
              ${ms("now() - (m.i % 300) * interval '1 minute'")},
              case when (m.i / 12) % 3 > 0 then ${ms("now() - (m.i % 300) * interval '1 minute' + interval '30 second'")} end,
              case when (m.i / 12) % 3 > 0 then ${ms("now() - (m.i % 300) * interval '1 minute' + interval '30 second'")} end,
              case when (m.i / 12) % 3 = 2 then ${ms("now() - (m.i % 300) * interval '1 minute' + interval '60 second'")} end,
              now()
         from seq_machines m join seq_staff r on r.role = 'REPAIR' and r.n = m.i % 10
        where m.i % 12 = 0`,
    );
    await client.query(
      `insert into fault_cases (id, machine_id, description, severity, status, assignee_id,
                                opened_at, resolved_at, resolution_note, updated_at)
       select gen_random_uuid(), m.id, 'Old fault ' || k, 'MEDIUM'::fault_severity, 'RESOLVED'::fault_status, r.id,
              now() - (k * 90 + m.i % 60) * interval '1 day', now() - (k * 90 + m.i % 60 - 1) * interval '1 day',
              'Fixed', now()
         from seq_machines m cross join generate_series(1, 2) k
         join seq_staff r on r.role = 'REPAIR' and r.n = m.i % 10
        where m.i % 4 = 0`,
    );
    await client.query(
      `update machines m set status = case
         when exists (select 1 from fault_cases f where f.machine_id = m.id and f.status <> 'RESOLVED') then 'FAULT'
         when exists (select 1 from warnings w where w.machine_id = m.id and w.cleared_at is null) then 'WARNING'
         else 'OK' end::machine_status`,
    );
    // A year of history: two events a month per machine, in time order (ids follow `at`).
    await client.query(
      `insert into machine_events (machine_id, building_id, type, at, from_status, to_status, data)
       select m.id, m.building_id, 'STATUS_CHANGED'::machine_event_type,
              now() - interval '1 year' + e * interval '15 day' + (m.i % 1000) * interval '1 second',
              case when e % 2 = 0 then 'OK' else 'WARNING' end::machine_status,
              case when e % 2 = 0 then 'WARNING' else 'OK' end::machine_status, '{}'::jsonb
         from generate_series(0, 23) e cross join seq_machines m
        order by 4`,
    );
    await client.query('commit');
    await client.query('analyze');
    const { rows } = await client.query(
      `select (select count(*) from machines)::int as machines,
              (select count(*) from warnings where cleared_at is null)::int as "activeWarnings",
              (select count(*) from fault_cases where status <> 'RESOLVED')::int as "openCases",
              (select count(*) from machine_events)::int as events`,
    );
    return rows[0];
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const machines = Number(process.argv[2] ?? 2000);
  const name = process.argv[3] ?? `shopfloor_bench_fleet_${machines}`;
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  migrateDatabase(url.toString());
  console.log(await seedFleet(url.toString(), machines));
  console.log(url.toString());
}
