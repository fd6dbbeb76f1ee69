// The floors of `bench:board`, each in its own process (its CPU time is read apart):
//   raw      node:http + pg, one hand-written statement, the board page's JSON built by hand;
//   graphql  bare graphql-js `execute` of the board's query on a minimal schema over the same
//            statement (document parsed and validated once, as Apollo's cache does).
// Both take the server's request body ({ query, variables: { after } }) and answer the same
// JSON bytes as the server; bench/board.mjs checks that before it measures.
import { createServer } from 'node:http';
import { buildSchema, execute, parse, validate } from 'graphql';
import pg from 'pg';

const [mode, databaseUrl, pageSize] = process.argv.slice(2);
const FIRST = Number(pageSize);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

const iso = (column) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The page, its nested lists, the event head and the count, in one statement. */
const PAGE_SQL = `
select m.id, m.name, m.asset_code, m.location, m.importance, m.status,
       ${iso('m.status_since')} as status_since, m.archived, b.id as building_id, b.name as building_name,
       (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name), '[]')
          from (select u.id, u.name from machine_technicians mt join users u on u.id = mt.user_id
                 where mt.machine_id = m.id order by u.name limit 5) t) as technicians,
       (select coalesce(json_agg(json_build_object('id', w.id, 'code', w.code, 'message', w.message,
                                 'repeatCount', w.repeat_count, 'lastSeenAt', w.last_seen_at)
                                 order by w.raised_at, w.id), '[]')
          from (select w.id, w.code, w.message, w.repeat_count, w.raised_at, ${iso('w.last_seen_at')} as last_seen_at
                  from warnings w where w.machine_id = m.id and w.cleared_at is null
                 order by w.raised_at, w.id limit 5) w) as warnings,
       (select json_build_object('id', f.id, 'severity', f.severity, 'status', f.status,
                                 'openedAt', ${iso('f.opened_at')},
                                 'assignee', case when a.id is null then null
                                             else json_build_object('id', a.id, 'name', a.name) end)
          from fault_cases f left join users a on a.id = f.assignee_id
         where f.machine_id = m.id and f.status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')
         order by f.opened_at desc, f.id limit 1) as open_case,
       (select count(*) from machines where not archived)::int as total,
       (select coalesce(max(id), 0) from machine_events)::text as head
  from machines m join buildings b on b.id = m.building_id
 where not m.archived and ($1::text is null or (m.name, m.id) > ($1::text, $2::uuid))
 order by m.name, m.id
 limit $3`;

async function loadPage(after) {
  const [name, id] = after ? JSON.parse(Buffer.from(after, 'base64url').toString()) : [null, null];
  const { rows } = await pool.query(PAGE_SQL, [name, id, FIRST + 1]);
  const hasNextPage = rows.length > FIRST;
  const page = rows.slice(0, FIRST);
  const last = page.at(-1);
  return {
    lastEventId: rows[0]?.head ?? '0',
    nodes: page.map((m) => ({
      id: m.id,
      name: m.name,
      assetCode: m.asset_code,
      location: m.location,
      importance: m.importance,
      status: m.status,
      statusSince: m.status_since,
      archived: m.archived,
      building: { id: m.building_id, name: m.building_name },
      technicians: m.technicians,
      activeWarnings: m.warnings,
      openFaultCase: m.open_case,
    })),
    pageInfo: {
      endCursor: last
        ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url')
        : null,
      hasNextPage,
    },
    totalCount: page.length ? page[0].total : 0,
  };
}

const SDL = `
  type Building { id: ID! name: String! }
  type User { id: ID! name: String! }
  type Warning { id: ID! code: String message: String! repeatCount: Int! lastSeenAt: String! }
  type FaultCase { id: ID! severity: String! status: String! openedAt: String! assignee: User }
  type Machine {
    id: ID! name: String! assetCode: String! location: String importance: Int! status: String!
    statusSince: String! archived: Boolean! building: Building!
    technicians(first: Int): [User!]! activeWarnings(first: Int): [Warning!]! openFaultCase: FaultCase
  }
  type PageInfo { endCursor: String hasNextPage: Boolean! }
  type MachineConnection { lastEventId: ID! nodes: [Machine!]! pageInfo: PageInfo! totalCount: Int! }
  input MachineFilter { onlyAssignedToMe: Boolean }
  type Query { machines(first: Int, after: String, filter: MachineFilter): MachineConnection! }
`;
const schema = buildSchema(SDL);
const rootValue = { machines: ({ after }) => loadPage(after ?? null) };
const documents = new Map();

function documentOf(query) {
  let document = documents.get(query);
  if (!document) {
    document = parse(query);
    const errors = validate(schema, document);
    if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
    documents.set(query, document);
  }
  return document;
}

async function answer(body) {
  const { query, variables } = JSON.parse(body);
  if (mode === 'raw')
    return JSON.stringify({ data: { machines: await loadPage(variables?.after ?? null) } });
  const result = await execute({
    schema,
    document: documentOf(query),
    rootValue,
    variableValues: variables,
  });
  return JSON.stringify(result);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString()).then(
      (text) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        // Apollo ends its JSON with a newline; so do the floors, for the same bytes.
        res.end(`${text}\n`);
      },
      (error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () =>
  process.send({ type: 'listening', port: server.address().port }),
);
process.on('disconnect', () => process.exit(0));
