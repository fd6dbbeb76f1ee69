import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';
export const PASSWORD = 'e2e password that is long';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Child {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns a process and resolves once its output matches `ready`. */
function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Child & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Should the test run itself be killed, take the servers along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      r();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not start:\n${out}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      if (out.length < 500_000) out += d.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => out, stop, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

export interface SeededUser {
  id: string;
  email: string;
  name: string;
  role: 'MANAGER' | 'TECHNICIAN' | 'REPAIR';
}

export interface SeededMachine {
  id: string;
  name: string;
  assetCode: string;
  building: string;
}

export interface Stack {
  webUrl: string;
  apiUrl: string;
  users: Record<'manager' | 'technician' | 'repair', SeededUser>;
  machines: SeededMachine[];
  /** An API client token with warnings:write, faults:write and machines:read. */
  sensorToken: string;
  /** The seeded manager's access token (for setting up through GraphQL). */
  managerToken: string;
  /** Stops the API process (the web server keeps running): a crash or a deploy. */
  stopApi(): Promise<void>;
  /** Starts the API again on the same port and database. */
  startApi(): Promise<void>;
  gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** A REST call to the API through the web server, as a sensor would make it. */
  rest(method: string, path: string, body?: unknown): Promise<Response>;
  /** The web server's process (for shutdown tests). */
  web: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The real system for one test file: a fresh PostgreSQL database, the compiled API
 * (`server/dist/main.js`, which runs the server's `createServer`) on a free port, and the
 * web server in front of it; seeded through the public API with a user of each role, two
 * buildings, machines and a sensor's API client.
 */
export async function startStack(options: { env?: Record<string, string> } = {}): Promise<Stack> {
  const database = `shopfloor_e2e_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${database}`);
  const webPort = await freePort();
  const webOrigin = `http://127.0.0.1:${webPort}`;
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${database}`;

  // Photos of this database only: another stack's clean-up must not see them as leftovers.
  const storageDir = mkdtempSync(join(tmpdir(), 'shopfloor-e2e-uploads-'));
  const children: Child[] = [];
  const stop = async () => {
    for (const c of children.reverse()) await c.stop();
    await admin(`drop database if exists ${database} with (force)`);
    rmSync(storageDir, { recursive: true, force: true });
  };

  try {
    const apiEnv = {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
      STORAGE_DIR: storageDir,
      JWT_SECRET,
      LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: webOrigin,
      INITIAL_MANAGER_EMAIL: 'manager@e2e.test',
      INITIAL_MANAGER_PASSWORD: PASSWORD,
      ...options.env,
    };
    const startApiProcess = (port: string) =>
      startProcess(
        [join(ROOT, 'server', 'dist', 'main.js')],
        { ...apiEnv, PORT: port },
        /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/,
      );
    const firstApi = await startApiProcess('0');
    let api: Child = firstApi;
    children.push(api);
    const apiUrl = firstApi.match[1]!;

    const web = await startProcess(
      [join(ROOT, 'web', 'server.js')],
      { WEB_PORT: String(webPort), WEB_HOST: '127.0.0.1', API_URL: apiUrl },
      /listening on/,
    );
    children.push(web);

    const gql = async <T>(
      query: string,
      variables: Record<string, unknown> = {},
      token?: string,
    ) => {
      const res = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };

    const { login } = await gql<{ login: { accessToken: string; user: SeededUser } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, deliverRefreshToken: BODY) {
        accessToken user { id email name role } } }`,
      { e: 'manager@e2e.test', p: PASSWORD },
    );
    const token = login.accessToken;

    const createUser = async (name: string, email: string, role: SeededUser['role']) =>
      (
        await gql<{ createUser: SeededUser }>(
          `mutation ($i: CreateUserInput!) { createUser(input: $i) { id email name role } }`,
          { i: { name, email, role, password: PASSWORD } },
          token,
        )
      ).createUser;
    const technician = await createUser('Tom Technician', 'tech@e2e.test', 'TECHNICIAN');
    const repair = await createUser('Rick Repair', 'repair@e2e.test', 'REPAIR');

    const machines: SeededMachine[] = [];
    const specs: [string, string, string, number][] = [
      ['Press 7', 'PRS-07', 'Hall B', 5],
      ['Press 3', 'PRS-03', 'Hall B', 5],
      ['CNC Mill 1', 'CNC-01', 'Hall A', 4],
      ['Lathe 2', 'LTH-02', 'Hall A', 3],
      ['Drill Press 1', 'DRL-01', 'Hall A', 2],
      ['Compressor 1', 'CMP-01', 'Hall C', 5],
    ];
    for (const [name, assetCode, buildingName, importance] of specs) {
      const { createMachine } = await gql<{ createMachine: { id: string } }>(
        `mutation ($i: CreateMachineInput!) { createMachine(input: $i) { id } }`,
        { i: { name, assetCode, buildingName, importance, location: 'Line 1' } },
        token,
      );
      machines.push({ id: createMachine.id, name, assetCode, building: buildingName });
    }
    await gql(
      `mutation ($m: ID!, $t: [ID!]!) { assignTechnicians(machineId: $m, technicianIds: $t) { id } }`,
      { m: machines[2]!.id, t: [technician.id] },
      token,
    );
    const { createApiClient } = await gql<{ createApiClient: { token: string } }>(
      `mutation { createApiClient(input: { name: "Line sensors",
        scopes: [WARNINGS_WRITE, FAULTS_WRITE, MACHINES_READ] }) { token } }`,
      {},
      token,
    );

    return {
      webUrl: webOrigin,
      apiUrl,
      users: { manager: login.user, technician, repair },
      machines,
      sensorToken: createApiClient.token,
      managerToken: token,
      async stopApi() {
        await api.stop();
      },
      async startApi() {
        const next = await startApiProcess(new URL(apiUrl).port);
        children[children.indexOf(api)] = next;
        api = next;
      },
      web: web.child,
      gql,
      rest: (method, path, body) =>
        fetch(`${webOrigin}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${createApiClient.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
