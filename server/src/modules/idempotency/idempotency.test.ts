import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestOrm, type TestOrm } from '../../testing/test-orm.js';
import { IdempotencyService, IdempotentRequest } from './idempotency.service.js';

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
