import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type TestUser } from '../../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { Severity } from '../faults/fault-case.enums.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { Machine } from './machine.entity.js';
import { MachineStatus } from './machine.status.js';

/**
 * The board must cost a constant number of SQL statements whatever the number of
 * machines: every nested field is batched per request.
 */
const BOARD = `
  query Board($buildingIds: [ID!], $first: Int!, $after: String) {
    machines(filter: { buildingIds: $buildingIds }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name status statusSince importance assetCode
        building { id name }
        technicians { id name }
        activeWarnings { id message code repeatCount }
        openFaultCase { id severity status openedAt assignee { id name } }
      }
    }
  }`;

interface BoardPage {
  machines: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      technicians: unknown[];
      activeWarnings: unknown[];
      openFaultCase: { assignee: { id: string } | null } | null;
    }[];
  };
}

let t: TestServer;
let manager: TestUser;
let statements: string[] = [];

beforeAll(async () => {
  // The uncached read path: these tests count what a page costs when it is computed (the
  // board cache has its own tests, board-cache.test.ts).
  t = await startTestServer({
    env: { BOARD_CACHE: 'off' },
    onQuery: (sql) => statements.push(sql),
  });
  manager = await new Factory(t).user(Role.MANAGER);
  await knownCredential(manager.token);
});

/** The identity cache knows the token afterwards: no credential check in the counts. */
async function knownCredential(token: string): Promise<void> {
  expectData(await t.gql('{ __typename }', {}, { token }));
}
afterAll(() => t.close());

/** N machines, each with two technicians, an active warning and an assigned open case. */
async function fillBuilding(machineCount: number): Promise<Building> {
  const factory = new Factory(t);
  const building = await factory.building();
  const techs = [
    (await factory.user(Role.TECHNICIAN)).user,
    (await factory.user(Role.TECHNICIAN)).user,
  ];
  const repair = (await factory.user(Role.REPAIR)).user;
  const em = t.em();
  for (let i = 0; i < machineCount; i++) {
    const machine = em.create(Machine, {
      name: `Board ${String(i).padStart(4, '0')}`,
      building: em.getReference(Building, building.id),
      importance: 1 + (i % 5),
      assetCode: `B${building.id.slice(0, 6)}-${i}`,
      status: MachineStatus.FAULT,
    });
    for (const tech of techs) machine.technicians.add(em.getReference(User, tech.id));
    em.create(Warning, { machine, message: `warning ${i}`, code: 'TEMP_HIGH' });
    em.create(FaultCase, {
      machine,
      description: `fault ${i}`,
      severity: Severity.HIGH,
      assignee: em.getReference(User, repair.id),
      version: 1,
    });
  }
  await em.flush();
  return building;
}

async function countStatements(
  variables: Record<string, unknown>,
): Promise<{ count: number; page: BoardPage }> {
  statements = [];
  const page = expectData(await t.gql<BoardPage>(BOARD, variables, { token: manager.token }));
  return { count: statements.length, page };
}

/** The web board's page (web/src/lib/board/board.graphql.ts), with and without `totalCount`. */
const WEB_BOARD = `
  query BoardMachines($buildingIds: [ID!], $first: Int!, $after: String) {
    machines(first: $first, after: $after, filter: { buildingIds: $buildingIds, onlyAssignedToMe: false }) {
      lastEventId
      nodes { ...BoardMachine }
      pageInfo { endCursor hasNextPage }
      totalCount
    }
  }
  fragment BoardMachine on Machine {
    id name assetCode location importance status statusSince archived
    building { id name }
    technicians(first: 5) { id name }
    activeWarnings(first: 5) { id code message repeatCount lastSeenAt }
    openFaultCase { id severity status openedAt assignee { id name } }
  }`;

