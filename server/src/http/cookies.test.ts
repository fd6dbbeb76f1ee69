import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, TEST_PASSWORD } from '../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { Role } from '../modules/users/user.role.js';

let t: TestServer;
let factory: Factory;

beforeAll(async () => {
  t = await startTestServer();
  factory = new Factory(t);
});
afterAll(() => t.close());

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password, deliverRefreshToken: COOKIE) { accessToken } }`;

let ip = 0;

/** Signs in with these request headers and returns the refresh cookie's attributes. */
async function cookieAttributes(headers: Record<string, string>): Promise<string[]> {
  const { user } = await factory.user(Role.TECHNICIAN);
  ip += 1;
  const result = await t.gql(
    LOGIN,
    { email: user.email, password: TEST_PASSWORD },
    // A distinct client address per sign-in keeps the login throttle out of the way.
    { headers: { 'x-forwarded-for': `10.9.0.${ip}`, ...headers } },
  );
  expectData(result);
  const cookie = result.headers.getSetCookie().find((c) => c.startsWith('sf_refresh='));
  expect(cookie).toBeDefined();
  return cookie!.split(';').map((a) => a.trim().toLowerCase());
}

describe('the refresh cookie on intranet hosts', () => {
  it('is not Secure over plain HTTP on a LAN host name, so browsers keep it there', async () => {
    // The web server in front (a trusted loopback proxy) says: http, host shopfloor.plant.
    const attributes = await cookieAttributes({
      'x-forwarded-host': 'shopfloor.plant:3000',
      'x-forwarded-proto': 'http',
    });
    expect(attributes).not.toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
  });

  it('is Secure when the request came over HTTPS through the trusted proxy', async () => {
    const attributes = await cookieAttributes({
      'x-forwarded-host': 'shopfloor.plant',
      'x-forwarded-proto': 'https',
    });
    expect(attributes).toContain('secure');
  });

  it('takes the scheme the browser used when proxies are chained (the first one listed)', async () => {
    const attributes = await cookieAttributes({
      'x-forwarded-host': 'shopfloor.plant',
      'x-forwarded-proto': 'https, http',
    });
    expect(attributes).toContain('secure');
  });

  it('is not Secure over plain HTTP on localhost', async () => {
    expect(await cookieAttributes({})).not.toContain('secure');
  });
});
