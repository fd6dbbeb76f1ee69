import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, TEST_PASSWORD } from '../../testing/factories.js';
import { errorCode, expectData, type GqlResult, type TestServer } from '../../testing/harness.js';
import { startCacheTestServers, type CacheTestServers } from '../../testing/replicas.js';
import { Role } from '../users/user.role.js';

// The identity cache (identity-cache.ts): a credential is looked up once, and every change
// that ends or alters it ends its cached answer — on this server, and on another replica
// reading right after the change (EVENT_BUS=postgres), with no waiting.

let servers: CacheTestServers;
let memory: TestServer;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  servers = await startCacheTestServers();
  ({ memory, a, b } = servers);
});
afterAll(async () => {
  await servers?.close();
});

const ME = '{ me { id name role } }';
const BOARD = '{ machines(first: 1) { nodes { id } } }';
const PAYLOAD = 'accessToken refreshToken';

let ipCounter = 0;
const freshIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

async function signIn(server: TestServer, email: string) {
  const res = await server.gql<{ login: { accessToken: string; refreshToken: string } }>(
    `mutation ($email: String!, $password: String!) {
      login(email: $email, password: $password, deliverRefreshToken: BODY) { ${PAYLOAD} } }`,
    { email, password: TEST_PASSWORD },
    { headers: { 'x-forwarded-for': freshIp() } },
  );
  return expectData(res).login;
}

/** 'OK' when the credential was accepted, else the error code. */
function outcome(res: GqlResult<unknown>): string {
  return errorCode(res) ?? 'OK';
}

interface Credential {
  token: string;
  /** A read that needs the credential. */
  probe: string;
}

/**
 * Each way a credential ends: builds a credential through `writer`, then ends it there.
 * `expected` is what the ended credential gets afterwards.
 */
const ENDINGS: {
  name: string;
  expected: string;
  setUp(writer: TestServer, manager: string): Promise<Credential & { end(): Promise<void> }>;
}[] = [
  {
    name: 'deactivation',
    expected: 'UNAUTHENTICATED',
    async setUp(writer, manager) {
      const { user, token } = await new Factory(writer).user(Role.TECHNICIAN);
      return {
        token,
        probe: ME,
        end: async () => {
          expectData(
            await writer.gql(
              'mutation ($id: ID!) { deactivateUser(id: $id) { endedSessions } }',
              { id: user.id },
              { token: manager },
            ),
          );
        },
      };
    },
  },
  {
    name: 'role change',
    expected: 'UNAUTHENTICATED',
    async setUp(writer, manager) {
      const { user, token } = await new Factory(writer).user(Role.TECHNICIAN);
      return {
        token,
        probe: ME,
        end: async () => {
          expectData(
            await writer.gql(
              'mutation ($id: ID!) { updateUser(id: $id, input: { role: REPAIR }) { id } }',
              { id: user.id },
              { token: manager },
            ),
          );
        },
      };
    },
  },
  {
    name: 'logout (its session)',
    expected: 'UNAUTHENTICATED',
    async setUp(writer) {
      const { user } = await new Factory(writer).user(Role.REPAIR);
      const session = await signIn(writer, user.email);
      return {
        token: session.accessToken,
        probe: ME,
        end: async () => {
          expectData(
            await writer.gql('mutation ($t: String) { logout(refreshToken: $t) }', {
              t: session.refreshToken,
            }),
          );
        },
      };
    },
  },
  {
    name: 'sign-out everywhere',
    expected: 'UNAUTHENTICATED',
    async setUp(writer) {
      const { user } = await new Factory(writer).user(Role.TECHNICIAN);
      const session = await signIn(writer, user.email);
      const other = await signIn(writer, user.email);
      return {
        token: session.accessToken,
        probe: ME,
        end: async () => {
          expectData(
            await writer.gql('mutation { logoutEverywhere }', {}, { token: other.accessToken }),
          );
        },
      };
    },
  },
  {
    name: 'password change',
    expected: 'UNAUTHENTICATED',
    async setUp(writer) {
      const { user } = await new Factory(writer).user(Role.MANAGER);
      const session = await signIn(writer, user.email);
      return {
        token: session.accessToken,
        probe: ME,
        end: async () => {
          expectData(
            await writer.gql(
              `mutation ($c: String!, $n: String!) {
                changePassword(currentPassword: $c, newPassword: $n, deliverRefreshToken: BODY) { accessToken } }`,
              { c: TEST_PASSWORD, n: `Qv7-${randomBytes(12).toString('hex')}` },
              { token: session.accessToken, headers: { 'x-forwarded-for': freshIp() } },
            ),
          );
        },
      };
    },
  },
  {
    name: 'API token revocation',
    expected: 'UNAUTHENTICATED',
    async setUp(writer, manager) {
      const created = expectData(
        await writer.gql<{ createApiClient: { token: string; apiClient: { id: string } } }>(
          'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token apiClient { id } } }',
          {
            input: { name: `sensor ${randomBytes(3).toString('hex')}`, scopes: ['MACHINES_READ'] },
          },
          { token: manager },
        ),
      ).createApiClient;
      return {
        token: created.token,
        probe: BOARD,
        end: async () => {
          expectData(
            await writer.gql(
              'mutation ($id: ID!) { revokeApiClient(id: $id) { id } }',
              { id: created.apiClient.id },
              { token: manager },
            ),
          );
        },
      };
    },
  },
  {
    name: 'display link revocation',
    expected: 'UNAUTHENTICATED',
    async setUp(writer, manager) {
      const hall = await new Factory(writer).building();
      const created = expectData(
        await writer.gql<{ createDisplayLink: { token: string; displayLink: { id: string } } }>(
          'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token displayLink { id } } }',
          { input: { name: 'north wall', buildingIds: [hall.id] } },
          { token: manager },
        ),
      ).createDisplayLink;
      return {
        token: created.token,
        probe: BOARD,
        end: async () => {
          expectData(
            await writer.gql(
              'mutation ($id: ID!) { revokeDisplayLink(id: $id) { id } }',
              { id: created.displayLink.id },
              { token: manager },
            ),
          );
        },
      };
    },
  },
];