describe('board query cost', () => {
  it("sends the web board's page in a fixed number of statements, whatever its size", async () => {
    const building = await fillBuilding(120);
    const run = async (document: string, first: number) => {
      statements = [];
      const page = expectData(
        await t.gql<BoardPage>(
          document,
          { buildingIds: [building.id], first },
          {
            token: manager.token,
          },
        ),
      );
      expect(page.machines.nodes).toHaveLength(first);
      return [...statements];
    };
    const withoutCount = WEB_BOARD.replace('totalCount', '');
    for (const first of [3, 100]) {
      // The page and everything its tiles show (building, technicians, warnings, open case
      // and assignee) in ONE statement; the credential is known already.
      const uncounted = await run(withoutCount, first);
      expect(uncounted).toHaveLength(1);
      expect(uncounted.filter((sql) => /count\(/i.test(sql))).toHaveLength(0);
      // `totalCount` is counted in that same statement, and only when selected.
      const counted = await run(WEB_BOARD, first);
      expect(counted).toHaveLength(1);
      expect(counted.filter((sql) => /count\(/i.test(sql))).toHaveLength(1);
    }
    // The same through `edges { node }`.
    const throughEdges = withoutCount.replace(
      'nodes { ...BoardMachine }',
      'edges { node { ...BoardMachine } }',
    );
    statements = [];
    expectData(
      await t.gql(
        throughEdges,
        { buildingIds: [building.id], first: 100 },
        { token: manager.token },
      ),
    );
    expect(statements).toHaveLength(1);
  });

  it("names the newest event as the page's lastEventId, also for an empty page", async () => {
    const building = await fillBuilding(2);
    const head = async () => {
      const [row] = await t
        .em()
        .execute<{ max: string | null }[]>('select max(id)::text as max from machine_events');
      return row?.max ?? '0';
    };
    const page = async (buildingIds: string[]) =>
      expectData(
        await t.gql<{ machines: { lastEventId: string; nodes: unknown[] } }>(
          'query ($b: [ID!]) { machines(filter: { buildingIds: $b }) { lastEventId nodes { id } } }',
          { b: buildingIds },
          { token: manager.token },
        ),
      ).machines;
    // A machine made through the API, so that the log has an event of this building.
    expectData(
      await t.gql(
        'mutation ($b: ID!) { createMachine(input: { name: "Zz head", buildingId: $b, importance: 2 }) { id } }',
        { b: building.id },
        { token: manager.token },
      ),
    );
    expect(Number(await head())).toBeGreaterThan(0);
    const full = await page([building.id]);
    expect(full.nodes).toHaveLength(3);
    expect(full.lastEventId).toBe(await head());
    const empty = await page([(await new Factory(t).building()).id]);
    expect(empty.nodes).toHaveLength(0);
    expect(empty.lastEventId).toBe(await head());
  });

  it('runs the same number of statements for 10 machines as for each page of 500', async () => {
    const small = await fillBuilding(10);
    const large = await fillBuilding(500);

    const ten = await countStatements({ buildingIds: [small.id], first: 10 });
    expect(ten.page.machines.nodes).toHaveLength(10);
    expect(
      ten.page.machines.nodes.every(
        (m) => m.technicians.length === 2 && m.activeWarnings.length === 1,
      ),
    ).toBe(true);
    expect(ten.page.machines.nodes.every((m) => m.openFaultCase?.assignee)).toBe(true);

    const seen = new Set<string>();
    const perPage: number[] = [];
    let after: string | null = null;
    do {
      const { count, page } = await countStatements({ buildingIds: [large.id], first: 100, after });
      perPage.push(count);
      expect(page.machines.totalCount).toBe(500);
      for (const m of page.machines.nodes) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
        expect(m.openFaultCase?.assignee).toBeTruthy();
      }
      after = page.machines.pageInfo.hasNextPage ? page.machines.pageInfo.endCursor : null;
    } while (after);

    expect(seen.size).toBe(500);
    expect(perPage).toHaveLength(5);
    // Every page, of 10 or of 100 machines, costs exactly the same statements.
    for (const count of perPage) expect(count).toBe(ten.count);
    expect(ten.count).toBe(1);
  });

  it('gives the whole count on every page: past the end, and under a technician filter', async () => {
    const building = await fillBuilding(7);
    const factory = new Factory(t);
    const tech = await factory.user(Role.TECHNICIAN);
    for (const name of ['Own 1', 'Own 2', 'Own 3'])
      await factory.machine({ building, name, technicians: [tech.user] });
    const total = async (token: string, after: string | null, onlyAssignedToMe: boolean) =>
      expectData(
        await t.gql<BoardPage>(
          `query ($b: [ID!], $after: String, $own: Boolean) {
             machines(filter: { buildingIds: $b, onlyAssignedToMe: $own }, first: 2, after: $after) {
               totalCount pageInfo { hasNextPage endCursor } nodes { id }
             }
           }`,
          { b: [building.id], after, own: onlyAssignedToMe },
          { token },
        ),
      ).machines;
    for (const [token, own, expected] of [
      [manager.token, false, 10],
      [tech.token, true, 3],
    ] as const) {
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page = await total(token, after, own);
        expect(page.totalCount).toBe(expected);
        pages++;
        if (!page.pageInfo.hasNextPage) {
          // Past the last page: no row to carry the count, which is then counted alone.
          const past = await total(token, page.pageInfo.endCursor, own);
          expect(past.nodes).toHaveLength(0);
          expect(past.totalCount).toBe(expected);
          break;
        }
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(expected / 2));
    }
  });

  it('applies the case read rule to a whole page without a statement per case', async () => {
    const building = await fillBuilding(100);
    const withDetail = BOARD.replace(
      'openFaultCase { id severity status openedAt assignee { id name } }',
      'openFaultCase { id severity status openedAt assignee { id name } description reportedBy { name } }',
    );
    const count = async (token: string) => {
      statements = [];
      const res = await t.gql<BoardPage>(
        withDetail,
        { buildingIds: [building.id], first: 100 },
        {
          token,
        },
      );
      return { count: statements.length, res };
    };
    const staff = await count(manager.token);
    expect(expectData(staff.res).machines.nodes).toHaveLength(100);
    // A repair worker owns none of these cases: 200 denied cells, the same statements.
    const repair = (await new Factory(t).user(Role.REPAIR)).token;
    await knownCredential(repair);
    const outsider = await count(repair);
    expect(outsider.res.data!.machines.nodes).toHaveLength(100);
    expect(outsider.res.data!.machines.nodes.every((m) => m.openFaultCase?.assignee)).toBe(true);
    expect(outsider.res.errors).toHaveLength(200);
    expect(new Set(outsider.res.errors!.map((e) => e.extensions?.code))).toEqual(
      new Set(['FORBIDDEN']),
    );
    expect(outsider.count).toBeLessThanOrEqual(staff.count);
  });
});
