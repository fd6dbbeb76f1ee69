import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestOrm, type TestOrm } from '../testing/test-orm.js';
import { testConfig } from '../testing/harness.js';
import { createLogger } from '../config/logger.js';
import { verifyPassword } from '../modules/auth/password.js';
import { Building } from '../modules/buildings/building.entity.js';
import { MachineEventType } from '../modules/events/machine-event.type.js';
import { Machine } from '../modules/machines/machine.entity.js';
import { deriveStatus, MachineStatus } from '../modules/machines/machine.status.js';
import { User } from '../modules/users/user.entity.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoFactory } from './seed-demo.js';

const logger = createLogger({ logLevel: 'silent' });
const config = testConfig();
const DAY = 24 * 3600 * 1000;
/** Any present will do; a fixed one lets two seeds be compared. */
const NOW = new Date('2026-06-15T10:00:00.000Z');

let testOrm: TestOrm;
let orm: MikroORM;

beforeAll(async () => {
  testOrm = await openTestOrm(2);
  orm = testOrm.orm;
  expect(await seedDemoFactory(orm.em.fork(), logger, config, { now: NOW })).toBe(true);
});
afterAll(() => testOrm.close());

interface EventRow {
  id: string;
  type: MachineEventType;
  machine_id: string;
  asset_code: string;
  fault_case_id: string | null;
  warning_id: string | null;
  from_status: MachineStatus | null;
  to_status: MachineStatus | null;
  at: Date;
  data: Record<string, unknown>;
}

/** Raw rows carry timestamps as text: milliseconds since the epoch, to compare. */
function ms(value: Date | string | null | undefined): number {
  if (value == null) throw new Error('no timestamp');
  return new Date(value).getTime();
}

async function events(o: MikroORM = orm): Promise<EventRow[]> {
  const rows = await o.em
    .fork()
    .execute<EventRow[]>(
      `select e.*, m.asset_code from machine_events e join machines m on m.id = e.machine_id order by e.id`,
    );
  return rows.map((row) => ({ ...row, at: new Date(row.at) }));
}

function counts(o: MikroORM = orm) {
  return o.em.fork().execute<Record<string, string>[]>(
    `select (select count(*) from users) as users, (select count(*) from machines) as machines,
            (select count(*) from machine_events) as events, (select max(id) from machine_events) as last_event,
            (select count(*) from fault_cases) as cases, (select count(*) from fault_notes) as notes,
            (select count(*) from warnings) as warnings, (select max(updated_at) from machines) as touched`,
  );
}

