import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

function socketUrl(path = '/graphql') {
  return `${stack.webUrl.replace('http', 'ws')}${path}`;
}

describe('web/server.js: one origin in front of the API', () => {
  it('proxies a WebSocket even when it is the first request after a start, and shuts down with it open', async () => {
    // No HTTP request has gone through this web server yet (seeding talked to the API):
    // the upgrade must still be proxied (http-proxy-middleware alone would wait for one).
    const closed: number[] = [];
    const client = createClient({
      url: socketUrl(),
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${stack.sensorToken}` },
      on: { closed: (event) => closed.push((event as CloseEvent).code) },
    });
    const first = new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { machineStatusChanged { machineId status eventId } }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the proxied socket never connected')),
        15_000,
      );
      client.on('connected', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Something live comes through the proxied socket.
    const res = await stack.rest('POST', '/api/machines/PRS-03/warnings/', { message: 'Hot' });
    expect(res.status).toBe(201);
    expect(await first).toMatchObject({ data: { machineStatusChanged: { status: 'WARNING' } } });

    // Graceful shutdown ends the upgraded socket too, so the process exits promptly.
    const exited = new Promise<number | null>((r) => stack.web.once('exit', (code) => r(code)));
    stack.web.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect.poll(() => closed.length).toBeGreaterThan(0);
    await client.dispose();
  });
});

describe('web/server.js: upgrades it does not own', () => {
  it('refuses a WebSocket on any other path instead of leaving it hanging', async () => {
    const other = await startStack();
    try {
      const outcome = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${other.webUrl.replace('http', 'ws')}/not-graphql`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('error');
        ws.onclose = () => resolve('closed');
      });
      expect(outcome).not.toBe('open');
    } finally {
      await other.stop();
    }
  });
});
