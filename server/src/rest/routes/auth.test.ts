import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, TEST_PASSWORD, type TestUser } from '../../testing/factories.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { createApiClient, rest, type ErrorBody } from '../../testing/rest-client.js';

/** Django REST Framework conventions the original spec's clients use (item 24). */

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

type Json = Record<string, unknown>;
const code = (r: { body: unknown }) => (r.body as ErrorBody).error?.code;
const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('a form-encoded sign-in', () => {
  it.each(['/api/login/', '/auth/token/'])(
    '%s takes username/email and password as a form',
    async (path) => {
      for (const fields of <Record<string, string>[]>[
        { username: team.technician.user.email, password: TEST_PASSWORD },
        { email: team.technician.user.email, password: TEST_PASSWORD },
      ]) {
        const res = await rest<Json>(t, 'POST', path, { raw: form(fields), contentType: FORM });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ token: expect.any(String), user: { role: 'TECHNICIAN' } });
        const list = await rest(t, 'GET', '/api/machines/', { token: res.body.token as string });
        expect(list.status).toBe(200);
      }
    },
  );

  it('refuses a wrong password (401), missing or repeated fields (400) and a NUL (400)', async () => {
    const send = (raw: string) =>
      rest(t, 'POST', '/api/login/', { raw, contentType: `${FORM}; charset=utf-8` });
    const wrong = await send(form({ username: team.manager.user.email, password: 'wrong one!' }));
    expect([wrong.status, code(wrong)]).toEqual([401, 'UNAUTHENTICATED']);
    const missing = await send(form({ username: team.manager.user.email }));
    expect([missing.status, code(missing)]).toEqual([400, 'BAD_USER_INPUT']);
    const twice = await send(`password=a&password=b&username=${team.manager.user.email}`);
    expect([twice.status, code(twice)]).toEqual([400, 'BAD_USER_INPUT']);
    const nul = await send(`username=a%00b&password=x`);
    expect([nul.status, code(nul)]).toEqual([400, 'BAD_USER_INPUT']);
    expect((nul.body as ErrorBody).error.details).toMatchObject({ field: 'username', in: 'body' });
  });

  it('is only for sign-in: other routes still want JSON (415)', async () => {
    const m = await f.machine();
    const res = await rest(t, 'POST', `/api/machines/${m.id}/warnings/`, {
      token: team.technician.token,
      raw: form({ message: 'x' }),
      contentType: FORM,
    });
    expect([res.status, code(res)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});

describe('Authorization: Token <token>', () => {
  it('works like Bearer for an API client token and a user’s access token', async () => {
    const client = await createApiClient(t, team.manager.token, ['MACHINES_READ']);
    for (const [token, scheme] of [
      [client.token, 'Token'],
      [team.technician.token, 'Token'],
      [team.technician.token, 'token'],
    ] as const) {
      const res = await rest(t, 'GET', '/api/machines/', {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(res.status, scheme).toBe(200);
    }
  });

  it('keeps the caller’s rights: a role is still refused, a bad token is 401', async () => {
    const res = await rest(t, 'POST', '/api/machines/', {
      headers: { authorization: `Token ${team.technician.token}` },
      body: { name: 'X', location: 'Y', importance: 1 },
    });
    expect([res.status, code(res)]).toEqual([403, 'FORBIDDEN']);
    for (const header of ['Token not-a-token', 'Token', 'Basic abc']) {
      const bad = await rest(t, 'GET', '/api/machines/', { headers: { authorization: header } });
      expect([bad.status, code(bad)], header).toEqual([401, 'UNAUTHENTICATED']);
    }
  });
});