describe('the demo factory', () => {
  it('has three halls, 39 machines with their creation events, and the demo logins', async () => {
    const em = orm.em.fork();
    expect((await em.find(Building, {}, { orderBy: { name: 'asc' } })).map((b) => b.name)).toEqual([
      'Hall A',
      'Hall B',
      'Hall C',
    ]);
    const machines = await em.find(Machine, {}, { populate: ['technicians'] });
    expect(machines).toHaveLength(39);
    expect(machines.every((m) => m.technicians.length === 1)).toBe(true);
    expect(machines.map((m) => m.assetCode)).toContain('PRS-07');
    const all = await events();
    const created = all.filter((e) => e.type === MachineEventType.MACHINE_CREATED);
    expect(new Set(created.map((e) => e.machine_id))).toEqual(new Set(machines.map((m) => m.id)));
    // Each machine's history starts with its creation.
    for (const machine of machines) {
      expect(all.find((e) => e.machine_id === machine.id)?.type).toBe(
        MachineEventType.MACHINE_CREATED,
      );
    }
    const users = await em.find(User, {}, { populate: ['passwordHash'] });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it('stores every status as recomputed from the cases and warnings, since its last change', async () => {
    const rows = await orm.em.fork().execute<
      {
        id: string;
        status: MachineStatus;
        status_since: Date;
        unresolved: string;
        active: string;
      }[]
    >(
      `select m.id, m.status, m.status_since,
              (select count(*) from fault_cases c where c.machine_id = m.id and c.status <> 'RESOLVED') as unresolved,
              (select count(*) from warnings w where w.machine_id = m.id and w.cleared_at is null) as active
         from machines m`,
    );
    const all = await events();
    for (const row of rows) {
      expect(row.status, row.id).toBe(deriveStatus(Number(row.unresolved), Number(row.active)));
      const mine = all.filter((e) => e.machine_id === row.id);
      const lastChange = mine.filter((e) => e.type === MachineEventType.STATUS_CHANGED).at(-1);
      expect(lastChange?.to_status ?? MachineStatus.OK).toBe(row.status);
      // Status since: the last change, or the installation for a machine that never changed.
      expect(ms(row.status_since), row.id).toBeLessThanOrEqual(
        (lastChange ?? mine[0]!).at.getTime(),
      );
      if (lastChange) expect(ms(row.status_since)).toBe(lastChange.at.getTime());
    }
    // Status changes chain: each starts where the machine's previous one ended.
    for (const row of rows) {
      const changes = all.filter(
        (e) => e.machine_id === row.id && e.type === MachineEventType.STATUS_CHANGED,
      );
      let current: MachineStatus = MachineStatus.OK;
      for (const change of changes) {
        expect(change.from_status).toBe(current);
        current = change.to_status!;
      }
    }
  });

  it('shows machines in WARNING and FAULT, and cases at every stage of their lifecycle', async () => {
    const em = orm.em.fork();
    const statuses = (await em.find(Machine, {})).map((m) => m.status);
    const count = (s: MachineStatus) => statuses.filter((x) => x === s).length;
    expect(count(MachineStatus.WARNING)).toBeGreaterThanOrEqual(3);
    expect(count(MachineStatus.FAULT)).toBeGreaterThanOrEqual(3);
    expect(count(MachineStatus.OK)).toBeGreaterThan(count(MachineStatus.FAULT));

    const cases = await em.execute<
      { status: string; assignee_id: string | null; reopen_count: number; notes: string }[]
    >(
      `select c.status, c.assignee_id, c.reopen_count,
              (select count(*) from fault_notes n where n.fault_case_id = c.id) as notes
         from fault_cases c`,
    );
    const at = (status: string) => cases.filter((c) => c.status === status);
    expect(at('OPEN').length).toBeGreaterThanOrEqual(1);
    expect(at('ACKNOWLEDGED').length).toBeGreaterThanOrEqual(1);
    expect(at('IN_PROGRESS').some((c) => c.assignee_id !== null && Number(c.notes) >= 2)).toBe(
      true,
    );
    expect(at('RESOLVED').length).toBeGreaterThanOrEqual(12);
    // Reopened: one still open today, one reopened and fixed again in the past.
    expect(cases.some((c) => c.reopen_count > 0 && c.status !== 'RESOLVED')).toBe(true);
    expect(cases.some((c) => c.reopen_count > 0 && c.status === 'RESOLVED')).toBe(true);
    // Quick fixes (resolved without assignment) and full repairs both.
    expect(at('RESOLVED').some((c) => c.assignee_id === null)).toBe(true);
    expect(at('RESOLVED').filter((c) => c.assignee_id !== null).length).toBeGreaterThanOrEqual(8);
    expect(cases.reduce((sum, c) => sum + Number(c.notes), 0)).toBeGreaterThanOrEqual(12);

    const warnings = await em.execute<{ cleared_at: Date | null; repeat_count: number }[]>(
      'select cleared_at, repeat_count from warnings',
    );
    expect(warnings.filter((w) => w.cleared_at === null).length).toBeGreaterThanOrEqual(4);
    expect(warnings.filter((w) => w.cleared_at !== null).length).toBeGreaterThanOrEqual(20);
    expect(warnings.some((w) => w.repeat_count > 5)).toBe(true);
  });

  it('spreads about 30 days of history before now, event times rising with event ids', async () => {
    const all = await events();
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.at.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.at.getTime());
    }
    expect(all.at(-1)!.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
    const history = all.filter((e) => e.type !== MachineEventType.MACHINE_CREATED);
    const first = history[0]!.at.getTime();
    expect(NOW.getTime() - first).toBeGreaterThan(28 * DAY);
    expect(NOW.getTime() - first).toBeLessThan(33 * DAY);
    // Spread over the month, not bunched: events on most days, and some in the last hour.
    const days = new Set(history.map((e) => Math.floor((NOW.getTime() - e.at.getTime()) / DAY)));
    expect(days.size).toBeGreaterThanOrEqual(20);
    expect(history.some((e) => NOW.getTime() - e.at.getTime() < 3600_000)).toBe(true);
    const resolved = history.filter((e) => e.type === MachineEventType.FAULT_RESOLVED);
    const resolvedSpan = resolved.at(-1)!.at.getTime() - resolved[0]!.at.getTime();
    expect(resolvedSpan).toBeGreaterThan(25 * DAY);
  });

  it("keeps every record's times equal to the times of the events that wrote them", async () => {
    const em = orm.em.fork();
    const all = await events();
    const eventAt = (type: MachineEventType, where: (e: EventRow) => boolean, last = false) => {
      const matching = all.filter((e) => e.type === type && where(e));
      return (last ? matching.at(-1) : matching[0])?.at.getTime();
    };
    const cases = await em.execute<
      {
        id: string;
        opened_at: Date;
        acknowledged_at: Date | null;
        started_at: Date | null;
        resolved_at: Date | null;
        assigned_at: Date | null;
        updated_at: Date;
      }[]
    >('select * from fault_cases');
    for (const c of cases) {
      const of = (e: EventRow) => e.fault_case_id === c.id;
      expect(ms(c.opened_at)).toBe(eventAt(MachineEventType.FAULT_OPENED, of));
      if (c.assigned_at)
        expect(ms(c.assigned_at)).toBe(eventAt(MachineEventType.FAULT_ASSIGNED, of, true));
      if (c.acknowledged_at)
        expect(ms(c.acknowledged_at)).toBe(eventAt(MachineEventType.FAULT_ACKNOWLEDGED, of, true));
      if (c.started_at)
        expect(ms(c.started_at)).toBe(eventAt(MachineEventType.FAULT_STARTED, of, true));
      if (c.resolved_at)
        expect(ms(c.resolved_at)).toBe(eventAt(MachineEventType.FAULT_RESOLVED, of, true));
      // A note is a row of its own: it leaves the case's updated_at alone.
      const changes = all.filter((e) => of(e) && e.type !== MachineEventType.FAULT_NOTE_ADDED);
      expect(ms(c.updated_at)).toBe(changes.at(-1)!.at.getTime());
    }
    const notes = await em.execute<{ id: string; created_at: Date }[]>('select * from fault_notes');
    for (const n of notes) {
      expect(ms(n.created_at)).toBe(
        eventAt(MachineEventType.FAULT_NOTE_ADDED, (e) => e.data.noteId === n.id),
      );
    }
    const warnings =
      await em.execute<
        { id: string; raised_at: Date; last_seen_at: Date; cleared_at: Date | null }[]
      >('select * from warnings');
    for (const w of warnings) {
      const of = (e: EventRow) => e.warning_id === w.id;
      expect(ms(w.raised_at)).toBe(eventAt(MachineEventType.WARNING_RAISED, of));
      expect(ms(w.last_seen_at)).toBeGreaterThanOrEqual(ms(w.raised_at));
      if (w.cleared_at) {
        expect(ms(w.cleared_at)).toBe(eventAt(MachineEventType.WARNING_CLEARED, of));
        expect(ms(w.last_seen_at)).toBeLessThanOrEqual(ms(w.cleared_at));
      }
    }
  });

  it('is deterministic: seeded for another "now", the same plant, shifted in time', async () => {
    const other = await openTestOrm(2);
    try {
      const later = new Date(NOW.getTime() + 3 * DAY + 17 * 60_000);
      await seedDemoFactory(other.orm.em.fork(), logger, config, { now: later });
      const shape = (rows: EventRow[], now: Date) =>
        rows.map((e) => ({
          type: e.type,
          machine: e.asset_code,
          before: now.getTime() - e.at.getTime(),
          from: e.from_status,
          to: e.to_status,
          // Ids are UUIDs, new in every database; everything else must match.
          data: JSON.stringify(e.data, (key, value: unknown) => (/Ids?$/.test(key) ? '*' : value)),
        }));
      expect(shape(await events(other.orm), later)).toEqual(shape(await events(), NOW));
    } finally {
      await other.close();
    }
  });

  it('does nothing when run again', async () => {
    const before = await counts();
    expect(await seedDemoFactory(orm.em.fork(), logger, config)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
