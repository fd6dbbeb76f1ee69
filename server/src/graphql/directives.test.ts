import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../modules/users/user.role.js';
import { Factory, type TestUser } from '../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../testing/harness.js';
import { connectSocket, type SocketClient } from '../testing/ws-client.js';
import { buildShopfloorSchema, printSdl } from './schema.js';

/**
 * graphql's built-in directives survive our own `@auth` (DESIGN.md §7): every GraphQL client
 * sends `@include` and `@skip`, and deprecations must still show in the schema.
 */

let t: TestServer;
let manager: TestUser;
let socket: SocketClient;

beforeAll(async () => {
  t = await startTestServer();
  manager = await new Factory(t).user(Role.MANAGER);
  socket = connectSocket(t.url, manager.token);
});
afterAll(async () => {
  await socket.dispose();
  await t.close();
});

const ME = `query Me($with: Boolean!, $without: Boolean!) {
  me { id email @include(if: $with) name @skip(if: $without) role @include(if: false) }
}`;

type Me = { me: Record<string, unknown> };

describe('@include and @skip', () => {
  it('apply over HTTP', async () => {
    const shown = expectData(await t.gql<Me>(ME, { with: true, without: false }, manager));
    expect(Object.keys(shown.me).sort()).toEqual(['email', 'id', 'name']);
    const hidden = expectData(await t.gql<Me>(ME, { with: false, without: true }, manager));
    expect(Object.keys(hidden.me)).toEqual(['id']);
  });

  it('apply over the WebSocket', async () => {
    const shown = socket.subscribe<Me>(ME, { with: true, without: false });
    const hidden = socket.subscribe<Me>(ME, { with: false, without: true });
    await Promise.all([shown.done, hidden.done]);
    expect(shown.errors).toEqual([]);
    expect(hidden.errors).toEqual([]);
    expect(Object.keys(shown.items[0]!.me).sort()).toEqual(['email', 'id', 'name']);
    expect(Object.keys(hidden.items[0]!.me)).toEqual(['id']);
  });

  it('are listed with the other built-in directives by introspection', async () => {
    const data = expectData(
      await t.gql<{ __schema: { directives: { name: string }[] } }>(
        '{ __schema { directives { name } } }',
        {},
        manager,
      ),
    );
    const names = data.__schema.directives.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['auth', 'include', 'skip', 'deprecated', 'specifiedBy']),
    );
  });
});

@ObjectType()
class DeprecationProbe {
  @Field({ deprecationReason: 'Use current' })
  old!: string;

  @Field()
  current!: string;
}

@Resolver()
class DeprecationProbeResolver {
  @Query(() => DeprecationProbe)
  deprecationProbe(): DeprecationProbe {
    return { old: 'a', current: 'b' };
  }

  @Query(() => String, { deprecationReason: 'Gone soon' })
  retiredQuery(): string {
    return 'x';
  }
}

describe('@deprecated', () => {
  it('still prints where a field is deprecated, built and printed as schema.graphql is', async () => {
    const sdl = printSdl(await buildShopfloorSchema([DeprecationProbeResolver]));
    expect(sdl).toContain('old: String! @deprecated(reason: "Use current")');
    expect(sdl).toContain('retiredQuery: String! @deprecated(reason: "Gone soon")');
    // Built-in directives are implied by the spec and not printed; ours is.
    expect(sdl).not.toMatch(/directive @(include|skip|deprecated)\b/);
    expect(sdl).toContain('directive @auth(');
  });
});
