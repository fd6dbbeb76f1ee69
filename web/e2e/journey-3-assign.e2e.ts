import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from './support/axe.ts';
import { launch, openPage, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startStack, type Stack } from './support/stack.ts';

// Journey 3, "The manager dispatches": the manager's view, filtered to Hall B, shows the new
// case on top; they assign it to a repair worker, whose "My work" on a phone shows it at once,
// without a reload, in the order to work it.

let stack: Stack;
let browser: Browser;
let technicianToken: string;
let repairToken: string;

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
  const login = async (email: string) =>
    (
      await stack.gql<{ login: { accessToken: string } }>(
        `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken } }`,
        { e: email, p: PASSWORD },
      )
    ).login.accessToken;
  technicianToken = await login(stack.users.technician.email);
  repairToken = await login(stack.users.repair.email);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const machineId = (assetCode: string) => stack.machines.find((m) => m.assetCode === assetCode)!.id;

async function openCase(assetCode: string, description: string, severity: string) {
  const { openFaultCase } = await stack.gql<{ openFaultCase: { id: string } }>(
    `mutation ($i: OpenFaultCaseInput!) { openFaultCase(input: $i) { id } }`,
    { i: { machineId: machineId(assetCode), description, severity } },
    technicianToken,
  );
  return openFaultCase.id;
}

/** The rows of the cases list, top to bottom, as asset codes. */
function listed(page: Page) {
  return page
    .locator('article[data-case]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')));
}

async function expectAccessible(page: Page) {
  expect(await accessibilityProblems(page)).toEqual([]);
}

