// The floor of `bench:write`, in its own process (its CPU time is read apart): raw node:http +
// pg sending the statements our server sends for the same request (read from the server's
// SQL log), in one transaction, and answering a small JSON body.
//   POST /graphql  { variables: { input } } — raiseWarning (input.message) or openFaultCase
//                  (input.description), as a manager: authentication, the machine row
//                  locked, the row inserted, the status derived, the event appended under the
//                  plant-wide event lock, commit, and the two reads of the response.
//   POST /api/machines/<id>/warnings/           a sensor raise (a repeat when its code is active)
//   DELETE /api/machines/<id>/warnings/?code=   a sensor clear
//   POST /api/sensor-reports/                   a gateway's batch, with the statements of the
//                  server's batch path (modules/warnings/sensor-report.service.ts): the
//                  machines locked in id order, their facts read, the batch worked out in
//                  memory, warnings updated, then warnings, statuses and events in one statement
// The event append follows the server's ordering scheme (EVENT_ORDER): `none` (today: no
// lock, readers wait for a horizon, events/event-horizon.ts), `lock` (the plant-wide lock in its
// own statement, before 7a9f55c), `lock-in-insert` (the same lock taken inside the INSERT).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const [databaseUrl, userId, apiClientId] = process.argv.slice(2);
const ORDER = process.env.EVENT_ORDER ?? 'none';
const PLANT_KEY = 7_140_001;
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
pool.on('error', () => undefined);

const UNRESOLVED = `('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')`;

async function appendEvents(client, machine, actor, events) {
  if (events.length === 0) return [];
  const values = [];
  const params = [];
  for (const e of events) {
    const base = params.length;
    values.push(
      `($${base + 1}::uuid, $${base + 2}::uuid, $${base + 3}::machine_event_type, now(), $${base + 4}::uuid,
        $${base + 5}::uuid, $${base + 6}::uuid, $${base + 7}::uuid, $${base + 8}::machine_status,
        $${base + 9}::machine_status, $${base + 10}::jsonb)`,
    );
    params.push(
      machine.id,
      machine.building_id,
      e.type,
      actor.user,
      actor.apiClient,
      e.faultCaseId ?? null,
      e.warningId ?? null,
      e.from ?? null,
      e.to ?? null,
      JSON.stringify(e.data ?? {}),
    );
  }
  const columns = `(machine_id, building_id, type, at, actor_user_id, actor_api_client_id,
                    fault_case_id, warning_id, from_status, to_status, data)`;
  if (ORDER === 'lock-in-insert') {
    params.push(PLANT_KEY);
    const { rows } = await client.query(
      `insert into machine_events ${columns}
       select v.* from (values ${values.join(', ')}) v, (select pg_advisory_xact_lock($${params.length})) l
       returning id`,
      params,
    );
    return rows;
  }
  if (ORDER === 'lock') await client.query('select pg_advisory_xact_lock($1)', [PLANT_KEY]);
  const { rows } = await client.query(
    `insert into machine_events ${columns} values ${values.join(', ')} returning id`,
    params,
  );
  return rows;
}

/** The machine write (writeMachine): lock the row, change, derive the status, append. */
async function writeMachine(machineId, actor, change) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const {
      rows: [machine],
    } = await client.query(
      `select m.*, b.id as b__id, b.name as b__name from machines m join buildings b on b.id = m.building_id
        where m.id = $1 limit 1 for update`,
      [machineId],
    );
    if (!machine) {
      await client.query('rollback');
      return { status: 404 };
    }
    const events = [];
    const result = await change(client, machine, events);
    const {
      rows: [facts],
    } = await client.query(
      `select exists (select 1 from fault_cases where machine_id = $1 and status in ${UNRESOLVED}) as unresolved,
              exists (select 1 from warnings where machine_id = $1 and cleared_at is null) as active`,
      [machineId],
    );
    const next = facts.unresolved ? 'FAULT' : facts.active ? 'WARNING' : 'OK';
    if (next !== machine.status) {
      events.push({ type: 'STATUS_CHANGED', from: machine.status, to: next });
      await client.query(
        'update machines set status = $2, status_since = now(), updated_at = now() where id = $1',
        [machineId, next],
      );
    }
    await appendEvents(client, machine, actor, events);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const userActor = { user: userId, apiClient: null };
const sensorActor = { user: null, apiClient: apiClientId };

async function authenticateUser() {
  await pool.query(
    'select u.id, u.name, u.role, u.active, u.token_version from users u where u.id = $1',
    [userId],
  );
}

async function authenticateSensor() {
  await pool.query(
    `select a.*, b.id as b__id from api_clients a left join api_client_buildings ab on ab.api_client_id = a.id
       left join buildings b on b.id = ab.building_id where a.id = $1`,
    [apiClientId],
  );
}

