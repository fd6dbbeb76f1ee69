// node bench/event-lock.mjs — what the plant-wide event lock costs the write path's floor.
// Raw pg clients run the event part of a sensor write (touch the machine row, lock, append one
// machine event, commit) in three variants, alternating, on a fleet from bench/fleet.mjs:
//   plant     pg_advisory_xact_lock(one key): event ids in commit order plant-wide (today);
//   plant-in-insert  the same key, taken inside the INSERT (one client round trip fewer held);
//   building  one key per building: ids in commit order only within a building;
//   none      no lock: ids in insert order (the horizon read would then order them).
//   LOCK_SECONDS=5 (3 with BENCH_QUICK=1)  LOCK_ROUNDS=3  LOCK_CONNECTIONS=20  LOCK_N=2000 (machines)
import pg from 'pg';
import { loadavg } from 'node:os';
import { freshDatabase, printTable, resultRow, writeResult } from './lib.mjs';
import { migrateDatabase, seedFleet } from './fleet.mjs';

const SECONDS = Number(process.env.LOCK_SECONDS ?? (process.env.BENCH_QUICK === '1' ? 3 : 5));
const ROUNDS = Number(process.env.LOCK_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.LOCK_CONNECTIONS ?? 20);
const MACHINES = Number(process.env.LOCK_N ?? 2000);
const PLANT_KEY = 7_140_001;

async function phase(variant, clients, machines, buildingKeys) {
  let writes = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, worker) => {
      for (let n = worker; performance.now() < deadline; n += clients.length) {
        const m = machines[n % machines.length];
        // As the write path does it: the row changes first, then the lock just before the
        // events are appended, held to commit (modules/events/event-log.ts).
        await client.query('begin');
        await client.query('update machines set updated_at = now() where id = $1', [m.id]);
        if (variant === 'plant')
          await client.query('select pg_advisory_xact_lock($1)', [PLANT_KEY]);
        if (variant === 'building') {
          await client.query('select pg_advisory_xact_lock($1)', [buildingKeys.get(m.building_id)]);
        }
        if (variant === 'plant-in-insert') {
          // One round trip fewer inside the lock: taken by the statement that appends.
          await client.query(
            `insert into machine_events (machine_id, building_id, type, data)
             select $1, $2, 'WARNING_RAISED', '{}' from (select pg_advisory_xact_lock($3)) lock`,
            [m.id, m.building_id, PLANT_KEY],
          );
        } else {
          await client.query(
            `insert into machine_events (machine_id, building_id, type, data)
             values ($1, $2, 'WARNING_RAISED', '{}')`,
            [m.id, m.building_id],
          );
        }
        await client.query('commit');
        writes++;
      }
    }),
  );
  return writes / ((performance.now() - started) / 1000);
}

const db = await freshDatabase();
const clients = [];
try {
  migrateDatabase(db.url);
  await seedFleet(db.url, MACHINES);
  for (let i = 0; i < CONNECTIONS; i++) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    clients.push(client);
  }
  const { rows: machines } = await clients[0].query('select id, building_id from machines');
  const buildings = [...new Set(machines.map((m) => m.building_id))];
  const buildingKeys = new Map(buildings.map((b, i) => [b, PLANT_KEY + 1 + i]));
  const variants = ['plant', 'plant-in-insert', 'building', 'none'];
  for (const v of variants) await phase(v, clients, machines, buildingKeys); // warm-up
  const rates = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of round % 2 ? [...variants].reverse() : variants) {
      rates[v].push(await phase(v, clients, machines, buildingKeys));
    }
  }
  writeResult(
    'bench:event-lock',
    printTable(
      `Event lock: ${CONNECTIONS} raw pg connections, ${MACHINES} machines in ${buildings.length} buildings, ${SECONDS} s phases, medians of ${ROUNDS} alternating rounds`,
      variants.map((v) =>
        resultRow({
          case: `${MACHINES} machines`,
          target: v === 'plant' ? 'plant (today)' : v,
          figure: 'writes',
          unit: 'writes/s',
          rounds: rates[v],
          baseline: v === 'none' ? 'self' : { target: 'none', rounds: rates.none },
        }),
      ),
      {
        notes: [
          `load average at the end ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}`,
        ],
      },
    ),
  );
} finally {
  await Promise.all(clients.map((c) => c.end()));
  await db.drop();
}
