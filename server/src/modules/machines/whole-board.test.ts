import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../common/actor.js';
import type { AppError } from '../../common/app-error.js';
import type { ServiceContext } from '../../graphql/context.js';
import { Factory, type TestUser } from '../../testing/factories.js';
import {
  errorCode,
  expectData,
  startTestServer,
  type GqlResult,
  type TestServer,
} from '../../testing/harness.js';
import { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { Severity } from '../faults/fault-case.enums.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { Machine } from './machine.entity.js';
import { MachineService, TOO_MANY_MACHINES } from './machine.service.js';
import { MachineStatus } from './machine.status.js';

/**
 * `wholeBoard`: a wall display's whole board in one round trip. It must answer exactly what
 * every page of `machines` answers together, under the same rules, for a constant number of
 * SQL statements whatever the number of machines.
 */
const MACHINE_FIELDS = `
  id name assetCode importance status statusSince archived
  building { id name }
  technicians(first: 5) { id name }
  activeWarnings(first: 5) { id code message repeatCount lastSeenAt }
  openFaultCase { id severity status openedAt assignee { id name } }`;

const WHOLE = `query ($buildingIds: [ID!]) {
  wholeBoard(buildingIds: $buildingIds) { lastEventId machines { ${MACHINE_FIELDS} } }
}`;
const PAGE = `query ($buildingIds: [ID!], $after: String) {
  machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {
    lastEventId
    nodes { ${MACHINE_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface BoardMachine {
  id: string;
  name: string;
  building: { id: string };
}
interface Whole {
  wholeBoard: { lastEventId: string; machines: BoardMachine[] };
}
interface Page {
  machines: {
    lastEventId: string;
    nodes: BoardMachine[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let t: TestServer;
let factory: Factory;
let team: Record<'manager' | 'technician' | 'repair', TestUser>;
let statements: string[] = [];
let hallA: Building;
let hallB: Building;

beforeAll(async () => {
  // Uncached, so the statements counted are what computing the answer costs.
  t = await startTestServer({
    env: { BOARD_CACHE: 'off' },
    onQuery: (sql) => statements.push(sql),
  });
  factory = new Factory(t);
  team = await factory.team();
  hallA = await fillBuilding(130);
  hallB = await fillBuilding(12);
});
afterAll(() => t.close());

/** N machines: each with a technician, every other one with a warning and an open case. */
async function fillBuilding(machineCount: number): Promise<Building> {
  const building = await factory.building();
  const em = t.em();
  for (let i = 0; i < machineCount; i++) {
    const troubled = i % 2 === 0;
    const machine = em.create(Machine, {
      name: `${building.name} ${String(i).padStart(3, '0')}`,
      building: em.getReference(Building, building.id),
      importance: 1 + (i % 5),
      assetCode: `W${building.id.slice(0, 6)}-${i}`,
      status: troubled ? MachineStatus.FAULT : MachineStatus.OK,
    });
    if (i % 3 === 0) machine.technicians.add(em.getReference(User, team.technician.user.id));
    if (troubled) {
      em.create(Warning, { machine, message: `warning ${i}`, code: 'TEMP_HIGH' });
      em.create(FaultCase, {
        machine,
        description: `fault ${i}`,
        severity: Severity.HIGH,
        assignee: em.getReference(User, team.repair.user.id),
        version: 1,
      });
    }
  }
  // One archived machine: never on the board.
  em.create(Machine, {
    name: `${building.name} archived`,
    building: em.getReference(Building, building.id),
    importance: 1,
    assetCode: `W${building.id.slice(0, 6)}-old`,
    archived: true,
  });
  await em.flush();
  return building;
}

async function whole(token: string | undefined, buildingIds?: unknown): Promise<GqlResult<Whole>> {
  return t.gql<Whole>(WHOLE, buildingIds === undefined ? {} : { buildingIds }, { token });
}

/** Every page of `machines`, as a display read the board before. */
async function allPages(token: string, buildingIds?: string[]) {
  const nodes: BoardMachine[] = [];
  let lastEventId: string | undefined;
  for (let after: string | null = null; ;) {
    const page: Page = expectData(await t.gql<Page>(PAGE, { buildingIds, after }, { token }));
    lastEventId ??= page.machines.lastEventId;
    nodes.push(...page.machines.nodes);
    if (!page.machines.pageInfo.hasNextPage) return { nodes, lastEventId };
    after = page.machines.pageInfo.endCursor;
  }
}

async function displayToken(buildingIds: string[]): Promise<string> {
  const res = await t.gql<{ createDisplayLink: { token: string } }>(
    'mutation ($input: CreateDisplayLinkInput!) { createDisplayLink(input: $input) { token } }',
    { input: { name: `Wall ${buildingIds.length}`, buildingIds } },
    { token: team.manager.token },
  );
  return expectData(res).createDisplayLink.token;
}

describe('wholeBoard', () => {
  it('answers what every page of machines answers together: same machines, order, fields and event id', async () => {
    const paged = await allPages(team.manager.token);
    const answer = expectData(await whole(team.manager.token)).wholeBoard;
    expect(paged.nodes.length).toBe(142);
    expect(answer.machines).toEqual(paged.nodes);
    expect(answer.lastEventId).toBe(paged.lastEventId);
    expect(answer.machines.some((m) => m.name.endsWith('archived'))).toBe(false);

    const onlyB = expectData(await whole(team.manager.token, [hallB.id])).wholeBoard;
    expect(onlyB.machines).toEqual((await allPages(team.manager.token, [hallB.id])).nodes);
    expect(new Set(onlyB.machines.map((m) => m.building.id))).toEqual(new Set([hallB.id]));
  });

  it('costs one statement for 12 machines as for 142', async () => {
    await whole(team.manager.token); // the credential is known afterwards (identity cache)
    statements = [];
    expectData(await whole(team.manager.token, [hallB.id]));
    const few = statements.length;
    statements = [];
    expectData(await whole(team.manager.token));
    expect(statements.length).toBe(few);
    // The machines and everything their tiles show; the credential is known already.
    expect(few).toBe(1);
  });

  it('shows a display only its own buildings, whatever it asks for', async () => {
    const token = await displayToken([hallB.id]);
    const own = expectData(await whole(token)).wholeBoard.machines;
    expect(own).toHaveLength(12);
    expect(new Set(own.map((m) => m.building.id))).toEqual(new Set([hallB.id]));
    expect(expectData(await whole(token, [hallA.id])).wholeBoard.machines).toEqual([]);
  });

  it('shows a technician only the machines assigned to them, like the board', async () => {
    const mine = expectData(await whole(team.technician.token)).wholeBoard.machines;
    expect(mine).toEqual((await allPages(team.technician.token)).nodes);
    expect(mine).toHaveLength(44 + 4);
  });

  it('refuses anonymous callers and API clients without machines:read', async () => {
    const anonymous = await whole(undefined);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.wholeBoard ?? null).toBeNull();

    const { createApiClient } = expectData(
      await t.gql<{ createApiClient: { token: string } }>(
        'mutation { createApiClient(input: { name: "sensor", scopes: [WARNINGS_WRITE] }) { token } }',
        {},
        { token: team.manager.token },
      ),
    );
    const sensor = await whole(createApiClient.token);
    expect(errorCode(sensor)).toBe('FORBIDDEN');
    expect(sensor.data?.wholeBoard ?? null).toBeNull();
  });

  it('refuses building ids that are not ids, and more than 100 of them', async () => {
    const notIds = await whole(team.manager.token, ['not-a-uuid']);
    expect(errorCode(notIds)).toBe('BAD_USER_INPUT');
    const many = await whole(
      team.manager.token,
      Array.from({ length: 101 }, () => hallA.id),
    );
    expect(errorCode(many)).toBe('BAD_USER_INPUT');
  });

  it('refuses a board larger than one answer holds, saying how to read it instead', async () => {
    // 10,000 machines would make this test slow: the limit is the service's to lower here.
    const service = new MachineService({ em: t.em() } as ServiceContext);
    const actor: UserActor = {
      kind: 'user',
      id: team.manager.user.id,
      role: Role.MANAGER,
      name: team.manager.user.name,
    };
    await expect(service.listAll(actor, {}, { limit: 141 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { reason: TOO_MANY_MACHINES, limit: 141 },
    } satisfies Partial<AppError>);
    expect((await service.listAll(actor, {}, { limit: 142 })).machines).toHaveLength(142);
  });
});