describe('journey 3: the manager dispatches', () => {
  it("a manager filters the cases to Hall B, assigns the new case, and the repair worker's phone shows it live", async () => {
    const hallA = await openCase('CNC-01', 'Spindle stalls under load', 'MEDIUM');
    const older = await openCase('PRS-03', 'Guard door switch broken', 'CRITICAL');
    // Journey 2 just happened: the technician reported the press.
    const press = await openCase('PRS-07', 'Hydraulic leak at main cylinder', 'HIGH');

    // The repair worker, on a phone, has nothing to do yet.
    const repair = await openPage(browser, { width: 375, height: 812 });
    await signIn(repair.page, stack.webUrl, stack.users.repair.email);
    expect(new URL(repair.page.url()).pathname).toBe('/my-work');
    await repair.page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await repair.page.getByText('No open cases are assigned to you').waitFor();
    await repair.page.locator('.live[data-state="online"]').waitFor();
    await expectAccessible(repair.page);
    await screenshot(repair.page, 'journey-3-my-work-empty-phone');
    // A marker that a reload would wipe.
    await repair.page.evaluate(() => ((window as unknown as { marker: number }).marker = 3));

    // The manager opens the cases list and narrows it to Hall B, open cases.
    const manager = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email, '/cases');
    await manager.page.getByRole('heading', { name: 'Fault cases', level: 1 }).waitFor();
    await manager.page.locator(`article[data-case="${hallA}"]`).waitFor();
    expect(await listed(manager.page)).toEqual(['PRS-07', 'PRS-03', 'CNC-01']);
    await expectAccessible(manager.page);

    await manager.page.getByLabel('Building').selectOption({ label: 'Hall B' });
    await manager.page.waitForURL(/building=/);
    await manager.page.getByRole('checkbox', { name: 'Open', exact: true }).check();
    await manager.page.waitForURL(/status=OPEN/);
    await manager.page.locator(`article[data-case="${hallA}"]`).waitFor({ state: 'detached' });
    // The new case on top, the other press below, nothing of Hall A.
    expect(await listed(manager.page)).toEqual(['PRS-07', 'PRS-03']);
    const hallB = await manager.page.getByLabel('Building').inputValue();
    const view = new URL(manager.page.url());
    expect(view.pathname).toBe('/cases');
    expect(view.searchParams.get('building')).toBe(hallB);
    expect(view.searchParams.get('status')).toBe('OPEN');
    const row = manager.page.locator(`article[data-case="${press}"]`);
    await row.getByText('Hydraulic leak at main cylinder').waitFor();
    await row.getByText('Not assigned').waitFor();
    await row.getByText('High').waitFor();
    expect(await row.getByRole('link', { name: 'Press 7' }).getAttribute('href')).toBe(
      `/cases/${press}`,
    );
    await expectAccessible(manager.page);
    await screenshot(manager.page, 'journey-3-cases-hall-b-desk');

    // The link reproduces the view for someone else.
    const other = await openPage(browser);
    await signIn(
      other.page,
      stack.webUrl,
      stack.users.technician.email,
      view.pathname + view.search,
    );
    await other.page.locator(`article[data-case="${press}"]`).waitFor();
    expect(await listed(other.page)).toEqual(['PRS-07', 'PRS-03']);
    expect(await other.page.getByLabel('Building').inputValue()).toBe(hallB);
    expect(await other.page.getByRole('checkbox', { name: 'Open', exact: true }).isChecked()).toBe(
      true,
    );
    await expectAccessible(other.page);

    // The manager assigns the press to the repair worker (the case page is another screen).
    await stack.gql(
      `mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }`,
      { id: press, a: stack.users.repair.id },
      stack.managerToken,
    );

    // The worker's My work shows it at once, without a reload.
    const work = repair.page.locator(`article[data-case="${press}"]`);
    await work.waitFor({ timeout: 2_000 });
    await work.getByText('Hydraulic leak at main cylinder').waitFor();
    await work.getByText('Hall B · Line 1').waitFor();
    expect(
      await work.getByRole('link', { name: 'Press 7', exact: true }).getAttribute('href'),
    ).toBe(`/cases/${press}`);
    expect(await work.getByRole('link', { name: 'Machine page PRS-07' }).getAttribute('href')).toBe(
      '/m/PRS-07',
    );
    expect(
      await repair.page.evaluate(() => (window as unknown as { marker?: number }).marker),
    ).toBe(3);
    // … and the manager's row follows too.
    await row.getByText('Rick Repair').waitFor({ timeout: 2_000 });

    // A second, critical case assigned: nobody has acknowledged it, so it goes first.
    await stack.gql(
      `mutation ($id: ID!, $a: ID!) { assignFaultCase(id: $id, assigneeId: $a) { id } }`,
      { id: older, a: stack.users.repair.id },
      stack.managerToken,
    );
    const order = () =>
      repair.page
        .locator('ol.cases article[data-case]')
        .evaluateAll((cases) => cases.map((c) => c.getAttribute('data-asset')));
    await expect.poll(order, { timeout: 5_000 }).toEqual(['PRS-03', 'PRS-07']);
    // The worker starts on the press: the repair under way moves to the top.
    for (const op of ['acknowledgeFaultCase', 'startRepair']) {
      await stack.gql(`mutation ($id: ID!) { ${op}(id: $id) { id } }`, { id: press }, repairToken);
    }
    await expect.poll(order, { timeout: 5_000 }).toEqual(['PRS-07', 'PRS-03']);
    await work.getByText('In progress').waitFor();
    const overflow = await repair.page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    await expectAccessible(repair.page);
    await screenshot(repair.page, 'journey-3-my-work-phone');

    // The dispatcher's queue: Hall B cases nobody has yet — none left after dispatching.
    await manager.page.getByLabel('Assigned to').selectOption({ label: 'Nobody yet' });
    await manager.page.waitForURL(/assignee=none/);
    await manager.page.getByText('No case matches these filters.').waitFor();
    await expectAccessible(manager.page);

    expect(manager.problems).toEqual([]);
    expect(repair.problems).toEqual([]);
    expect(other.problems).toEqual([]);
    for (const p of [manager, repair, other]) await p.context.close();
  });

  it('the cases list on a phone, days in the URL, and a backwards range said at its field', async () => {
    const { page, context, problems } = await openPage(browser, { width: 375, height: 812 });
    await signIn(page, stack.webUrl, stack.users.manager.email, '/cases');
    await page.locator('article[data-case]').first().waitFor();
    expect(await page.getByLabel('Building').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await expectAccessible(page);
    await screenshot(page, 'journey-3-cases-phone');

    // Today, as a day range of one: every case of this test was opened today.
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.goto(`${stack.webUrl}/cases?from=${today}&to=${today}`);
    await page.locator('article[data-case]').first().waitFor();
    expect(await page.locator('article[data-case]').count()).toBe(3);
    await page.getByText('Filters1 active').click();
    expect(await page.getByLabel('Opened from').inputValue()).toBe(today);

    await page.goto(`${stack.webUrl}/cases?from=2026-12-07&to=2026-12-01`);
    await page.getByText('Please check the marked fields.').waitFor();
    await page.getByText('Filters1 active').click();
    const until = page.getByLabel('Opened until');
    expect(await until.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('This day is before the first day.').waitFor();
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a technician's My work shows their machines and the cases on them; a manager's points elsewhere", async () => {
    const tech = await openPage(browser);
    await signIn(tech.page, stack.webUrl, stack.users.technician.email, '/my-work');
    const cnc = tech.page.locator('article[data-asset="CNC-01"]');
    await cnc.waitFor();
    await cnc.getByText('Spindle stalls under load').waitFor();
    await cnc.getByText('Not assigned').waitFor();
    expect(await tech.page.locator('article[data-asset]').count()).toBe(1);
    await expectAccessible(tech.page);
    await screenshot(tech.page, 'journey-3-my-work-technician-desk');

    const manager = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email, '/my-work');
    await manager.page.getByRole('link', { name: 'Open the cases list' }).waitFor();
    await expectAccessible(manager.page);
    await manager.page.getByRole('link', { name: 'Cases nobody is assigned to yet' }).click();
    await manager.page.waitForURL(/\/cases\?.*assignee=none/);
    await manager.page.getByRole('heading', { name: 'Fault cases', level: 1 }).waitFor();
    await manager.page.locator('article[data-case]').first().waitFor();
    expect(await listed(manager.page)).toContain('CNC-01');
    const rows = await manager.page.locator('article[data-case]').count();
    expect(await manager.page.locator('article[data-case]').getByText('Not assigned').count()).toBe(
      rows,
    );

    // The list speaks the person's language, switched live.
    await manager.page.getByLabel('Language').selectOption('de');
    await manager.page.getByRole('heading', { name: 'Störfälle', level: 1 }).waitFor();
    await manager.page.getByText('Nicht zugewiesen').first().waitFor();
    await expectAccessible(manager.page);
    await screenshot(manager.page, 'journey-3-cases-desk-de');
    await manager.page.getByLabel('Sprache').selectOption('en');

    expect(tech.problems).toEqual([]);
    expect(manager.problems).toEqual([]);
    await tech.context.close();
    await manager.context.close();
  });
});
