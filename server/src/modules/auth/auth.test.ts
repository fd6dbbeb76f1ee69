import argon2 from 'argon2';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, TEST_PASSWORD, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './access-token.js';
import { AuthService } from './auth.service.js';
import { InProcessEventBus } from '../../events/event-bus.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { hashRefreshToken } from './refresh-tokens.js';
import { connectSocket, type SocketClient } from '../../testing/ws-client.js';

let t: TestServer;
let factory: Factory;

beforeAll(async () => {
  t = await startTestServer();
  factory = new Factory(t);
});
afterAll(() => t.close());

// Throttle state lives for the whole file: every test signs in from its own addresses.
let ipCounter = 0;
const freshIp = () => {
  ipCounter++;
  return `10.${Math.floor(ipCounter / 250)}.${ipCounter % 250}.7`;
};

const PAYLOAD =
  'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email role }';
const LOGIN = `mutation ($email: String!, $password: String!, $d: RefreshTokenDelivery) {
  login(email: $email, password: $password, deliverRefreshToken: $d) { ${PAYLOAD} } }`;
const REFRESH = `mutation ($token: String, $d: RefreshTokenDelivery) {
  refreshSession(refreshToken: $token, deliverRefreshToken: $d) { ${PAYLOAD} } }`;
const LOGOUT = 'mutation ($token: String) { logout(refreshToken: $token) }';
const ME = '{ me { id email role } }';
const CHANGE = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next, deliverRefreshToken: BODY) { ${PAYLOAD} } }`;

interface Payload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string;
  user: { id: string; email: string; role: Role };
}

function login(
  email: string,
  password: string,
  opts: { ip?: string; delivery?: 'BODY' | 'COOKIE'; headers?: Record<string, string> } = {},
): Promise<GqlResult<{ login: Payload | null }>> {
  return t.gql(
    LOGIN,
    { email, password, d: opts.delivery ?? null },
    {
      headers: { 'x-forwarded-for': opts.ip ?? freshIp(), ...opts.headers },
    },
  );
}

function refresh(token: string | null, headers: Record<string, string> = {}) {
  return t.gql<{ refreshSession: Payload }>(REFRESH, { token }, { headers });
}

function cookieOf(result: GqlResult<unknown>): string | undefined {
  return result.headers.getSetCookie().find((c) => c.startsWith('sf_refresh='));
}

async function user(role = Role.TECHNICIAN): Promise<TestUser> {
  return factory.user(role);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('login', () => {
  it('signs in and the access token works; browsers get the refresh token only as a strict HttpOnly cookie', async () => {
    const { user: u } = await user();
    const result = await login(u.email, TEST_PASSWORD);
    const payload = expectData(result).login!;
    expect(payload.user.id).toBe(u.id);
    expect(payload.refreshToken).toBeNull();
    const cookie = cookieOf(result);
    expect(cookie).toBeDefined();
    const attributes = cookie!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/graphql');
    expect(attributes.some((a) => a.startsWith('max-age='))).toBe(true);
    expect(attributes).not.toContain('secure'); // plain HTTP on 127.0.0.1
    const me = expectData(
      await t.gql<{ me: { id: string } }>(ME, {}, { token: payload.accessToken }),
    );
    expect(me.me.id).toBe(u.id);
  });

  it('marks the cookie Secure when the request came over HTTPS (see http/cookies.test.ts)', async () => {
    const { user: u } = await user();
    const result = await login(u.email, TEST_PASSWORD, {
      headers: { 'x-forwarded-host': 'shopfloor.example.com', 'x-forwarded-proto': 'https' },
    });
    expectData(result);
    const attributes = cookieOf(result)!
      .split(';')
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('secure');
  });

  it('returns the refresh token in the body (and sets no cookie) when asked for BODY', async () => {
    const { user: u } = await user();
    const result = await login(u.email, TEST_PASSWORD, { delivery: 'BODY' });
    const payload = expectData(result).login!;
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieOf(result)).toBeUndefined();
    // Stored only as its hash.
    const row = await t
      .em()
      .findOneOrFail(RefreshToken, { tokenHash: hashRefreshToken(payload.refreshToken!) });
    expect(row.user.id).toBe(u.id);
    expect(await t.em().count(RefreshToken, { tokenHash: payload.refreshToken! })).toBe(0);
  });

  it('issues access tokens that live at most 15 minutes', async () => {
    const { user: u } = await user();
    const payload = expectData(await login(u.email, TEST_PASSWORD)).login!;
    const claims = JSON.parse(
      Buffer.from(payload.accessToken.split('.')[1]!, 'base64url').toString(),
    ) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
    expect(new Date(payload.accessTokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(
      15 * 60 * 1000,
    );
  });

  it('normalises the e-mail (case and surrounding spaces)', async () => {
    const { user: u } = await user();
    expectData(await login(`  ${u.email.toUpperCase()} `, TEST_PASSWORD));
  });

  it('answers unknown e-mail, wrong password and inactive account alike', async () => {
    const { user: known } = await user();
    const { user: inactive } = await factory.user(Role.REPAIR, { active: false });
    const results = [
      await login('nobody-here@test.shopfloor', TEST_PASSWORD),
      await login(known.email, 'wrong password!'),
      await login(inactive.email, TEST_PASSWORD),
    ];
    for (const r of results) {
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
      expect(r.data?.login ?? null).toBeNull();
    }
    expect(new Set(results.map((r) => r.errors![0]!.message)).size).toBe(1);
  });

  it('takes about as long for an unknown e-mail as for a wrong password (a dummy hash is verified)', async () => {
    const { user: known } = await user();
    const time = async (email: string) => {
      const started = performance.now();
      expect(errorCode(await login(email, 'not the password'))).toBe('UNAUTHENTICATED');
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await time(`ghost-${i}@test.shopfloor`));
      wrong.push(await time(known.email));
    }
    // Without the dummy hash an unknown e-mail would answer in a few ms against ~30-60 ms.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
  });

  it.each([
    ['too long e-mail', 'x'.repeat(250) + '@t.io', TEST_PASSWORD],
    ['huge password', 'someone@test.shopfloor', 'p'.repeat(2000)],
  ])('rejects a %s as BAD_USER_INPUT before any check', async (_k, email, password) => {
    expect(errorCode(await login(email, password))).toBe('BAD_USER_INPUT');
  });

  it('re-hashes a password stored with older argon2 parameters on login', async () => {
    const { user: u } = await user();
    const oldHash = await argon2.hash(TEST_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 4096,
      timeCost: 1,
    });
    await t.em().nativeUpdate(User, { id: u.id }, { passwordHash: oldHash });
    expectData(await login(u.email, TEST_PASSWORD));
    const stored = await t.em().findOneOrFail(User, { id: u.id }, { populate: ['passwordHash'] });
    expect(stored.passwordHash).not.toBe(oldHash);
    const params = Object.fromEntries(
      stored.passwordHash
        .split('$')[3]!
        .split(',')
        .map((kv) => kv.split('=')),
    );
    expect(stored.passwordHash.startsWith('$argon2id$v=19$')).toBe(true);
    expect(params).toEqual({ m: '19456', t: '2', p: '1' });
    expect(await argon2.verify(stored.passwordHash, TEST_PASSWORD)).toBe(true);
    // And a current hash is left alone.
    expectData(await login(u.email, TEST_PASSWORD));
    const again = await t.em().findOneOrFail(User, { id: u.id }, { populate: ['passwordHash'] });
    expect(again.passwordHash).toBe(stored.passwordHash);
  });
});

describe('forged and stale access tokens', () => {
  let tech: TestUser;
  let claims: Record<string, unknown>;
  let header: Record<string, unknown>;

  beforeAll(async () => {
    tech = await user();
    const [h, p] = tech.token.split('.');
    header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
  });

  const jwtLib = async () => (await import('jsonwebtoken')).default;

  it('accepts the genuine token (control)', async () => {
    expect(errorCode(await t.gql(ME, {}, { token: tech.token }))).toBeUndefined();
  });

  it('rejects alg "none"', async () => {
    const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: Role.MANAGER })}.`;
    expect(errorCode(await t.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
    const noneUpper = `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(claims)}.`;
    expect(errorCode(await t.gql(ME, {}, { token: noneUpper }))).toBe('UNAUTHENTICATED');
  });

  it('rejects a token signed with another key', async () => {
    const jwt = await jwtLib();
    const forged = jwt.sign(claims, 'another-secret-that-is-also-long-enough-for-hs256-xx', {
      algorithm: 'HS256',
    });
    expect(errorCode(await t.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
  });

  it('rejects a tampered payload under the original signature', async () => {
    const [h, , s] = tech.token.split('.');
    const forged = `${h}.${b64({ ...claims, role: Role.MANAGER })}.${s}`;
    expect(errorCode(await t.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ users { totalCount } }', {}, { token: forged }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('rejects an expired token', async () => {
    const jwt = await jwtLib();
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ ...claims, iat: now - 1000, exp: now - 10 }, t.config.jwtSecret, {
      algorithm: 'HS256',
    });
    expect(errorCode(await t.gql(ME, {}, { token: expired }))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['audience', { aud: 'someone-else' }],
    ['issuer', { iss: 'evil-issuer' }],
  ])('rejects a wrong %s', async (_k, change) => {
    const jwt = await jwtLib();
    const forged = jwt.sign({ ...claims, ...change }, t.config.jwtSecret, { algorithm: 'HS256' });
    expect(errorCode(await t.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
  });

  it('rejects another HMAC algorithm than the pinned one', async () => {
    const jwt = await jwtLib();
    const forged = jwt.sign(claims, t.config.jwtSecret, { algorithm: 'HS512' });
    expect(header.alg).toBe('HS256');
    expect(errorCode(await t.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
  });

  it('rejects garbage and an anonymous call', async () => {
    expect(errorCode(await t.gql(ME, {}, { token: 'not.a.jwt' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME))).toBe('UNAUTHENTICATED');
  });
});

describe('refresh tokens', () => {
  async function bodySession(): Promise<{ u: TestUser; payload: Payload }> {
    const u = await user();
    const payload = expectData(
      await login(u.user.email, TEST_PASSWORD, { delivery: 'BODY' }),
    ).login!;
    return { u, payload };
  }

  it('rotates: a refresh token is single-use and its successor belongs to the same family', async () => {
    const { payload } = await bodySession();
    const first = payload.refreshToken!;
    const next = expectData(await refresh(first)).refreshSession;
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(first);
    expect(errorCode(await t.gql(ME, {}, { token: next.accessToken }))).toBeUndefined();
    const used = await t.em().findOneOrFail(RefreshToken, { tokenHash: hashRefreshToken(first) });
    const successor = await t
      .em()
      .findOneOrFail(RefreshToken, { tokenHash: hashRefreshToken(next.refreshToken!) });
    expect(used.usedAt).not.toBeNull();
    expect(successor.familyId).toBe(used.familyId);
    // The successor works in turn.
    expectData(await refresh(next.refreshToken));
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const { payload } = await bodySession();
    const first = payload.refreshToken!;
    const second = expectData(await refresh(first)).refreshSession.refreshToken!;
    expect(errorCode(await refresh(first))).toBe('UNAUTHENTICATED');
    // The thief (or the victim) holding the newer token is out too.
    expect(errorCode(await refresh(second))).toBe('UNAUTHENTICATED');
    const row = await t.em().findOneOrFail(RefreshToken, { tokenHash: hashRefreshToken(first) });
    const family = await t.em().find(RefreshToken, { familyId: row.familyId });
    expect(family.length).toBe(2);
    expect(family.every((r) => r.revokedAt !== null)).toBe(true);
  });

  it('lets only one of two concurrent uses of the same token win', async () => {
    const { payload } = await bodySession();
    const results = await Promise.all([
      refresh(payload.refreshToken),
      refresh(payload.refreshToken),
    ]);
    const codes = results.map(errorCode).sort();
    expect(codes).toEqual(['UNAUTHENTICATED', undefined].sort());
  });

  it('refuses unknown, expired, revoked and missing tokens', async () => {
    expect(errorCode(await refresh('A'.repeat(43)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(null))).toBe('UNAUTHENTICATED');
    const expired = await bodySession();
    await t
      .em()
      .nativeUpdate(
        RefreshToken,
        { tokenHash: hashRefreshToken(expired.payload.refreshToken!) },
        { expiresAt: new Date(Date.now() - 1000) },
      );
    expect(errorCode(await refresh(expired.payload.refreshToken))).toBe('UNAUTHENTICATED');
    const loggedOut = await bodySession();
    expect(
      expectData(
        await t.gql<{ logout: boolean }>(LOGOUT, { token: loggedOut.payload.refreshToken }),
      ).logout,
    ).toBe(true);
    expect(errorCode(await refresh(loggedOut.payload.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('refuses the refresh token of a deactivated user', async () => {
    const { u, payload } = await bodySession();
    await t.em().nativeUpdate(User, { id: u.user.id }, { active: false });
    expect(errorCode(await refresh(payload.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('works from the sf_refresh cookie and answers with a new cookie', async () => {
    const u = await user();
    const signedIn = await login(u.user.email, TEST_PASSWORD);
    const cookie = cookieOf(signedIn)!.split(';')[0]!;
    const refreshed = await refresh(null, { cookie });
    const payload = expectData(refreshed).refreshSession;
    expect(payload.refreshToken).toBeNull();
    const next = cookieOf(refreshed)!.split(';')[0]!;
    expect(next).not.toBe(cookie);
    // The old cookie is spent and, presented again, kills the family and clears the cookie.
    const reuse = await refresh(null, { cookie });
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    expect(cookieOf(reuse)).toMatch(/Max-Age=0/i);
    expect(errorCode(await refresh(null, { cookie: next }))).toBe('UNAUTHENTICATED');
  });

  it('logout by cookie revokes the family and clears the cookie', async () => {
    const u = await user();
    const signedIn = await login(u.user.email, TEST_PASSWORD);
    const cookie = cookieOf(signedIn)!.split(';')[0]!;
    const out = await t.gql<{ logout: boolean }>(LOGOUT, {}, { headers: { cookie } });
    expect(expectData(out).logout).toBe(true);
    const cleared = cookieOf(out)!;
    expect(cleared).toMatch(/^sf_refresh=;/);
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(cleared).toMatch(/Path=\/graphql/);
    expect(errorCode(await refresh(null, { cookie }))).toBe('UNAUTHENTICATED');
    // Logging out with nothing, or an unknown token, is harmless.
    expect(expectData(await t.gql<{ logout: boolean }>(LOGOUT, {})).logout).toBe(true);
    expect(expectData(await t.gql<{ logout: boolean }>(LOGOUT, { token: 'unknown' })).logout).toBe(
      true,
    );
  });
});

describe('changePassword', () => {
  const NEW_PASSWORD = 'a brand new passphrase';

  it('needs a signed-in user', async () => {
    expect(errorCode(await t.gql(CHANGE, { current: TEST_PASSWORD, next: NEW_PASSWORD }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a wrong current password with BAD_USER_INPUT and changes nothing', async () => {
    const u = await user();
    const before = await t
      .em()
      .findOneOrFail(User, { id: u.user.id }, { populate: ['passwordHash'] });
    const result = await t.gql(
      CHANGE,
      { current: 'not my password', next: NEW_PASSWORD },
      { token: u.token, headers: { 'x-forwarded-for': freshIp() } },
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const after = await t
      .em()
      .findOneOrFail(User, { id: u.user.id }, { populate: ['passwordHash'] });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.tokenVersion).toBe(before.tokenVersion);
  });

  it.each([
    ['7 characters', 'abcdef7'],
    ['129 characters', 'x'.repeat(129)],
    ['a common password', 'password123'],
    ['a common password in other case', 'PassWord123'],
  ])('refuses %s as the new password', async (_k, next) => {
    const u = await user();
    expect(
      errorCode(await t.gql(CHANGE, { current: TEST_PASSWORD, next }, { token: u.token })),
    ).toBe('BAD_USER_INPUT');
    expectData(await login(u.user.email, TEST_PASSWORD));
  });

  it('changes the password, ends every older session and returns a fresh one', async () => {
    const u = await user();
    const old = expectData(await login(u.user.email, TEST_PASSWORD, { delivery: 'BODY' })).login!;
    const changed = expectData(
      await t.gql<{ changePassword: Payload }>(
        CHANGE,
        { current: TEST_PASSWORD, next: NEW_PASSWORD },
        { token: old.accessToken },
      ),
    ).changePassword;
    expect(errorCode(await t.gql(ME, {}, { token: old.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME, {}, { token: u.token }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(old.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ME, {}, { token: changed.accessToken }))).toBeUndefined();
    expectData(await refresh(changed.refreshToken));
    expect(errorCode(await login(u.user.email, TEST_PASSWORD))).toBe('UNAUTHENTICATED');
    expectData(await login(u.user.email, NEW_PASSWORD));
  });
});

describe('throttling', () => {
  const throttle = (key: string) => t.em().findOne(LoginThrottle, { key });

  it('locks an account after 5 failures, from any address, without checking the password', async () => {
    const { user: u } = await user();
    for (let i = 0; i < 5; i++) {
      expect(errorCode(await login(u.email, `wrong-${i}-password`))).toBe('UNAUTHENTICATED');
    }
    const locked = await login(u.email, TEST_PASSWORD);
    expect(errorCode(locked)).toBe('TOO_MANY_REQUESTS');
    expect(locked.data?.login ?? null).toBeNull();
    const row = await throttle(`account:${u.email}`);
    expect(row!.failures).toBe(5);
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('counts unknown e-mails too, so the lock reveals nothing about which accounts exist', async () => {
    const ghost = 'ghost-throttle@test.shopfloor';
    for (let i = 0; i < 5; i++)
      expect(errorCode(await login(ghost, 'wrong password'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(ghost, 'wrong password'))).toBe('TOO_MANY_REQUESTS');
  });

  it('starts the account count afresh after a successful sign-in', async () => {
    const { user: u } = await user();
    for (let i = 0; i < 4; i++)
      expect(errorCode(await login(u.email, 'wrong password'))).toBe('UNAUTHENTICATED');
    expectData(await login(u.email, TEST_PASSWORD));
    expect(await throttle(`account:${u.email}`)).toBeNull();
    for (let i = 0; i < 4; i++)
      expect(errorCode(await login(u.email, 'wrong password'))).toBe('UNAUTHENTICATED');
    expectData(await login(u.email, TEST_PASSWORD));
  });

  it('backs off exponentially when failures go on after a lock ends', async () => {
    const { user: u } = await user();
    for (let i = 0; i < 5; i++) await login(u.email, 'wrong password');
    const key = `account:${u.email}`;
    const first = (await throttle(key))!;
    const firstLockMs = first.lockedUntil!.getTime() - Date.now();
    expect(firstLockMs).toBeGreaterThan(30_000);
    expect(firstLockMs).toBeLessThanOrEqual(60_000);
    // The lock ends (simulated), another failure comes: twice as long.
    await t.em().nativeUpdate(LoginThrottle, { key }, { lockedUntil: new Date(Date.now() - 1000) });
    expect(errorCode(await login(u.email, 'wrong password'))).toBe('UNAUTHENTICATED');
    const second = (await throttle(key))!;
    expect(second.failures).toBe(6);
    const secondLockMs = second.lockedUntil!.getTime() - Date.now();
    expect(secondLockMs).toBeGreaterThan(90_000);
    expect(secondLockMs).toBeLessThanOrEqual(120_000);
    expect(errorCode(await login(u.email, TEST_PASSWORD))).toBe('TOO_MANY_REQUESTS');
  });

  it('counts each of 10 aliased logins in one request on its own', async () => {
    const { user: u } = await user();
    const fields = Array.from(
      { length: 10 },
      (_, i) => `a${i}: login(email: $email, password: "wrong-password-${i}") { accessToken }`,
    ).join('\n');
    const result = await t.gql<Record<string, unknown>>(
      `mutation ($email: String!) { ${fields} }`,
      { email: u.email },
      {
        headers: { 'x-forwarded-for': freshIp() },
      },
    );
    const codes = Array.from(
      { length: 10 },
      (_, i) => result.errors!.find((e) => e.path?.[0] === `a${i}`)?.extensions?.code,
    );
    expect(codes).toEqual([
      ...Array(5).fill('UNAUTHENTICATED'),
      ...Array(5).fill('TOO_MANY_REQUESTS'),
    ]);
    expect((await throttle(`account:${u.email}`))!.failures).toBe(5);
    expect(errorCode(await login(u.email, TEST_PASSWORD))).toBe('TOO_MANY_REQUESTS');
  });

  /** 20 failed sign-ins from `ip` across 20 accounts that do not exist (two aliased batches). */
  async function spray(ip: string): Promise<void> {
    for (let batch = 0; batch < 2; batch++) {
      const fields = Array.from(
        { length: 10 },
        (_, i) =>
          `a${i}: login(email: "spray-${batch}-${i}-${ip}@test.shopfloor", password: "wrong password") { accessToken }`,
      ).join('\n');
      const result = await t.gql(
        `mutation { ${fields} }`,
        {},
        { headers: { 'x-forwarded-for': ip } },
      );
      expect(result.errors!.map((e) => e.extensions?.code)).toEqual(
        Array(10).fill('UNAUTHENTICATED'),
      );
    }
    expect((await throttle(`ip:${ip}`))!.failures).toBe(20);
  }

  it('lets a correct password of an unlocked account in from an address over its limit', async () => {
    const colleagues = [await user(), await user()];
    const ip = freshIp();
    await spray(ip);
    // A whole shop floor shares the address: everyone with the right password still gets in.
    for (const { user: u } of colleagues) {
      const signedIn = expectData(await login(u.email, TEST_PASSWORD, { ip, delivery: 'BODY' }));
      expect(signedIn.login!.user.id).toBe(u.id);
    }
    expectData(await login(colleagues[0]!.user.email, TEST_PASSWORD, { ip: freshIp() }));
  });

  it('still refuses a locked account its correct password from an address over its limit', async () => {
    const { user: u } = await user();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await login(u.email, 'wrong password');
    await spray(ip);
    expect(errorCode(await login(u.email, TEST_PASSWORD, { ip }))).toBe('TOO_MANY_REQUESTS');
  });

  it('keeps a spraying address to one checked guess per turn and refuses the rest unchecked', async () => {
    const ip = freshIp();
    await spray(ip);
    // Six guesses at once: each would be a check of another account's password.
    const guesses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        login(`spray-more-${i}-${ip}@test.shopfloor`, 'wrong password', { ip }),
      ),
    );
    for (const guess of guesses) {
      expect(errorCode(guess)).toBe('TOO_MANY_REQUESTS');
      const details = guess.errors![0]!.extensions?.details as { retryAfterSeconds?: number };
      expect(details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    // Turns 1 s, 2 s and 4 s apart fit in the 10 s queue; the other three were not checked.
    expect((await throttle(`ip:${ip}`))!.failures).toBe(23);
  }, 30_000);

  it('does not lock an office address for its successful sign-ins', async () => {
    const ip = freshIp();
    for (let i = 0; i < 25; i++) {
      const { user: u } = await user();
      expectData(await login(u.email, TEST_PASSWORD, { ip }));
    }
  });

  it('counts wrong current passwords in changePassword against the account', async () => {
    const u = await user();
    for (let i = 0; i < 5; i++) {
      const r = await t.gql(
        CHANGE,
        { current: 'wrong current', next: 'some new passphrase' },
        { token: u.token },
      );
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
    }
    const r = await t.gql(
      CHANGE,
      { current: TEST_PASSWORD, next: 'some new passphrase' },
      { token: u.token },
    );
    expect(errorCode(r)).toBe('TOO_MANY_REQUESTS');
  });
});

describe('ending a session ends its access tokens', () => {
  const STATUS_SUB = 'subscription { machineStatusChanged { eventId } }';
  /** A socket opened with this access token, with one live subscription. */
  async function openSocket(accessToken: string): Promise<SocketClient> {
    const socket = connectSocket(t.url, accessToken);
    socket.subscribe(STATUS_SUB);
    // The subscription is acknowledged once `me` answers on the same socket.
    const me = socket.subscribe<{ me: { id: string } }>(ME);
    await me.waitFor(1);
    return socket;
  }
  /** Whether the socket is still open after `ms` (two revalidation rounds by default). */
  async function stillOpenAfter(socket: SocketClient, ms = 4500): Promise<boolean> {
    const timeout = new Promise<'open'>((r) => setTimeout(() => r('open'), ms));
    return (await Promise.race([socket.closed.then(() => 'closed'), timeout])) === 'open';
  }
  async function signIn(email: string): Promise<Payload> {
    return expectData(await login(email, TEST_PASSWORD, { delivery: 'BODY' })).login!;
  }

  it('logout refuses the access token over HTTP and closes its socket; other sessions live on', async () => {
    const { user: u } = await user();
    const ended = await signIn(u.email);
    const other = await signIn(u.email);
    const endedSocket = await openSocket(ended.accessToken);
    const otherSocket = await openSocket(other.accessToken);

    expectData(await t.gql(LOGOUT, { token: ended.refreshToken }));

    expect(errorCode(await t.gql(ME, {}, { token: ended.accessToken }))).toBe('UNAUTHENTICATED');
    const started = Date.now();
    expect((await endedSocket.closed).code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(4000);
    // A new socket with the ended token is refused at connection_init.
    const again = connectSocket(t.url, ended.accessToken);
    expect((await again.closed).code).toBe(4403);

    expect(
      expectData(await t.gql<{ me: { id: string } }>(ME, {}, { token: other.accessToken })).me.id,
    ).toBe(u.id);
    expect(await stillOpenAfter(otherSocket)).toBe(true);
    await Promise.all([endedSocket.dispose(), otherSocket.dispose(), again.dispose()]);
  }, 15_000);

  it('logoutEverywhere ends every session of the account, sockets and refresh tokens included', async () => {
    const { user: u } = await user();
    const { user: bystander } = await user();
    const here = await signIn(u.email);
    const elsewhere = await signIn(u.email);
    const theirs = await signIn(bystander.email);
    const socket = await openSocket(elsewhere.accessToken);
    const EVERYWHERE = 'mutation { logoutEverywhere }';

    expect(
      expectData(
        await t.gql<{ logoutEverywhere: boolean }>(EVERYWHERE, {}, { token: here.accessToken }),
      ).logoutEverywhere,
    ).toBe(true);

    for (const token of [here.accessToken, elsewhere.accessToken])
      expect(errorCode(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
    for (const token of [here.refreshToken, elsewhere.refreshToken])
      expect(errorCode(await refresh(token))).toBe('UNAUTHENTICATED');
    expect((await socket.closed).code).toBe(4401);
    // Another account is untouched.
    expect(
      expectData(await t.gql<{ me: { id: string } }>(ME, {}, { token: theirs.accessToken })).me.id,
    ).toBe(bystander.id);
    // And the account signs in again as usual.
    expectData(await t.gql(ME, {}, { token: (await signIn(u.email)).accessToken }));
    await socket.dispose();
  }, 15_000);

  it('logoutEverywhere is for signed-in people: anonymous callers and API tokens are refused', async () => {
    const EVERYWHERE = 'mutation { logoutEverywhere }';
    expect(errorCode(await t.gql(EVERYWHERE, {}))).toBe('UNAUTHENTICATED');
    const { user: manager, token: managerToken } = await factory.user(Role.MANAGER);
    const created = await t.gql<{ createApiClient: { token: string } }>(
      'mutation { createApiClient(input: { name: "sensor", scopes: [MACHINES_READ] }) { token } }',
      {},
      { token: managerToken },
    );
    const token = expectData(created).createApiClient.token;
    expect(errorCode(await t.gql(EVERYWHERE, {}, { token }))).toBe('FORBIDDEN');
    // Nothing ended: the manager who made the token is still signed in.
    expect(
      expectData(await t.gql<{ me: { id: string } }>(ME, {}, { token: managerToken })).me.id,
    ).toBe(manager.id);
  });

  it('reuse of a rotated refresh token ends every access token of its family, on HTTP and sockets', async () => {
    const { user: u } = await user();
    const first = await signIn(u.email);
    const other = await signIn(u.email);
    const rotated = expectData(await refresh(first.refreshToken)).refreshSession;
    const socket = await openSocket(rotated.accessToken);
    expectData(await t.gql(ME, {}, { token: first.accessToken }));

    expect(errorCode(await refresh(first.refreshToken))).toBe('UNAUTHENTICATED'); // reuse

    for (const token of [first.accessToken, rotated.accessToken])
      expect(errorCode(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
    expect((await socket.closed).code).toBe(4401);
    expectData(await t.gql(ME, {}, { token: other.accessToken }));
    await socket.dispose();
  }, 15_000);

  it('refuses a correctly signed token whose session id is malformed, without a 500', async () => {
    const { user: u } = await user();
    const token = jwt.sign(
      { role: u.role, tv: u.tokenVersion, sid: "x' or 1=1" },
      t.config.jwtSecret,
      {
        algorithm: 'HS256',
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        subject: u.id,
        expiresIn: 60,
      },
    );
    const result = await t.gql(ME, {}, { token });
    expect(result.status).toBe(200);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });

  it('looks a credential up in one statement when the identity cache does not know it', async () => {
    const { user: u } = await user();
    const session = await signIn(u.email);
    const statements: string[] = [];
    const em = t.em();
    const { authenticate } = await import('./authenticate.js');
    const logged = em.getConnection();
    const original = logged.execute.bind(logged);
    logged.execute = ((...args: Parameters<typeof original>) => {
      statements.push(String(args[0]));
      return original(...args);
    }) as typeof logged.execute;
    const result = await authenticate(em, t.config, session.accessToken);
    expect(result.actor?.id).toBe(u.id);
    expect(statements).toHaveLength(1);
  });
});

describe('sign-in log', () => {
  it('logs failed sign-ins with e-mail, address and reason, never the password', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const { user: u } = await user();
    const service = new AuthService({
      em: t.em(),
      config: t.config,
      logger,
      ip: '192.0.2.44',
      bus: new InProcessEventBus(),
    });
    const secret = 'secret-wrong-password-xyz';
    await expect(service.login(u.email, secret)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(service.login('unknown-for-log@test.shopfloor', secret)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failures = entries.filter((e) => e.msg === 'sign-in failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({
      email: u.email,
      ip: '192.0.2.44',
      reason: 'wrong password',
    });
    expect(failures[1]).toMatchObject({
      email: 'unknown-for-log@test.shopfloor',
      reason: 'unknown e-mail',
    });
    expect(lines.join('\n')).not.toContain(secret);
    await service.login(u.email, TEST_PASSWORD);
    expect(lines.join('\n')).not.toContain(TEST_PASSWORD);
  });
});
