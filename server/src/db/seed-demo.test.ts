import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestOrm, type TestOrm } from '../testing/test-orm.js';
import { createLogger } from '../config/logger.js';
import { verifyPassword } from '../modules/auth/password.js';
import { Building } from '../modules/buildings/building.entity.js';
import { MachineEvent } from '../modules/events/machine-event.entity.js';
import { MachineEventType } from '../modules/events/machine-event.type.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { User } from '../modules/users/user.entity.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoFactory } from './seed-demo.js';

let testOrm: TestOrm;
let orm: MikroORM;
const logger = createLogger({ logLevel: 'silent' });

beforeAll(async () => {
  testOrm = await openTestOrm(2);
  orm = testOrm.orm;
});
afterAll(() => testOrm.close());

describe('the demo factory', () => {
  it('seeds three halls, 39 machines with their creation events, and the demo logins once', async () => {
    expect(await seedDemoFactory(orm.em.fork(), logger)).toBe(true);
    const em = orm.em.fork();
    expect((await em.find(Building, {}, { orderBy: { name: 'asc' } })).map((b) => b.name)).toEqual([
      'Hall A',
      'Hall B',
      'Hall C',
    ]);
    const machines = await em.find(Machine, {}, { populate: ['technicians'] });
    expect(machines).toHaveLength(39);
    expect(machines.every((m) => m.status === 'OK' && m.technicians.length === 1)).toBe(true);
    expect(machines.map((m) => m.assetCode)).toContain('PRS-07');
    const created = await em.find(MachineEvent, { type: MachineEventType.MACHINE_CREATED });
    expect(new Set(created.map((e) => e.machine.id))).toEqual(new Set(machines.map((m) => m.id)));
    const users = await em.find(User, {}, { populate: ['passwordHash'] });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    // A second start finds people in the database and seeds nothing.
    expect(await seedDemoFactory(orm.em.fork(), logger)).toBe(false);
    expect(await orm.em.fork().count(Machine, {})).toBe(39);
  });
});
