import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from '../../testing/factories.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { rest } from '../../testing/rest-client.js';
import { openTestOrm, type TestOrm } from '../../testing/test-orm.js';
import { Role } from '../users/user.role.js';
import { RestError } from '../../rest/errors.js';
import { Warning } from '../warnings/warning.entity.js';
import { IdempotencyState } from './idempotency-key.entity.js';
import {
  IdempotencyService,
  IdempotentRequest,
  requestFingerprint,
} from './idempotency.service.js';
import { PendingAnswers } from './pending-answers.js';

let testOrm: TestOrm;
let orm: MikroORM;

beforeAll(async () => {
  testOrm = await openTestOrm(4);
  orm = testOrm.orm;
});
afterAll(() => testOrm.close());

const FINGERPRINT = 'POST /api/machines/x/warnings abc';

async function insertExpiredKey(principalId: string, key: string): Promise<void> {
  await orm.em.fork().execute(
    `insert into idempotency_keys (id, principal_kind, principal_id, key, fingerprint, state,
       claim_token, response_status, response_body, created_at, expires_at)
     values (?, 'user', ?, ?, ?, 'COMPLETED', ?, 201, '{}'::jsonb,
             now() - interval '2 days', now() - interval '1 hour')`,
    [randomUUID(), principalId, key, FINGERPRINT, randomUUID()],
  );
}

describe('idempotency keys', () => {
  it('are never purged while a write transaction is taking an expired one over', async ({
    skip,
  }) => {
    if (!testOrm.realPostgres) skip('needs real PostgreSQL: two open transactions at once');
    const principal = { kind: 'user' as const, id: randomUUID() };
    const key = randomUUID();
    await insertExpiredKey(principal.id, key);
    const write = orm.em.fork();
    await write.begin();
    await new IdempotentRequest(principal, key, FINGERPRINT).enter(write);
    // The purge finds the row expired, then waits for the write's row lock (or skips it).
    const purge = new IdempotencyService(orm.em.fork()).purgeExpired();
    await new Promise((r) => setTimeout(r, 300));
    await write.commit();
    await purge;
    // The write committed and its process died before storing the answer: a retry must
    // still find the key taken, or the write would run a second time.
    const retry = orm.em.fork();
    await retry.begin();
    const request = new IdempotentRequest(principal, key, FINGERPRINT);
    await expect(request.enter(retry)).rejects.toMatchObject({ code: 'CONFLICT' });
    await retry.rollback();
    expect(request.taken).toBe(true);
  });

  it('purge removes expired keys only', async () => {
    const principal = { kind: 'user' as const, id: randomUUID() };
    const expired = randomUUID();
    await insertExpiredKey(principal.id, expired);
    const live = new IdempotentRequest(principal, randomUUID(), FINGERPRINT);
    await orm.em.fork().transactional((tx) => live.enter(tx));
    expect(await new IdempotencyService(orm.em.fork()).purgeExpired()).toBeGreaterThanOrEqual(1);
    const keys = await orm.em
      .fork()
      .execute<{ key: string }[]>('select key from idempotency_keys where principal_id = ?', [
        principal.id,
      ]);
    expect(keys.map((k) => k.key)).toEqual([live.key]);
  });
});

