import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Factory, TEST_PASSWORD } from '../../testing/factories.js';
import { expectData, startTestServer, type TestServer } from '../../testing/harness.js';
import { Role } from '../../modules/users/user.role.js';
import { SocketRegistry, type SocketState } from './registry.js';
import { revalidateSockets } from './revalidation.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** The socket as revalidation sees it: something it may close. */
function fakeSocket(): WebSocket & { closedWith?: number } {
  const socket = {
    closedWith: undefined as number | undefined,
    close(code: number) {
      socket.closedWith = code;
    },
  };
  return socket as unknown as WebSocket & { closedWith?: number };
}

async function signedIn(email: string): Promise<SocketState> {
  const res = await t.gql<{ login: { accessToken: string; user: { id: string } } }>(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken user { id } } }`,
    { e: email, p: TEST_PASSWORD },
  );
  const { accessToken, user } = expectData(res).login;
  const claims = jwt.decode(accessToken) as { sid: string; tv: number };
  return {
    connectionId: claims.sid,
    actor: { kind: 'user', id: user.id, role: Role.TECHNICIAN, name: 'x' },
    tokenVersion: claims.tv,
    sessionId: claims.sid,
    subscriptions: 0,
  };
}

describe('socket revalidation', () => {
  it('judges only the sockets open when its round began: one admitted meanwhile is not closed', async () => {
    const { user } = await new Factory(t).user(Role.TECHNICIAN);
    const first = await signedIn(user.email);
    const second = await signedIn(user.email);
    const registry = new SocketRegistry(20);
    const early = fakeSocket();
    registry.admit(early, first);

    const round = revalidateSockets(registry, t.database.orm);
    // Connected while the round's queries run (a second tab, a wall screen reconnecting).
    const late = fakeSocket();
    registry.admit(late, second);
    await round;

    expect(early.closedWith).toBeUndefined();
    expect(late.closedWith).toBeUndefined();
    expect(registry.size).toBe(2);
    // The next round sees it, and it is valid.
    await revalidateSockets(registry, t.database.orm);
    expect(late.closedWith).toBeUndefined();
  });
});
