import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../common/actor.js';
import type { BusSignal } from '../../events/event-bus.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { Severity, UNRESOLVED_FAULT_STATUSES } from '../faults/fault-case.enums.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { Machine } from './machine.entity.js';
import { deriveStatus, MachineStatus } from './machine.status.js';
import { writeMachine } from './machine-writer.js';

/**
 * DESIGN §2 and SECURITY 24: whatever order concurrent writers commit in, the stored status is
 * what the rows say, the status events form one unbroken chain, and event ids follow commit
 * order; a change that fails leaves no trace, not even on the bus.
 */

let t: TestServer;
let f: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;

beforeAll(async () => {
  t = await startTestServer();
  f = new Factory(t);
  team = await f.team();
});
afterAll(() => t.close());

const OPEN = 'mutation ($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { id } }';
const RESOLVE =
  'mutation ($id: ID!, $note: String!) { resolveFaultCase(id: $id, resolutionNote: $note) { id } }';
const RAISE = 'mutation ($input: RaiseWarningInput!) { raiseWarning(input: $input) { id } }';
const CLEAR =
  'mutation ($id: ID, $machineId: ID, $code: String) { clearWarning(id: $id, machineId: $machineId, code: $code) { id } }';

interface EventRow {
  id: number;
  type: MachineEventType;
  fromStatus: MachineStatus | null;
  toStatus: MachineStatus | null;
  faultCaseId: string | null;
  warningId: string | null;
}

async function eventRows(machineId: string): Promise<EventRow[]> {
  const rows = await t
    .em()
    .getConnection()
    .execute<Record<string, unknown>[]>(
      `select id, type, from_status, to_status, fault_case_id, warning_id
       from machine_events where machine_id = ? order by id`,
      [machineId],
    );
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type as MachineEventType,
    fromStatus: (r.from_status as MachineStatus | null) ?? null,
    toStatus: (r.to_status as MachineStatus | null) ?? null,
    faultCaseId: (r.fault_case_id as string | null) ?? null,
    warningId: (r.warning_id as string | null) ?? null,
  }));
}

/** The status recomputed from scratch, in SQL, next to the stored one. */
async function statusFromScratch(
  machineId: string,
): Promise<{ stored: MachineStatus; derived: MachineStatus }> {
  const [row] = await t
    .em()
    .getConnection()
    .execute<Record<string, unknown>[]>(
      `select m.status,
            (select count(*) from fault_cases c
              where c.machine_id = m.id and c.status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int as unresolved,
            (select count(*) from warnings w where w.machine_id = m.id and w.cleared_at is null)::int as active
       from machines m where m.id = ?`,
      [machineId],
    );
  return {
    stored: row!.status as MachineStatus,
    derived: deriveStatus(Number(row!.unresolved), Number(row!.active)),
  };
}

/**
 * Checks the whole log of one machine: STATUS_CHANGED events chain from OK to the stored
 * status, and replaying the other events in id order gives, at every status change, the
 * status that change announced — which holds only if id order is the order of commits.
 */
async function assertConsistent(machineId: string): Promise<EventRow[]> {
  const { stored, derived } = await statusFromScratch(machineId);
  expect(stored).toBe(derived);

  const events = await eventRows(machineId);
  for (let i = 1; i < events.length; i++) expect(events[i]!.id).toBeGreaterThan(events[i - 1]!.id);

  const unresolved = new Set<string>();
  const active = new Set<string>();
  let status = MachineStatus.OK;
  for (const e of events) {
    switch (e.type) {
      case MachineEventType.FAULT_OPENED:
      case MachineEventType.FAULT_REOPENED:
        unresolved.add(e.faultCaseId!);
        break;
      case MachineEventType.FAULT_RESOLVED:
        unresolved.delete(e.faultCaseId!);
        break;
      case MachineEventType.WARNING_RAISED:
        active.add(e.warningId!);
        break;
      case MachineEventType.WARNING_CLEARED:
        active.delete(e.warningId!);
        break;
      case MachineEventType.STATUS_CHANGED:
        expect({ id: e.id, from: e.fromStatus }).toEqual({ id: e.id, from: status });
        expect(e.toStatus).not.toBe(e.fromStatus);
        expect({ id: e.id, to: e.toStatus }).toEqual({
          id: e.id,
          to: deriveStatus(unresolved.size, active.size),
        });
        status = e.toStatus!;
        break;
      default:
        break;
    }
  }
  expect(status).toBe(stored);
  expect(deriveStatus(unresolved.size, active.size)).toBe(stored);
  return events;
}

/**
 * A reader that polls the log while writers run, the way a resuming subscriber would: once it
 * has seen id N, no id below N may appear later (DESIGN §4, the commit-order trap). Ids may
 * commit out of order (no plant-wide lock), so it reads as the subscribers do, only up to the
 * horizon below which every id is final (events/event-horizon.ts); `raw` reads the whole table.
 */