async function raiseWarning(machineId, actor, message, code) {
  return writeMachine(machineId, actor, async (client, machine, events) => {
    if (code) {
      const {
        rows: [existing],
      } = await client.query(
        'select * from warnings where machine_id = $1 and code = $2 and cleared_at is null limit 1',
        [machineId, code],
      );
      if (existing) {
        await client.query(
          'update warnings set last_seen_at = now(), repeat_count = repeat_count + 1 where id = $1',
          [existing.id],
        );
        return { status: 200, body: { id: existing.id } };
      }
    }
    const id = randomUUID();
    await client.query(
      `insert into warnings (id, machine_id, message, code, raised_by_user_id, raised_by_api_client_id,
                             raised_at, last_seen_at, repeat_count)
       values ($1, $2, $3, $4, $5, $6, now(), now(), 1)`,
      [id, machineId, message, code ?? null, actor.user, actor.apiClient],
    );
    events.push({ type: 'WARNING_RAISED', warningId: id, data: { message, code: code ?? null } });
    return { status: 201, body: { id } };
  });
}

async function clearWarning(machineId, actor, code) {
  return writeMachine(machineId, actor, async (client, machine, events) => {
    const {
      rows: [warning],
    } = await client.query(
      'select * from warnings where machine_id = $1 and code = $2 and cleared_at is null limit 1',
      [machineId, code],
    );
    if (!warning) return { status: 200, body: {} };
    await client.query(
      'update warnings set cleared_at = now(), cleared_by_api_client_id = $2 where id = $1',
      [warning.id, actor.apiClient],
    );
    events.push({
      type: 'WARNING_CLEARED',
      warningId: warning.id,
      data: { message: warning.message, code },
    });
    return { status: 200, body: { id: warning.id } };
  });
}

async function openFault(machineId, actor, description, severity) {
  return writeMachine(machineId, actor, async (client, machine, events) => {
    await client.query(
      `select id from fault_cases where machine_id = $1 and resolved_at >= now() - interval '10 minutes'
        order by resolved_at desc, id limit 1`,
      [machineId],
    );
    const id = randomUUID();
    await client.query(
      `insert into fault_cases (id, machine_id, description, severity, status, reported_by_user_id,
                                opened_at, updated_at, version, reopen_count)
       values ($1, $2, $3, $4, 'OPEN', $5, now(), now(), 1, 0)`,
      [id, machineId, description, severity, actor.user],
    );
    events.push({
      type: 'FAULT_OPENED',
      faultCaseId: id,
      data: { description, severity },
    });
    return { status: 201, body: { id } };
  });
}

/**
 * A gateway's batch: the server's batch path (sensor-report.plan.ts and .service.ts) without
 * its checks and per-report refusals; reports name known machines.
 */
