import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  testConfig,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { startCacheTestServers, type CacheTestServers } from '../../testing/replicas.js';
import type { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { Severity } from '../faults/fault-case.enums.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Machine } from './machine.entity.js';
import { MachineStatus } from './machine.status.js';

// The board cache (board-cache.ts): a page asked again costs no statement; after any commit
// the next read — on this server or on another replica — shows it; and an answer is only
// ever given to the reader it was computed for.

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

const TILE = `id name status building { name } technicians { name }
  activeWarnings { message code repeatCount } openFaultCase { severity status assignee { name } }`;
const BOARD = `query Board($b: [ID!]) {
  machines(filter: { buildingIds: $b }, first: 50) { lastEventId nodes { ${TILE} } } }`;
/** The same, with a case detail field: the case read rule decides it per reader. */
const BOARD_WITH_DETAIL = BOARD.replace('assignee { name } }', 'assignee { name } description }');

interface Tile {
  id: string;
  name: string;
  status: MachineStatus;
  building: { name: string };
  technicians: { name: string }[];
  activeWarnings: { message: string; code: string | null; repeatCount: number }[];
  openFaultCase: { severity: string; description?: string | null } | null;
}
type Page = { machines: { lastEventId: string; nodes: Tile[] } };

function read(server: TestServer, token: string | undefined, buildingId: string, doc = BOARD) {
  return server.gql<Page>(doc, { b: [buildingId] }, { token });
}

/** The answer and how many SQL statements the server sent for it. */
async function counted(server: TestServer, token: string, buildingId: string, doc = BOARD) {
  const before = servers.statementsSent(server);
  const res = await read(server, token, buildingId, doc);
  return { page: expectData(res).machines, statements: servers.statementsSent(server) - before };
}

/** A hall with two machines, one assigned to `technician`, one with an open case of `assignee`. */
async function hall(server: TestServer, technician: User, assignee: User) {
  const f = new Factory(server);
  const building = await f.building();
  const assigned = await f.machine({ building, name: 'Press 1', technicians: [technician] });
  const broken = await f.machine({ building, name: 'Press 2' });
  const em = server.em();
  em.create(FaultCase, {
    machine: em.getReference(Machine, broken.id),
    description: 'hydraulic leak (detail)',
    severity: Severity.HIGH,
    assignee: em.getReference(User, assignee.id),
    version: 1,
  });
  await em.nativeUpdate(Machine, { id: broken.id }, { status: MachineStatus.FAULT });
  await em.flush();
  return { building, assigned, broken };
}

async function team(server: TestServer) {
  const f = new Factory(server);
  return {
    manager: await f.user(Role.MANAGER),
    technician: await f.user(Role.TECHNICIAN),
    repair: await f.user(Role.REPAIR),
    otherRepair: await f.user(Role.REPAIR),
  };
}

async function raiseWarning(server: TestServer, token: string, machineId: string, code = 'T1') {
  expectData(
    await server.gql(
      'mutation ($m: ID!, $c: String) { raiseWarning(input: { machineId: $m, message: "too hot", code: $c }) { id } }',
      { m: machineId, c: code },
      { token },
    ),
  );
}

async function displayLink(server: TestServer, managerToken: string, building: Building) {
  return expectData(
    await server.gql<{ createDisplayLink: { token: string } }>(
      'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }',
      { input: { name: 'wall', buildingIds: [building.id] } },
      { token: managerToken },
    ),
  ).createDisplayLink.token;
}

describe('the board cache', () => {
  it('answers a page asked again without a SQL statement, the same bytes', async () => {
    const people = await team(memory);
    const { building } = await hall(memory, people.technician.user, people.repair.user);
    const token = people.manager.token;
    const first = await counted(memory, token, building.id);
    expect(first.statements).toBeGreaterThan(0);
    const again = await counted(memory, token, building.id);
    expect(again.statements).toBe(0);
    expect(again.page).toEqual(first.page);
  });

  it("keeps a display's whole board too, until a write changes it", async () => {
    const people = await team(memory);
    const { building, assigned } = await hall(memory, people.technician.user, people.repair.user);
    const display = await displayLink(memory, people.manager.token, building);
    const WHOLE = `{ wholeBoard { lastEventId machines { ${TILE} } } }`;
    type Whole = { wholeBoard: { machines: Tile[] } };
    const readWhole = async () => {
      const before = servers.statementsSent(memory);
      const res = await memory.gql<Whole>(WHOLE, {}, { token: display });
      return {
        board: expectData(res).wholeBoard,
        statements: servers.statementsSent(memory) - before,
      };
    };
    const first = await readWhole();
    expect(first.statements).toBeGreaterThan(0);
    const again = await readWhole();
    expect(again.statements).toBe(0);
    expect(again.board).toEqual(first.board);

    await raiseWarning(memory, people.manager.token, assigned.id);
    const after = await readWhole();
    expect(after.statements).toBeGreaterThan(0);
    expect(after.board.machines.find((m) => m.id === assigned.id)?.status).toBe(
      MachineStatus.WARNING,
    );
  });

  it('keeps errors out: a page with denied cells is computed every time', async () => {
    const people = await team(memory);
    const { building } = await hall(memory, people.technician.user, people.repair.user);
    for (let i = 0; i < 2; i++) {
      const before = servers.statementsSent(memory);
      const res = await read(memory, people.otherRepair.token, building.id, BOARD_WITH_DETAIL);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(servers.statementsSent(memory) - before).toBeGreaterThan(0);
    }
  });

  it('refuses a bad BOARD_CACHE setting at start', () => {
    expect(() => testConfig({ BOARD_CACHE: 'maybe' })).toThrow(/BOARD_CACHE/);
    expect(testConfig({ BOARD_CACHE: 'off' }).boardCache).toBe(false);
    expect(testConfig({}).boardCache).toBe(true);
  });

  const pairs: { label: string; writer: () => TestServer; reader: () => TestServer }[] = [
    { label: 'on the same server (in-process bus)', writer: () => memory, reader: () => memory },
    {
      label: 'on another replica, read right after (EVENT_BUS=postgres)',
      writer: () => a,
      reader: () => b,
    },
  ];
  for (const { label, writer, reader } of pairs) {
    describe(`never stale after a commit, ${label}`, () => {
      it('shows a raised warning, its repeat and the new status at once', async () => {
        const w = writer();
        const r = reader();
        const people = await team(w);
        const { building, assigned } = await hall(w, people.technician.user, people.repair.user);
        const token = people.manager.token;
        const before = await counted(r, token, building.id);
        expect((await counted(r, token, building.id)).statements).toBe(0);

        await raiseWarning(w, token, assigned.id);
        const after = (await counted(r, token, building.id)).page;
        const tile = after.nodes.find((m) => m.id === assigned.id)!;
        expect(tile.status).toBe(MachineStatus.WARNING);
        expect(tile.activeWarnings).toEqual([{ message: 'too hot', code: 'T1', repeatCount: 1 }]);
        // The head is the reader's stream position, which may not have reached the new event
        // yet (it waits for the horizon: events/event-horizon.ts); the rows already show it,
        // and a client replays from the head, which re-applies it harmlessly. Never backwards.
        expect(Number(after.lastEventId)).toBeGreaterThanOrEqual(Number(before.page.lastEventId));

        // A repeat writes no event: it travels on the bus as a repeat, and empties the cache too.
        expect((await counted(r, token, building.id)).statements).toBe(0);
        await raiseWarning(w, token, assigned.id);
        const repeated = (await counted(r, token, building.id)).page;
        expect(
          repeated.nodes.find((m) => m.id === assigned.id)!.activeWarnings[0]!.repeatCount,
        ).toBe(2);
      });

      it("shows a building's and a technician's new name at once (changes with no event)", async () => {
        const w = writer();
        const r = reader();
        const people = await team(w);
        const { building } = await hall(w, people.technician.user, people.repair.user);
        const token = people.manager.token;
        await counted(r, token, building.id);
        expect((await counted(r, token, building.id)).statements).toBe(0);

        expectData(
          await w.gql(
            'mutation ($id: ID!) { updateBuilding(id: $id, input: { name: "Renamed hall" }) { id } }',
            { id: building.id },
            { token },
          ),
        );
        const renamed = (await counted(r, token, building.id)).page;
        expect(renamed.nodes.every((m) => m.building.name === 'Renamed hall')).toBe(true);

        expectData(
          await w.gql(
            'mutation ($id: ID!) { updateUser(id: $id, input: { name: "Tess Renamed" }) { id } }',
            { id: people.technician.user.id },
            { token },
          ),
        );
        const tiles = (await counted(r, token, building.id)).page.nodes;
        expect(tiles.flatMap((m) => m.technicians.map((t) => t.name))).toEqual(['Tess Renamed']);
      });
    });
  }

  describe("each reader's visibility: a page cached for one reader is never another's", () => {
    it("a technician sees only their machines after a manager's page was cached", async () => {
      const people = await team(memory);
      const { building, assigned } = await hall(memory, people.technician.user, people.repair.user);
      await counted(memory, people.manager.token, building.id);
      expect((await counted(memory, people.manager.token, building.id)).page.nodes).toHaveLength(2);
      const own = (await counted(memory, people.technician.token, building.id)).page.nodes;
      expect(own.map((m) => m.id)).toEqual([assigned.id]);
      // And the technician's own page, cached now, is not the manager's either.
      expect((await counted(memory, people.manager.token, building.id)).page.nodes).toHaveLength(2);
    });

    it("repair staff keep the case read rule: no manager's case detail from the cache", async () => {
      const people = await team(memory);
      const { building, broken } = await hall(memory, people.technician.user, people.repair.user);
      const managerPage = await counted(
        memory,
        people.manager.token,
        building.id,
        BOARD_WITH_DETAIL,
      );
      expect(
        managerPage.page.nodes.find((m) => m.id === broken.id)!.openFaultCase!.description,
      ).toBe('hydraulic leak (detail)');
      // The assignee reads the detail; another repair worker is refused it, cell by cell.
      const own = await read(memory, people.repair.token, building.id, BOARD_WITH_DETAIL);
      expect(
        expectData(own).machines.nodes.find((m) => m.id === broken.id)!.openFaultCase!.description,
      ).toBe('hydraulic leak (detail)');
      const other = await read(memory, people.otherRepair.token, building.id, BOARD_WITH_DETAIL);
      expect(errorCode(other)).toBe('FORBIDDEN');
      const otherTile = other.data!.machines.nodes.find((m) => m.id === broken.id)!;
      expect(otherTile.openFaultCase!.severity).toBe(Severity.HIGH);
      expect(otherTile.openFaultCase!.description).toBeNull();
    });

    it('a display sees its buildings only; a display of other buildings sees none of these', async () => {
      const people = await team(memory);
      const mine = await hall(memory, people.technician.user, people.repair.user);
      const elsewhere = await new Factory(memory).building();
      const token = people.manager.token;
      await counted(memory, token, mine.building.id);
      const own = await displayLink(memory, token, mine.building);
      const foreign = await displayLink(memory, token, elsewhere);
      for (let i = 0; i < 2; i++) {
        expect((await counted(memory, own, mine.building.id)).page.nodes).toHaveLength(2);
        expect((await counted(memory, foreign, mine.building.id)).page.nodes).toHaveLength(0);
      }
    });

    it('screens of the same buildings share answers; a display of more buildings does not', async () => {
      const people = await team(memory);
      const { building } = await hall(memory, people.technician.user, people.repair.user);
      const other = await new Factory(memory).building();
      const token = people.manager.token;
      /** What a new screen's first request costs with nothing to compute: its credential. */
      const probe = await displayLink(memory, token, building);
      const before = servers.statementsSent(memory);
      expectData(await memory.gql('{ __typename }', {}, { token: probe }));
      const credential = servers.statementsSent(memory) - before;

      const [one, two] = [
        await displayLink(memory, token, building),
        await displayLink(memory, token, building),
      ];
      const first = await counted(memory, one, building.id);
      expect(first.statements).toBeGreaterThan(credential);
      const second = await counted(memory, two, building.id);
      expect(second.statements).toBe(credential);
      expect(second.page).toEqual(first.page);

      const wider = expectData(
        await memory.gql<{ createDisplayLink: { token: string } }>(
          'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }',
          { input: { name: 'two halls', buildingIds: [building.id, other.id] } },
          { token },
        ),
      ).createDisplayLink.token;
      const widerRead = await counted(memory, wider, building.id);
      expect(widerRead.statements).toBeGreaterThan(credential);
      expect(widerRead.page.nodes).toEqual(first.page.nodes);
    });

    it('screens that miss at the same moment compute the board once (single flight)', async () => {
      const people = await team(memory);
      const { building } = await hall(memory, people.technician.user, people.repair.user);
      const token = people.manager.token;
      const screens = [];
      for (let i = 0; i < 6; i++) screens.push(await displayLink(memory, token, building));
      // Every screen's credential known first, so only computing the board costs statements.
      for (const screen of screens)
        expectData(await memory.gql('{ __typename }', {}, { token: screen }));
      const alone = await counted(memory, await displayLink(memory, token, building), building.id);
      await raiseWarning(memory, token, alone.page.nodes[0]!.id, 'SINGLE'); // empties the cache
      const one = await counted(memory, screens[0]!, building.id);
      await raiseWarning(memory, token, alone.page.nodes[0]!.id, 'FLIGHT');

      const before = servers.statementsSent(memory);
      const answers = await Promise.all(screens.map((screen) => read(memory, screen, building.id)));
      const pages = answers.map((answer) => expectData(answer).machines);
      // One computation for six screens: the statements of a single miss, not six times them.
      expect(servers.statementsSent(memory) - before).toBe(one.statements);
      for (const page of pages) expect(page).toEqual(pages[0]);
      expect(pages[0]!.nodes[0]!.activeWarnings.map((w) => w.code)).toContain('FLIGHT');
    });

    it('anonymous callers are refused, whatever is cached', async () => {
      const people = await team(memory);
      const { building } = await hall(memory, people.technician.user, people.repair.user);
      await counted(memory, people.manager.token, building.id);
      expect((await counted(memory, people.manager.token, building.id)).statements).toBe(0);
      const anonymous: GqlResult<Page> = await read(memory, undefined, building.id);
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
      expect(anonymous.data?.machines ?? null).toBeNull();
    });
  });
});