function startLateIdWatcher(machineIds: string[], { raw = false }: { raw?: boolean } = {}) {
  const seen = new Set<number>();
  const late: number[] = [];
  let max = 0;
  let running = true;
  let failure: unknown;
  const loop = (async () => {
    while (running) {
      const head = raw ? Number.MAX_SAFE_INTEGER : await t.server.sequencer.finalHead();
      const rows = await t
        .em()
        .getConnection()
        .execute<{ id: string }[]>(
          'select id from machine_events where machine_id in (?) and id <= ? order by id',
          [machineIds, head],
        );
      let newMax = max;
      for (const r of rows) {
        const id = Number(r.id);
        if (seen.has(id)) continue;
        seen.add(id);
        if (id < max) late.push(id);
        newMax = Math.max(newMax, id);
      }
      max = newMax;
      await new Promise((r) => setTimeout(r, 2));
    }
  })().catch((error: unknown) => {
    failure = error;
  });
  return {
    async stop() {
      running = false;
      await loop;
      if (failure) throw failure;
      return { late, seen };
    },
  };
}

/** Everything the bus carries after commits: signals, and the events when they come along. */
function listenToBus() {
  const signals: BusSignal[] = [];
  const unsubscribe = t.server.bus.onSignal((signal) => signals.push(signal));
  return { signals, unsubscribe };
}

function eventIdsFor(signals: readonly BusSignal[], machineId: string): number[][] {
  return signals
    .map((s) => (s.events ?? []).filter((e) => e.machineId === machineId).map((e) => e.id))
    .filter((batch) => batch.length > 0);
}