async function applySensorBatch(reports, actor) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const ids = JSON.stringify([...new Set(reports.map((r) => r.machineId))]);
    await client.query(
      `select id from machines where id in (select jsonb_array_elements_text($1::jsonb)::uuid)
        order by id for update`,
      [ids],
    );
    const { rows } = await client.query(
      `select m.id, m.building_id, m.status, m.archived,
              exists (select 1 from fault_cases f where f.machine_id = m.id and f.status in ${UNRESOLVED}) as unresolved,
              coalesce((select json_agg(json_build_object('id', w.id, 'code', w.code,
                                        'message', w.message, 'repeatCount', w.repeat_count))
                          from warnings w where w.machine_id = m.id and w.cleared_at is null), '[]'::json) as active
         from machines m where m.id in (select jsonb_array_elements_text($1::jsonb)::uuid)`,
      [ids],
    );
    const machines = new Map(
      rows.map((r) => [
        r.id,
        {
          ...r,
          count: r.active.length,
          byCode: new Map(r.active.filter((w) => w.code).map((w) => [w.code, { ...w }])),
        },
      ]),
    );
    const touched = new Map();
    const events = [];
    const statuses = new Map();
    const event = (m, type, extra) =>
      events.push({
        n: events.length,
        machine_id: m.id,
        building_id: m.building_id,
        type,
        ...extra,
      });
    const rederive = (m) => {
      const next = m.unresolved ? 'FAULT' : m.count > 0 ? 'WARNING' : 'OK';
      if (next === m.status) return;
      event(m, 'STATUS_CHANGED', { from_status: m.status, to_status: next, data: {} });
      m.status = next;
      statuses.set(m.id, { id: m.id, status: next });
    };
    const results = reports.map((r) => {
      const m = machines.get(r.machineId);
      const w = m.byCode.get(r.code);
      if (r.active) {
        if (w) {
          w.repeatCount += 1;
          w.seen = true;
          touched.set(w.id, w);
          return { outcome: 'REPEATED', warningId: w.id };
        }
        const raised = {
          id: randomUUID(),
          raised: true,
          seen: true,
          repeatCount: 1,
          machineId: m.id,
          code: r.code,
          message: r.message,
        };
        touched.set(raised.id, raised);
        m.byCode.set(r.code, raised);
        m.count += 1;
        event(m, 'WARNING_RAISED', {
          warning_id: raised.id,
          data: { message: r.message, code: r.code },
        });
        rederive(m);
        return { outcome: 'RAISED', warningId: raised.id };
      }
      if (!w) return { outcome: 'NOT_ACTIVE', warningId: null };
      w.cleared = true;
      touched.set(w.id, w);
      m.byCode.delete(r.code);
      m.count -= 1;
      event(m, 'WARNING_CLEARED', { warning_id: w.id, data: { message: w.message, code: r.code } });
      rederive(m);
      return { outcome: 'CLEARED', warningId: w.id };
    });
    const at = new Date().toISOString();
    const change = (w) => ({
      id: w.id,
      repeat_count: w.repeatCount,
      last_seen_at: w.seen ? at : null,
      cleared_at: w.cleared ? at : null,
      cleared_by_api_client_id: w.cleared ? actor.apiClient : null,
    });
    const all = [...touched.values()];
    const changed = all.filter((w) => !w.raised);
    if (changed.length > 0) {
      await client.query(
        `update warnings w set repeat_count = r.repeat_count,
                last_seen_at = coalesce(r.last_seen_at, w.last_seen_at), cleared_at = r.cleared_at,
                cleared_by_api_client_id = r.cleared_by_api_client_id
           from jsonb_to_recordset($1::jsonb) as r(id uuid, repeat_count int, last_seen_at timestamptz,
                cleared_at timestamptz, cleared_by_api_client_id uuid)
          where w.id = r.id and w.cleared_at is null`,
        [JSON.stringify(changed.map(change))],
      );
    }
    if (events.length > 0 || all.some((w) => w.raised)) {
      await client.query(
        `with raised as (
           insert into warnings (id, machine_id, message, code, raised_by_api_client_id, raised_at,
                                 last_seen_at, repeat_count, cleared_at, cleared_by_api_client_id)
           select r.id, r.machine_id, r.message, r.code, r.raised_by_api_client_id, $2, r.last_seen_at,
                  r.repeat_count, r.cleared_at, r.cleared_by_api_client_id
             from jsonb_to_recordset($1::jsonb) as r(id uuid, machine_id uuid, message varchar, code varchar,
                  raised_by_api_client_id uuid, last_seen_at timestamptz, repeat_count int,
                  cleared_at timestamptz, cleared_by_api_client_id uuid)
         ), statuses as (
           update machines m set status = r.status::machine_status, status_since = $2, updated_at = $2
             from jsonb_to_recordset($3::jsonb) as r(id uuid, status text) where m.id = r.id
         ), appended as (
           insert into machine_events (machine_id, building_id, type, at, actor_api_client_id,
                                       warning_id, from_status, to_status, data)
           select r.machine_id, r.building_id, r.type::machine_event_type, $2, $4, r.warning_id,
                  r.from_status::machine_status, r.to_status::machine_status, r.data
             from jsonb_to_recordset($5::jsonb) as r(n int, machine_id uuid, building_id uuid, type text,
                  warning_id uuid, from_status text, to_status text, data jsonb)
            order by r.n
           returning id
         )
         select id from appended order by id`,
        [
          JSON.stringify(
            all
              .filter((w) => w.raised)
              .map((w) => ({
                ...change(w),
                machine_id: w.machineId,
                message: w.message,
                code: w.code,
                raised_by_api_client_id: actor.apiClient,
              })),
          ),
          at,
          JSON.stringify([...statuses.values()]),
          actor.apiClient,
          JSON.stringify(events),
        ],
      );
    }
    await client.query('commit');
    return { status: 200, body: { results } };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The response's reads (the actor and the machine), as the server's field resolvers do. */
async function readBack(machineId) {
  await pool.query('select * from users where id in ($1)', [userId]);
  await pool.query('select * from machines where id in ($1)', [machineId]);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    const body = await readBody(req);
    let result;
    const sensorPath = /^\/api\/machines\/([0-9a-f-]{36})\/warnings\/$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === '/graphql') {
      const { input } = JSON.parse(body).variables;
      await authenticateUser();
      result = input.description
        ? await openFault(input.machineId, userActor, input.description, input.severity)
        : await raiseWarning(input.machineId, userActor, input.message, input.code);
      await readBack(input.machineId);
      result.body = { data: result.body };
    } else if (sensorPath && req.method === 'POST') {
      const { message, code } = JSON.parse(body);
      await authenticateSensor();
      result = await raiseWarning(sensorPath[1], sensorActor, message, code);
    } else if (url.pathname === '/api/sensor-reports/' && req.method === 'POST') {
      const { reports } = JSON.parse(body);
      await authenticateSensor();
      result = await applySensorBatch(
        reports.map((r) => ({ ...r, message: r.message ?? r.code })),
        sensorActor,
      );
    } else if (sensorPath && req.method === 'DELETE') {
      await authenticateSensor();
      result = await clearWarning(sensorPath[1], sensorActor, url.searchParams.get('code'));
    } else {
      result = { status: 404, body: {} };
    }
    res.writeHead(result.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result.body ?? {}));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: String(error) }));
  }
});

server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port });
});