describe('the identity cache', () => {
  it('answers a known credential without a SQL statement', async () => {
    const { token } = await new Factory(memory).user(Role.MANAGER);
    expectData(await memory.gql('{ __typename }', {}, { token }));
    const before = servers.statementsSent(memory);
    for (let i = 0; i < 3; i++) expectData(await memory.gql('{ __typename }', {}, { token }));
    expect(servers.statementsSent(memory) - before).toBe(0);
  });

  it('keeps no refused credential: a deactivated token is looked up, and refused, every time', async () => {
    const { user, token } = await new Factory(memory).user(Role.TECHNICIAN, { active: false });
    for (let i = 0; i < 2; i++) {
      const before = servers.statementsSent(memory);
      expect(outcome(await memory.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
      expect(servers.statementsSent(memory) - before).toBeGreaterThan(0);
    }
    expect(user.active).toBe(false);
  });

  it('refuses anonymous callers and garbage bearers as before', async () => {
    for (const token of [undefined, 'garbage', `sfk_${'x'.repeat(43)}`]) {
      expect(outcome(await memory.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
    }
  });

  it('follows a rename at once (the name is part of the cached identity)', async () => {
    const manager = (await new Factory(a).user(Role.MANAGER)).token;
    const { user, token } = await new Factory(a).user(Role.TECHNICIAN);
    expectData(await b.gql(ME, {}, { token }));
    expectData(
      await a.gql(
        'mutation ($id: ID!) { updateUser(id: $id, input: { name: "Renamed Person" }) { id } }',
        { id: user.id },
        { token: manager },
      ),
    );
    const me = expectData(await b.gql<{ me: { name: string } }>(ME, {}, { token })).me;
    expect(me.name).toBe('Renamed Person');
  });

  const pairs: { label: string; writer: () => TestServer; reader: () => TestServer }[] = [
    { label: 'on the same server (in-process bus)', writer: () => memory, reader: () => memory },
    { label: 'on the same replica (EVENT_BUS=postgres)', writer: () => a, reader: () => a },
    { label: 'on another replica, read right after', writer: () => a, reader: () => b },
  ];
  for (const { label, writer, reader } of pairs) {
    describe(label, () => {
      for (const ending of ENDINGS) {
        it(`ends a cached credential on ${ending.name}`, async () => {
          const w = writer();
          const r = reader();
          const manager = (await new Factory(w).user(Role.MANAGER)).token;
          const credential = await ending.setUp(w, manager);
          // Twice: the second answer comes from the cache.
          for (let i = 0; i < 2; i++) {
            expect(outcome(await r.gql(credential.probe, {}, { token: credential.token }))).toBe(
              'OK',
            );
          }
          await credential.end();
          expect(outcome(await r.gql(credential.probe, {}, { token: credential.token }))).toBe(
            ending.expected,
          );
        });
      }
    });
  }
});
