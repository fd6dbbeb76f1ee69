import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../server.js';

/**
 * web/server.js in front of several API replicas (API_URL=a,b): requests go to them in turn,
 * only to those whose /readyz says ready. The replicas here are stand-ins that say who they are.
 */

interface Replica {
  name: string;
  url: string;
  ready: boolean;
  server: Server;
}

async function replica(name: string): Promise<Replica> {
  const self: Partial<Replica> = { name, ready: true };
  const server = createServer((req, res) => {
    if (req.url === '/readyz') {
      res.writeHead(self.ready ? 200 : 503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(name);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  self.server = server;
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self as Replica;
}

let a: Replica;
let b: Replica;
let web: { url: string; close(timeoutMs?: number): Promise<void> };

beforeAll(async () => {
  a = await replica('a');
  b = await replica('b');
  web = await startWebServer({
    port: 0,
    host: '127.0.0.1',
    apiUrl: [a.url, b.url],
    handler: (_req: unknown, res: import('node:http').ServerResponse) => res.end('app'),
    log: () => undefined,
  });
});
afterAll(async () => {
  await web?.close(1000);
  a?.server.close();
  b?.server.close();
});

async function whoAnswers(count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${web.url}/api/who`);
    names.push(res.ok ? await res.text() : String(res.status));
  }
  return names;
}

describe('web/server.js with several API replicas', () => {
  it('answers its own /healthz, whatever the API does', async () => {
    const res = await fetch(`${web.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('sends requests to the replicas in turn', async () => {
    expect(new Set(await whoAnswers(4))).toEqual(new Set(['a', 'b']));
  });

  it('leaves out a replica that is not ready, and takes it back once it is', async () => {
    b.ready = false;
    await expect
      .poll(async () => new Set(await whoAnswers(4)), { timeout: 10_000 })
      .toEqual(new Set(['a']));
    b.ready = true;
    await expect
      .poll(async () => new Set(await whoAnswers(4)), { timeout: 10_000 })
      .toEqual(new Set(['a', 'b']));
  });

  it('leaves out a replica that is gone', async () => {
    const closed = new Promise<void>((r) => a.server.close(() => r()));
    a.server.closeAllConnections();
    await closed;
    await expect
      .poll(async () => new Set(await whoAnswers(4)), { timeout: 10_000 })
      .toEqual(new Set(['b']));
  });
});