/** A fixed shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Op = { name: string; run: () => Promise<GqlResult>; mayBeNotFound?: boolean };

async function runConcurrently(machineId: string, ops: Op[]) {
  const watcher = startLateIdWatcher([machineId]);
  const bus = listenToBus();
  const results = await Promise.all(ops.map(async (op) => ({ op, result: await op.run() })));
  const { late, seen } = await watcher.stop();
  bus.unsubscribe();
  // Every operation succeeds; only a clear by code that ran before any raise of that code
  // may find nothing to clear.
  const failed = results
    .filter(({ op, result }) => {
      const code = errorCode(result);
      return code !== undefined && !(op.mayBeNotFound && code === 'NOT_FOUND');
    })
    .map(({ op, result }) => ({ op: op.name, errors: result.errors }));
  expect(failed).toEqual([]);
  expect(late).toEqual([]);
  return { results, busBatches: eventIdsFor(bus.signals, machineId), seenByWatcher: seen };
}

describe('status stays consistent under concurrent writers', () => {
  it('50 concurrent fault and warning operations on one machine leave a correct status and an unbroken chain', async () => {
    const machine = await f.machine();
    const m = machine.id;
    const manager = { token: team.manager.token };
    const technician = { token: team.technician.token };
    const repair = { token: team.repair.token };

    // Targets for the resolves and clears, opened and raised beforehand.
    const cases: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.gql<{ openFaultCase: { id: string } }>(
        OPEN,
        { input: { machineId: m, description: `pre ${i}`, severity: Severity.HIGH } },
        manager,
      );
      cases.push(expectData(res).openFaultCase.id);
    }
    const plainWarnings: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.gql<{ raiseWarning: { id: string } }>(
        RAISE,
        { input: { machineId: m, message: `pre ${i}` } },
        technician,
      );
      plainWarnings.push(expectData(res).raiseWarning.id);
    }
    for (let i = 0; i < 5; i++) {
      expectData(
        await t.gql(
          RAISE,
          { input: { machineId: m, message: `pre P${i}`, code: `P${i}` } },
          technician,
        ),
      );
    }
    expect((await t.em().findOneOrFail(Machine, { id: m })).status).toBe(MachineStatus.FAULT);
    const eventsBefore = (await eventRows(m)).length;

    const ops: Op[] = [
      ...cases.map((id, i) => ({
        name: `resolve ${i}`,
        run: () => t.gql(RESOLVE, { id, note: `fixed ${i}` }, manager),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        name: `open ${i}`,
        run: () =>
          t.gql(
            OPEN,
            { input: { machineId: m, description: `new ${i}`, severity: Severity.MEDIUM } },
            i % 2 ? manager : technician,
          ),
      })),
      ...plainWarnings.map((id, i) => ({
        name: `clear id ${i}`,
        run: () => t.gql(CLEAR, { id }, repair),
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        name: `clear code P${i}`,
        run: () => t.gql(CLEAR, { machineId: m, code: `P${i}` }, i % 2 ? repair : manager),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        name: `re-raise P${i}`,
        run: () =>
          t.gql(
            RAISE,
            { input: { machineId: m, message: `again P${i}`, code: `P${i}` } },
            technician,
          ),
      })),
      ...Array.from({ length: 12 }, (_, i) => ({
        name: `raise N${i % 6}`,
        run: () =>
          t.gql(
            RAISE,
            { input: { machineId: m, message: `n ${i}`, code: `N${i % 6}` } },
            i % 2 ? manager : technician,
          ),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        name: `raise plain ${i}`,
        run: () => t.gql(RAISE, { input: { machineId: m, message: `plain ${i}` } }, technician),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        name: `clear code N${i}`,
        run: () => t.gql(CLEAR, { machineId: m, code: `N${i}` }, repair),
        mayBeNotFound: true,
      })),
    ];
    expect(ops).toHaveLength(50);

    const { busBatches, seenByWatcher } = await runConcurrently(m, shuffled(ops, 20_261_125));
    const events = await assertConsistent(m);

    // The in-process bus carried every committed event of the run exactly once, each batch in
    // id order.
    expect(t.server.bus.kind).toBe('memory');
    const newIds = events.slice(eventsBefore).map((e) => e.id);
    const published = busBatches.flat();
    expect([...published].sort((a, b) => a - b)).toEqual(newIds);
    for (const batch of busBatches) expect(batch).toEqual([...batch].sort((a, b) => a - b));
    expect(seenByWatcher.size).toBeGreaterThan(0);

    // Active codes never doubled up, whatever the interleaving.
    const dupes = await t
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(
        `select code from warnings where machine_id = ? and cleared_at is null and code is not null
        group by code having count(*) > 1`,
        [m],
      );
    expect(dupes).toEqual([]);
    expect(
      await t
        .em()
        .count(FaultCase, { machine: m, status: { $in: [...UNRESOLVED_FAULT_STATUSES] } }),
    ).toBe(4);
    expect((await t.em().findOneOrFail(Machine, { id: m })).status).toBe(MachineStatus.FAULT);

    // Second wave: everything that is still open is resolved or cleared at once, racing new
    // reports; afterwards resolve and clear the rest, and the machine must end OK.
    const openCases = await t
      .em()
      .find(FaultCase, { machine: m, status: { $in: [...UNRESOLVED_FAULT_STATUSES] } });
    const activeWarnings = await t.em().find(Warning, { machine: m, clearedAt: null });
    const wave: Op[] = [
      ...openCases.map((c, i) => ({
        name: `resolve rest ${i}`,
        run: () => t.gql(RESOLVE, { id: c.id, note: 'done' }, manager),
      })),
      ...activeWarnings.map((w, i) => ({
        name: `clear rest ${i}`,
        run: () => t.gql(CLEAR, { id: w.id }, repair),
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        name: `late raise ${i}`,
        run: () =>
          t.gql(
            RAISE,
            { input: { machineId: m, message: `late ${i}`, code: `L${i % 2}` } },
            technician,
          ),
      })),
    ];
    await runConcurrently(m, shuffled(wave, 7));
    await assertConsistent(m);
    expect((await t.em().findOneOrFail(Machine, { id: m })).status).toBe(MachineStatus.WARNING);

    for (const code of ['L0', 'L1']) expectData(await t.gql(CLEAR, { machineId: m, code }, repair));
    const final = await assertConsistent(m);
    expect((await t.em().findOneOrFail(Machine, { id: m })).status).toBe(MachineStatus.OK);
    const changes = final.filter((e) => e.type === MachineEventType.STATUS_CHANGED);
    expect(changes.at(-1)?.toStatus).toBe(MachineStatus.OK);
  });
});

describe('event ids follow commit order across machines', () => {
  it('a reader polling during 60 concurrent writes on 6 machines never sees an id appear below one it saw', async () => {
    const hall = await f.building();
    const machines = await Promise.all(
      Array.from({ length: 6 }, () => f.machine({ building: hall })),
    );
    const ids = machines.map((m) => m.id);
    const watcher = startLateIdWatcher(ids);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const machineId = ids[i % ids.length]!;
        return i % 3 === 2
          ? t.gql(CLEAR, { machineId, code: `C${i % 2}` }, { token: team.repair.token })
          : t.gql(
              RAISE,
              { input: { machineId, message: `m ${i}`, code: `C${i % 2}` } },
              { token: team.technician.token },
            );
      }),
    );
    const { late, seen } = await watcher.stop();
    for (const r of results) expect([undefined, 'NOT_FOUND']).toContain(errorCode(r));
    expect(late).toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
    for (const id of ids) await assertConsistent(id);
  });

  it('ids may commit out of order: a raw reader sees it (so the check above can fail), a reader below the horizon never does', async ({
    skip,
  }) => {
    // Two transactions open at once: the embedded database runs one transaction at a time.
    if (!t.realPostgres) skip('needs real PostgreSQL: two open transactions at once');
    const hall = await f.building();
    const machine = await f.machine({ building: hall });
    const watcher = startLateIdWatcher([machine.id]);
    const rawWatcher = startLateIdWatcher([machine.id], { raw: true });
    const insert = `insert into machine_events (machine_id, building_id, type) values (?, ?, 'MACHINE_UPDATED')`;
    const slow = t.em();
    const fast = t.em();
    await slow.begin();
    await fast.begin();
    await slow.execute(insert, [machine.id, hall.id]); // takes the smaller id, commits last
    await fast.execute(insert, [machine.id, hall.id]);
    await fast.commit();
    await new Promise((r) => setTimeout(r, 100));
    await slow.commit();
    await new Promise((r) => setTimeout(r, 100));
    expect((await rawWatcher.stop()).late).toHaveLength(1);
    const { late, seen } = await watcher.stop();
    expect(late).toEqual([]);
    expect(seen.size).toBe(2);
  });
});

describe('a failing change leaves no trace', () => {
  function managerActor(): UserActor {
    return {
      kind: 'user',
      id: team.manager.user.id,
      role: Role.MANAGER,
      name: team.manager.user.name,
    };
  }

  function newFaultCase(tx: EntityManager, machineId: string, severity: Severity): FaultCase {
    const fc = new FaultCase();
    fc.machine = tx.getReference(Machine, machineId, { wrapped: true });
    fc.description = 'will vanish';
    fc.severity = severity;
    fc.reportedByUser = tx.getReference(User, team.manager.user.id, { wrapped: true });
    tx.persist(fc);
    return fc;
  }

  async function traces(machineId: string) {
    const em = t.em();
    const machine = await em.findOneOrFail(Machine, { id: machineId });
    return {
      status: machine.status,
      statusSince: machine.statusSince.toISOString(),
      name: machine.name,
      cases: await em.count(FaultCase, { machine: machineId }),
      warnings: await em.count(Warning, { machine: machineId }),
      events: (await eventRows(machineId)).length,
    };
  }

  it('rolls back rows, status and events when the change throws after flushing, and publishes nothing', async () => {
    const machine = await f.machine();
    const before = await traces(machine.id);
    const { signals: heard, unsubscribe } = listenToBus();
    const failure = new Error('boom after writing');
    const attempt = writeMachine(
      { em: t.em(), bus: t.server.bus },
      managerActor(),
      machine.id,
      async ({ tx, machine: locked, log }) => {
        const fc = newFaultCase(tx, locked.id, Severity.CRITICAL);
        const w = tx.create(Warning, { machine: locked.id, message: 'will vanish', code: 'GONE' });
        locked.name = 'renamed in a failed change';
        log.record({ type: MachineEventType.FAULT_OPENED, faultCase: fc });
        log.record({ type: MachineEventType.WARNING_RAISED, warning: w });
        await tx.flush();
        // The rows are really written inside the transaction before the failure.
        expect(await tx.count(FaultCase, { machine: locked.id })).toBe(1);
        throw failure;
      },
    );
    await expect(attempt).rejects.toBe(failure);
    await new Promise((r) => setTimeout(r, 50));
    unsubscribe();
    expect(await traces(machine.id)).toEqual(before);
    expect(heard).toEqual([]);
    expect((await statusFromScratch(machine.id)).derived).toBe(before.status);
  });

  it("rolls back a change that fails in the database at the writer's own flush", async () => {
    const machine = await f.machine();
    expectData(
      await t.gql(
        RAISE,
        { input: { machineId: machine.id, message: 'real', code: 'DUP' } },
        { token: team.technician.token },
      ),
    );
    const before = await traces(machine.id);
    expect(before.status).toBe(MachineStatus.WARNING);
    const { signals: heard, unsubscribe } = listenToBus();
    // Bypassing the service's dedup: the second active DUP violates the partial unique index
    // when writeMachine flushes after the change, after the fault case row was written.
    const attempt = writeMachine(
      { em: t.em(), bus: t.server.bus },
      managerActor(),
      machine.id,
      async ({ tx, machine: locked, log }) => {
        const fc = newFaultCase(tx, locked.id, Severity.LOW);
        await tx.flush();
        const w = tx.create(Warning, { machine: locked.id, message: 'duplicate', code: 'DUP' });
        log.record({ type: MachineEventType.FAULT_OPENED, faultCase: fc });
        log.record({ type: MachineEventType.WARNING_RAISED, warning: w });
      },
    );
    await expect(attempt).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    unsubscribe();
    expect(await traces(machine.id)).toEqual(before);
    expect(heard).toEqual([]);
  });
});
