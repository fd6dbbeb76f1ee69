import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from './support/axe.ts';
import { launch, openPage, signIn } from './support/browser.ts';
import { createDisplayLink, TV } from './support/display.ts';
import { startStack, type Stack } from './support/stack.ts';

// Every page of the app, for the role that uses it, at a desk and at 375 px: no serious or
// critical axe violation, no console error. The journeys check the pages in use; this sweep
// makes sure no page is missed, including empty and error states nobody walks through.

let stack: Stack;
let browser: Browser;
let caseId: string;
let machineId: string;
let buildingId: string;

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
  const { machine } = await stack.gql<{
    machine: { id: string; building: { id: string } };
  }>(`{ machine(assetCode: "CNC-01") { id building { id } } }`, {}, stack.managerToken);
  machineId = machine.id;
  buildingId = machine.building.id;
  const { openFaultCase } = await stack.gql<{ openFaultCase: { id: string } }>(
    `mutation ($i: OpenFaultCaseInput!) { openFaultCase(input: $i) { id } }`,
    { i: { machineId, severity: 'HIGH', description: 'Spindle stalls under load' } },
    stack.managerToken,
  );
  caseId = openFaultCase.id;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const DESK = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

/** Opens `path` (client-side, after sign-in), waits for its main heading, checks both widths. */
async function check(page: Page, problems: string[], path: string) {
  await page.goto(`${stack.webUrl}${path}`);
  await page
    .locator('main h1')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => {
      throw new Error(`${path}: no main heading within 10 s`);
    });
  // Let lists finish loading: no page may be judged on its loading state alone.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
    timeout: 10_000,
  });
  for (const size of [DESK, PHONE]) {
    await page.setViewportSize(size);
    expect(await accessibilityProblems(page), `${path} at ${size.width} px`).toEqual([]);
  }
  // An unknown address is answered 404, which the browser logs; that is the point of it.
  const expected = path === '/no-such-page' ? [expect.stringContaining('404')] : [];
  expect(problems.splice(0), path).toEqual(expected);
}

describe('accessibility of every page', () => {
  it('for a manager', async () => {
    const { page, problems } = await openPage(browser, DESK);
    await signIn(page, stack.webUrl, stack.users.manager.email);
    for (const path of [
      '/',
      '/cases',
      `/cases/${caseId}`,
      '/m/CNC-01',
      '/m/NO-SUCH-CODE',
      `/labels?building=${buildingId}`,
      '/my-work',
      '/admin',
      '/admin/machines',
      `/admin/machines/${machineId}`,
      '/admin/machines/new',
      '/admin/buildings',
      '/admin/users',
      '/admin/users/new',
      '/admin/api-clients',
      '/admin/displays',
      '/displays',
      '/log',
      `/log?building=${buildingId}&type=FAULT_OPENED`,
      '/reports',
      '/account',
      '/no-such-page',
    ])
      await check(page, problems, path);
  });

  // One test per role, each within the test timeout on a loaded machine.
  for (const who of ['technician', 'repair'] as const) {
    it(`for a ${who === 'repair' ? 'repair worker' : who}`, async () => {
      const { page, problems, context } = await openPage(browser, DESK);
      await signIn(page, stack.webUrl, stack.users[who].email);
      for (const path of [
        '/my-work',
        '/',
        '/cases',
        `/cases/${caseId}`,
        '/m/CNC-01',
        '/log',
        '/reports',
        '/account',
      ])
        await check(page, problems, path);
      await context.close();
    });
  }

  it('signed out, and on a wall display', async () => {
    const { page, problems } = await openPage(browser, DESK);
    await page.goto(`${stack.webUrl}/signin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    for (const size of [DESK, PHONE]) {
      await page.setViewportSize(size);
      expect(await accessibilityProblems(page), `/signin at ${size.width} px`).toEqual([]);
    }
    const link = await createDisplayLink(stack, 'Sweep wall', ['Hall A', 'Hall B']);
    await page.setViewportSize(TV);
    await page.goto(`${stack.webUrl}/display#token=${link.token}`);
    await page.locator('.live[data-state="online"]').waitFor();
    expect(await accessibilityProblems(page), '/display').toEqual([]);
    // A screen without a link says so, accessibly.
    await page.goto(`${stack.webUrl}/display`);
    await page.locator('main, [role="main"], h1').first().waitFor();
    expect(await accessibilityProblems(page), '/display without a link').toEqual([]);
    expect(problems).toEqual([]);
  });
});
