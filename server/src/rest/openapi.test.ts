import type { ApolloServer } from '@apollo/server';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger.js';
import type { RequestContext } from '../graphql/context.js';
import { startTestServer, testConfig, type TestServer } from '../testing/harness.js';
import { rest } from '../testing/rest-client.js';
import { buildOpenApiDocument } from './openapi.js';
import { createRestRouter, expressPath } from './router.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every method+path the express router really serves (405 catch-alls excluded). */
function routerRoutes(): string[] {
  const router = createRestRouter({
    apollo: {} as unknown as ApolloServer<RequestContext>,
    buildContext: () => Promise.reject(new Error('not called')),
    logger: createLogger(testConfig()),
  });
  const out: string[] = [];
  for (const layer of router.stack as RouteLayer[]) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return out.sort();
}

describe('GET /api/openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document', async () => {
    const res = await rest<Record<string, unknown>>(t, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(res.body as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('lists exactly the routes the router serves', () => {
    const doc = buildOpenApiDocument();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${expressPath(path)}`),
      )
      .sort();
    expect(routerRoutes()).toEqual(documented);
    expect(documented).toEqual(
      expect.arrayContaining([
        'POST /api/login',
        'POST /auth/token',
        'GET /api/machines',
        'POST /api/machines',
        'GET /api/machines/:machineId',
        'DELETE /api/machines/:machineId',
        'GET /api/machines/:machineId/faults',
        'POST /api/machines/:machineId/faults',
        'PATCH /api/faults/:faultId/resolve',
        'POST /api/machines/:machineId/warnings',
        'DELETE /api/machines/:machineId/warnings',
        'DELETE /api/machines/:machineId/warnings/:warningId',
        'GET /api/openapi.json',
        'GET /api/events.csv',
      ]),
    );
  });

  it('documents paths with the spec’s trailing slash, and they answer with or without it', async () => {
    const doc = buildOpenApiDocument();
    // A file's name ends the path of a download (openapi.json, events.csv): no slash after it.
    for (const path of Object.keys(doc.paths).filter((p) => !/\.(json|csv)$/.test(p)))
      expect(path).toMatch(/\/$/);
    for (const path of ['/api/openapi.json', '/api/openapi.json/']) {
      expect((await rest(t, 'GET', path)).status).toBe(200);
    }
  });
});
