import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshot } from './support/browser.ts';
import { createDisplayLink, createHall, openDisplay } from './support/display.ts';
import { startStack, type Stack } from './support/stack.ts';

// A wall display runs for weeks: memory must not grow with the number of events it applied.
// 20,000 events go through one display; the JS heap is measured after a forced GC at the
// start (after a warm-up) and at the end.

const EVENTS = 20_000;
const WORKERS = 8;
/** Retained growth allowed over 20,000 events: 50 bytes per event would already exceed it. */
const MAX_GROWTH_BYTES = 1_000_000;

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function headId(): Promise<number> {
  const { machineEvents } = await stack.gql<{ machineEvents: { nodes: { id: string }[] } }>(
    `{ machineEvents(first: 1) { nodes { id } } }`,
    {},
    stack.managerToken,
  );
  return Number(machineEvents.nodes[0]?.id ?? 0);
}

async function machineIds(building: string): Promise<string[]> {
  const { machines } = await stack.gql<{
    machines: { nodes: { id: string; building: { name: string } }[] };
  }>(`{ machines(first: 100) { nodes { id building { name } } } }`, {}, stack.managerToken);
  return machines.nodes.filter((m) => m.building.name === building).map((m) => m.id);
}

/** Raises and clears a warning on each machine, in parallel, until `count` events exist. */
async function churn(ids: string[], count: number): Promise<void> {
  const target = (await headId()) + count;
  let done = false;
  const raise = `mutation ($m: ID!) { raiseWarning(input: { machineId: $m, code: "SOAK", message: "Soak test" }) { id } }`;
  const clear = `mutation ($m: ID!) { clearWarning(machineId: $m, code: "SOAK") { id } }`;
  const worker = async (id: string) => {
    while (!done) {
      await stack.gql(raise, { m: id }, stack.sensorToken);
      await stack.gql(clear, { m: id }, stack.sensorToken);
    }
  };
  const started = Date.now();
  const watcher = async () => {
    let last = 0;
    for (let head = await headId(); head < target; head = await headId()) {
      if (Date.now() - last > 15_000) {
        last = Date.now();
        const left = target - head;
        console.log(
          `display soak: ${left} events to go (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    done = true;
  };
  await Promise.all([watcher(), ...ids.map(worker)]);
}

describe('the wall display over many events', () => {
  it(`applies ${EVENTS} events without its JS heap growing`, { timeout: 1_200_000 }, async () => {
    await createHall(stack, 'Hall S', 'S', WORKERS);
    const ids = await machineIds('Hall S');
    const link = await createDisplayLink(stack, 'Soak wall', ['Hall S']);
    const screen = await openDisplay(browser, stack, link);
    const { page, context } = screen;
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      // Twice: a first pass may only free what a finaliser releases for the second.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const settle = async () => {
      // The final marker change is applied after every earlier event (in-order stream).
      const marker = `mutation ($m: ID!, $c: String!) { raiseWarning(input: { machineId: $m, code: $c, message: "Marker" }) { id } }`;
      const code = `MARK${Date.now()}`;
      await stack.gql(marker, { m: ids[0], c: code }, stack.sensorToken);
      await page.getByText('Marker').waitFor({ timeout: 120_000 });
      await stack.gql(
        `mutation ($m: ID!, $c: String!) { clearWarning(machineId: $m, code: $c) { id } }`,
        { m: ids[0], c: code },
        stack.sensorToken,
      );
      await page.getByText('Marker').waitFor({ state: 'detached', timeout: 120_000 });
      // Past the saved board's write-behind timer, so its string is garbage too.
      await new Promise((r) => setTimeout(r, 6_000));
    };

    // Warm-up: code paths compiled, caches of the engine filled.
    await churn(ids, 1_000);
    await settle();
    const before = await heap();

    const started = Date.now();
    await churn(ids, EVENTS);
    await settle();
    const after = await heap();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);

    console.log(
      `display soak: ${EVENTS} events in ${seconds} s; JS heap after GC: start ${(before / 1e6).toFixed(2)} MB, end ${(after / 1e6).toFixed(2)} MB, growth ${((after - before) / 1e3).toFixed(0)} kB (limit ${MAX_GROWTH_BYTES / 1e3} kB)`,
    );
    await screenshot(page, 'display-after-soak');
    expect(after - before).toBeLessThan(MAX_GROWTH_BYTES);
    expect(await page.locator('.live[data-state="online"]').count()).toBe(1);
    expect(screen.problems).toEqual([]);
    await context.close();
  });
});