describe('an answer the database could not take', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  /**
   * The outage lands between the write's commit and the storing of its answer: the statement
   * that turns the key COMPLETED has its connection killed (pg_terminate_backend from a
   * trigger: a real cut connection, at exactly that moment), for as long as the trigger lives.
   */
  async function cutAnswerStores(on: boolean): Promise<void> {
    const em = t.em();
    if (!on) {
      await em.execute('drop trigger if exists test_cut_answer on idempotency_keys');
      return;
    }
    await em.execute(`create or replace function test_cut_answer() returns trigger
      language plpgsql as $$ begin
        if old.state = 'COMMITTED' and new.state = 'COMPLETED' then
          perform pg_terminate_backend(pg_backend_pid());
        end if;
        return new;
      end $$`);
    await em.execute(`create trigger test_cut_answer before update on idempotency_keys
      for each row execute function test_cut_answer()`);
  }

  it('a retry after the outage gets the outcome of the write, which happened once', async ({
    skip,
  }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: killing a backend');
    const f = new Factory(t);
    const technician = await f.user(Role.TECHNICIAN);
    const machine = await f.machine();
    const key = randomUUID();
    const send = () =>
      rest<{ id?: string; message?: string }>(t, 'POST', `/api/machines/${machine.id}/warnings/`, {
        token: technician.token,
        headers: { 'Idempotency-Key': key },
        body: { message: 'Coolant low' },
      });

    await cutAnswerStores(true);
    let first;
    try {
      first = await send();
    } finally {
      await cutAnswerStores(false);
    }
    // The write committed: the client is told so, not a 5xx for a change that was made.
    expect(first.status).toBe(201);
    expect(first.body.message).toBe('Coolant low');

    const retry = await send();
    expect(retry.status).toBe(first.status);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await t.em().count(Warning, { machine: machine.id })).toBe(1);

    // And the database has it, for retries that reach another process.
    const deadline = Date.now() + 10_000;
    let row: { state: IdempotencyState; response_status: number | null } | undefined;
    while (Date.now() < deadline) {
      [row] = await t
        .em()
        .execute<{ state: IdempotencyState; response_status: number | null }[]>(
          'select state, response_status from idempotency_keys where key = ?',
          [key],
        );
      if (row?.state === IdempotencyState.COMPLETED) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toEqual({ state: IdempotencyState.COMPLETED, response_status: 201 });
  });

  it('a key whose process died before storing the answer gets a final answer, not a day of 409s', async () => {
    const f = new Factory(t);
    const technician = await f.user(Role.TECHNICIAN);
    const machine = await f.machine();
    const body = { message: 'Spindle hot' };
    const path = `/api/machines/${machine.id}/warnings`;
    const fingerprint = requestFingerprint('POST', path, body);
    // What a crash between the write's commit and the answer leaves: the key COMMITTED.
    const crashed = async (key: string, age: string) =>
      t.em().execute(
        `insert into idempotency_keys (id, principal_kind, principal_id, key, fingerprint, state,
           claim_token, response_status, response_body, created_at, expires_at)
         values (?, 'user', ?, ?, ?, 'COMMITTED', ?, null, null,
                 now() - ?::interval, now() + interval '20 hours')`,
        [randomUUID(), technician.user.id, key, fingerprint, randomUUID(), age],
      );
    const retry = (key: string) =>
      rest<{ error?: { code?: string } }>(t, 'POST', `${path}/`, {
        token: technician.token,
        headers: { 'Idempotency-Key': key },
        body,
      });

    const recent = randomUUID();
    await crashed(recent, '5 seconds');
    const inProgress = await retry(recent);
    expect([inProgress.status, inProgress.body.error?.code]).toEqual([
      409,
      'IDEMPOTENCY_KEY_IN_USE',
    ]);

    const old = randomUUID();
    await crashed(old, '1 hour');
    for (let i = 0; i < 2; i++) {
      const final = await retry(old);
      expect([final.status, final.body.error?.code]).toEqual([422, 'IDEMPOTENCY_ANSWER_LOST']);
    }
    // Nothing was written again by the retries.
    expect(await t.em().count(Warning, { machine: machine.id })).toBe(0);
  });
});

describe('an outage answer (503)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const outage = () => RestError.unavailable().body();

  it('is never stored as the answer of a write that committed: retries get a final answer, not a day of 503s', async () => {
    const f = new Factory(t);
    const technician = await f.user(Role.TECHNICIAN);
    const machine = await f.machine();
    const body = { message: 'Belt slips' };
    const path = `/api/machines/${machine.id}/warnings`;
    const key = randomUUID();
    const request = new IdempotentRequest(
      { kind: 'user', id: technician.user.id },
      key,
      requestFingerprint('POST', path, body),
    );
    // The write's transaction claimed the key and committed; then the database went away
    // while the answer was being read back, and the request answered 503.
    await t.em().transactional((tx) => request.enter(tx));
    expect(await new IdempotencyService(t.em()).settle(request, 503, outage())).toBeNull();

    for (let i = 0; i < 2; i++) {
      const retry = await rest<{ error?: { code?: string } }>(t, 'POST', `${path}/`, {
        token: technician.token,
        headers: { 'Idempotency-Key': key },
        body,
      });
      expect([retry.status, retry.body.error?.code]).toEqual([422, 'IDEMPOTENCY_ANSWER_LOST']);
    }
    expect(await t.em().count(Warning, { machine: machine.id })).toBe(0);
  });

  it('of a write that never happened leaves the key free for the retry', async () => {
    const f = new Factory(t);
    const technician = await f.user(Role.TECHNICIAN);
    const machine = await f.machine();
    const body = { message: 'Belt slips' };
    const path = `/api/machines/${machine.id}/warnings`;
    const key = randomUUID();
    const request = new IdempotentRequest(
      { kind: 'user', id: technician.user.id },
      key,
      requestFingerprint('POST', path, body),
    );
    expect(await new IdempotencyService(t.em()).settle(request, 503, outage())).toBeNull();
    const retry = await rest(t, 'POST', `${path}/`, {
      token: technician.token,
      headers: { 'Idempotency-Key': key },
      body,
    });
    expect(retry.status).toBe(201);
    expect(await t.em().count(Warning, { machine: machine.id })).toBe(1);
  });

  it('is not kept in memory while the database is away (every request of an outage answers 503)', async ({
    skip,
  }) => {
    if (!t.realPostgres) skip('needs real PostgreSQL: killing a backend');
    const em = t.em();
    // Every statement on the keys has its connection cut: the database is away.
    await em.execute(`create or replace function test_cut_keys() returns trigger
      language plpgsql as $$ begin perform pg_terminate_backend(pg_backend_pid()); return null; end $$`);
    await em.execute(`create trigger test_cut_keys before insert or update on idempotency_keys
      for each statement execute function test_cut_keys()`);
    const pending = new PendingAnswers();
    try {
      const principal = { kind: 'user' as const, id: randomUUID() };
      for (let i = 0; i < 3; i++) {
        const request = new IdempotentRequest(principal, randomUUID(), FINGERPRINT);
        await new IdempotencyService(t.em(), pending).settle(request, 503, outage());
      }
      expect(pending.size).toBe(0);
    } finally {
      await t.em().execute('drop trigger if exists test_cut_keys on idempotency_keys');
    }
  });
});
