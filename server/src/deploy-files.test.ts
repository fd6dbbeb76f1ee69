import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildServerOnce } from './testing/build.js';
import { graphqlOver } from './testing/process-client.js';
import { declaredFamilies, familyOf } from './testing/prometheus.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

/**
 * deploy/: the Grafana dashboard and the Prometheus rules name only metrics that a real
 * server's /metrics declares (promtool is not at hand: a structural check, plus the names).
 */

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const read = (name: string) => readFileSync(`${DEPLOY}${name}`, 'utf8');
/** Series Prometheus makes itself, not the server. */
const PROMETHEUS_OWN = new Set(['up']);
const SERIES =
  /\b((?:shopfloor|process|nodejs)_[a-zA-Z0-9_]+|up)\b(?=\s*(?:\{|\)|\[|$|\s|==|>|<))/g;

let db: TestDatabase;
let server: ServerProcess;
let declared: Set<string>;

beforeAll(async () => {
  buildServerOnce();
  db = await createTestDatabase();
  server = await startServerProcess({ DATABASE_URL: db.url });
  await graphqlOver(server.url, '{ __typename }');
  const res = await fetch(`${server.url}/metrics`);
  declared = declaredFamilies(await res.text());
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

function seriesIn(expr: string): string[] {
  return [...expr.matchAll(SERIES)].map((m) => m[1]!);
}

function expectKnown(expr: string, where: string): void {
  const series = seriesIn(expr);
  expect(series.length, `${where}: names no metric: ${expr}`).toBeGreaterThan(0);
  for (const name of series) {
    if (PROMETHEUS_OWN.has(name)) continue;
    expect(declared.has(familyOf(name)) || declared.has(name), `${where}: ${name}`).toBe(true);
  }
}

describe('deploy/', () => {
  it('the Grafana dashboard is valid JSON whose every query names real metrics', () => {
    const dashboard = JSON.parse(read('grafana-dashboard.json')) as {
      title: string;
      uid: string;
      panels: { id: number; title: string; targets: { expr: string; refId: string }[] }[];
    };
    expect(dashboard.title).toBe('Shopfloor');
    expect(dashboard.panels.length).toBeGreaterThan(5);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const families = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expectKnown(target.expr, `panel "${panel.title}"`);
        seriesIn(target.expr).forEach((s) => families.add(familyOf(s)));
      }
    }
    // The list: latency, sockets and subscriptions, event lag, pool, machines.
    for (const wanted of [
      'shopfloor_http_request_duration_seconds',
      'shopfloor_graphql_operation_duration_seconds',
      'shopfloor_websocket_connections',
      'shopfloor_subscriptions',
      'shopfloor_event_bus_lag_seconds',
      'shopfloor_db_pool_connections',
      'shopfloor_machines',
      'shopfloor_database_up',
    ]) {
      expect(families.has(wanted), wanted).toBe(true);
    }
  });

  it('the alert rules are well formed and cover API down, event lag, 5xx and the database', () => {
    const rules = parseYaml(read('prometheus-alerts.yml')) as {
      groups: { name: string; rules: Record<string, unknown>[] }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    for (const rule of all) {
      expect(typeof rule.alert).toBe('string');
      expect(typeof rule.expr).toBe('string');
      expect(String(rule.for)).toMatch(/^\d+[smh]$/);
      expect((rule.labels as { severity?: string }).severity).toMatch(/^(critical|warning)$/);
      expect(typeof (rule.annotations as { summary?: unknown }).summary).toBe('string');
      expectKnown(String(rule.expr), `alert ${String(rule.alert)}`);
    }
    const names = all.map((r) => r.alert);
    for (const wanted of [
      'ShopfloorApiDown',
      'ShopfloorEventLagHigh',
      'ShopfloorHigh5xxRate',
      'ShopfloorDatabaseUnreachable',
    ]) {
      expect(names).toContain(wanted);
    }
  });

  it('the scrape example loads the rules and scrapes /metrics under the job the rules use', () => {
    const config = parseYaml(read('prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path: string }[];
    };
    expect(config.rule_files).toContain('prometheus-alerts.yml');
    expect(config.scrape_configs[0]).toMatchObject({
      job_name: 'shopfloor',
      metrics_path: '/metrics',
    });
    expect(read('prometheus-alerts.yml')).toContain('job="shopfloor"');
  });
});
