import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot, signIn } from './support/browser.ts';
import { caseHeader, expectUsable, openCase, readCase, tokenFor } from './support/cases.ts';
import { startStack, type Stack } from './support/stack.ts';

// Journey 5: two people edit the same case at once. The second save is told the case changed,
// sees field by field what the other person did, and puts their own change on top of the
// current version in one click. Nothing is overwritten silently, nothing is lost.

let stack: Stack;
let browser: Browser;
let technicianToken: string;

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
  technicianToken = await tokenFor(stack, stack.users.technician.email);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function startEditing(page: Page) {
  await page.getByRole('button', { name: 'Edit description and severity' }).click();
  await page.getByRole('textbox', { name: 'Description' }).waitFor();
}

/** The conflict view's cell of a field: before, mine or now. */
function cell(page: Page, field: string, which: 'before' | 'mine' | 'now') {
  return page.locator(`.conflict tr[data-field="${field}"] [data-cell="${which}"]`);
}

describe('journey 5: two people at once', () => {
  it('manager edits the severity, technician the description: the second save sees the conflict and re-applies; both changes stand', async () => {
    const caseId = await openCase(
      stack,
      technicianToken,
      'LTH-02',
      'Chuck jaws slipping',
      'MEDIUM',
    );
    const before = await readCase(stack, caseId);

    const manager = await openPage(browser);
    const technician = await openPage(browser, { width: 375, height: 812 });
    await signIn(manager.page, stack.webUrl, stack.users.manager.email, `/cases/${caseId}`);
    await signIn(technician.page, stack.webUrl, stack.users.technician.email, `/cases/${caseId}`);
    for (const { page } of [manager, technician]) {
      await caseHeader(page, 'OPEN').waitFor();
      await page.locator('.live[data-state="online"]').waitFor();
      await startEditing(page);
    }

    // The manager saves first: severity Critical.
    await manager.page.getByRole('combobox', { name: 'Severity' }).selectOption('CRITICAL');
    await manager.page.getByRole('button', { name: 'Save changes' }).click();
    await caseHeader(manager.page).getByText('Critical', { exact: true }).waitFor();
    // The technician, still typing, is told the case moved on (the live stream brought it).
    const t = technician.page;
    await t
      .getByText('Someone changed this case while you were editing.', { exact: false })
      .waitFor({ timeout: 2_000 });
    await caseHeader(t).getByText('Critical', { exact: true }).waitFor();

    // The technician saves the description on the old version: a conflict, shown.
    const mine = 'Chuck jaws slipping; a workpiece was thrown out once';
    await t.getByRole('textbox', { name: 'Description' }).fill(mine);
    await t.getByRole('button', { name: 'Save changes' }).click();
    const conflict = t.locator('section.conflict');
    await conflict.getByRole('heading', { name: 'Someone else changed this case' }).waitFor();
    expect(await t.evaluate(() => document.activeElement?.id)).toBe('conflict-title');
    expect(await cell(t, 'severity', 'before').innerText()).toBe('Medium');
    expect(await cell(t, 'severity', 'mine').innerText()).toBe('not changed by you');
    expect(await cell(t, 'severity', 'now').innerText()).toBe('Critical');
    expect(await cell(t, 'description', 'before').innerText()).toContain('Chuck jaws slipping');
    expect(await cell(t, 'description', 'mine').innerText()).toContain(mine);
    expect(await cell(t, 'description', 'now').innerText()).toContain('Chuck jaws slipping');
    expect(await conflict.getByText('Changed by both of you').count()).toBe(0);
    // Nothing was overwritten: the server has the manager's version.
    expect(await readCase(stack, caseId)).toMatchObject({
      severity: 'CRITICAL',
      description: 'Chuck jaws slipping',
      version: before.version + 1,
    });
    await expectUsable(t);
    await screenshot(t, 'conflict-phone');

    // One click: my change onto the current version.
    await conflict.getByRole('button', { name: 'Apply my changes to the current version' }).click();
    await conflict.waitFor({ state: 'detached', timeout: 2_000 });
    await t.locator('[data-description]').getByText(mine).waitFor();
    await manager.page.locator('[data-description]').getByText(mine).waitFor({ timeout: 2_000 });
    expect(await readCase(stack, caseId)).toMatchObject({
      severity: 'CRITICAL',
      description: mine,
      version: before.version + 2,
    });
    // Both edits are in the history, each with who.
    const edits = manager.page.locator('[data-event="FAULT_UPDATED"]');
    await edits.nth(1).waitFor();
    expect(await edits.allInnerTexts()).toEqual([
      expect.stringMatching(/severity Medium → Critical.*by Manager/s),
      expect.stringMatching(/description changed.*by Tom Technician/s),
    ]);
    await expectUsable(manager.page);

    for (const w of [manager, technician]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it('both change the description: the clash is marked, and the second person merges it before saving', async () => {
    const caseId = await openCase(stack, technicianToken, 'DRL-01', 'Belt squeals', 'LOW');
    const manager = await openPage(browser);
    const technician = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email, `/cases/${caseId}`);
    await signIn(technician.page, stack.webUrl, stack.users.technician.email, `/cases/${caseId}`);
    for (const { page } of [manager, technician]) {
      await caseHeader(page, 'OPEN').waitFor();
      await page.locator('.live[data-state="online"]').waitFor();
      await startEditing(page);
    }

    const theirs = 'Belt squeals at start-up; tension checked, OK';
    await technician.page.getByRole('textbox', { name: 'Description' }).fill(theirs);
    await technician.page.getByRole('button', { name: 'Save changes' }).click();
    await technician.page.locator('[data-description]').getByText(theirs).waitFor();

    const m = manager.page;
    const mine = 'Belt squeals and smells burnt';
    await m.getByRole('textbox', { name: 'Description' }).fill(mine);
    await m.getByRole('combobox', { name: 'Severity' }).selectOption('HIGH');
    await m.getByRole('button', { name: 'Save changes' }).click();
    const conflict = m.locator('section.conflict');
    await conflict.waitFor();
    await conflict
      .locator('tr[data-field="description"]')
      .getByText('Changed by both of you')
      .waitFor();
    expect(await cell(m, 'description', 'now').innerText()).toBe(theirs);
    expect(await cell(m, 'description', 'mine').innerText()).toBe(mine);
    expect(await cell(m, 'severity', 'mine').innerText()).toBe('High');
    await conflict
      .getByText('Applying your change replaces the current value', { exact: false })
      .waitFor();
    await expectUsable(m);
    await screenshot(m, 'conflict-desk');

    // Change it before saving: the form starts from the current case with my changes on it.
    await conflict.getByRole('button', { name: 'Change it before saving' }).click();
    const field = m.getByRole('textbox', { name: 'Description' });
    expect(await field.inputValue()).toBe(mine);
    expect(await m.getByRole('combobox', { name: 'Severity' }).inputValue()).toBe('HIGH');
    const merged = `${theirs}; smells burnt after 10 min`;
    await field.fill(merged);
    await m.getByRole('button', { name: 'Save changes' }).click();
    await m.locator('[data-description]').getByText(merged).waitFor();
    await technician.page
      .locator('[data-description]')
      .getByText(merged)
      .waitFor({ timeout: 2_000 });
    expect(await readCase(stack, caseId)).toMatchObject({ description: merged, severity: 'HIGH' });

    for (const w of [manager, technician]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it('a step on a page that missed a change: the case was assigned meanwhile; the step is re-applied after seeing it', async () => {
    const caseId = await openCase(stack, technicianToken, 'CNC-01', 'Coolant pump noisy', 'MEDIUM');
    const technician = await openPage(browser);
    const t = technician.page;
    // Hold back what the server pushes to this page for a moment: a page that has not heard
    // of a change yet (a slow network, a busy tablet), deterministically.
    let hold = false;
    const held: (string | Buffer)[] = [];
    let toPage: ((m: string | Buffer) => void) | null = null;
    await t.routeWebSocket(/\/graphql$/, (ws) => {
      const server = ws.connectToServer();
      toPage = (m) => ws.send(m);
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => (hold ? held.push(m) : ws.send(m)));
    });
    await signIn(t, stack.webUrl, stack.users.technician.email, `/cases/${caseId}`);
    await caseHeader(t, 'OPEN').waitFor();
    await t.locator('.live[data-state="online"]').waitFor();
    await t.locator('.assignee').getByText('Not assigned').waitFor();

    hold = true;
    await stack.gql(
      `mutation ($c: ID!, $u: ID!) { assignFaultCase(id: $c, assigneeId: $u) { id } }`,
      { c: caseId, u: stack.users.repair.id },
      stack.managerToken,
    );
    const version = (await readCase(stack, caseId)).version;
    // The page still shows the case unassigned; the technician acknowledges what they see.
    await t.getByRole('button', { name: 'Acknowledge' }).click();
    const conflict = t.locator('section.conflict');
    await conflict.waitFor();
    expect(await cell(t, 'assignee', 'before').innerText()).toBe('Not assigned');
    expect(await cell(t, 'assignee', 'now').innerText()).toBe('Rick Repair');
    expect(await cell(t, 'status', 'mine').innerText()).toBe('Acknowledged');
    expect(await cell(t, 'status', 'now').innerText()).toBe('Open');
    expect((await readCase(stack, caseId)).status).toBe('OPEN');
    await expectUsable(t);
    hold = false;
    for (const m of held.splice(0)) toPage!(m);

    await conflict.getByRole('button', { name: 'Acknowledge the current version' }).click();
    await conflict.waitFor({ state: 'detached' });
    await caseHeader(t, 'ACKNOWLEDGED').waitFor();
    expect(await readCase(stack, caseId)).toMatchObject({
      status: 'ACKNOWLEDGED',
      version: version + 1,
    });

    // The same page in German: every word from the catalogue, the layout holds.
    await t.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await t.getByRole('heading', { name: 'Störung an CNC Mill 1' }).waitFor();
    await caseHeader(t).getByText('Bestätigt', { exact: true }).waitFor();
    await t.getByRole('button', { name: 'Reparatur beginnen' }).waitFor();
    await expectUsable(t);
    await screenshot(t, 'case-desk-de');
    await t.getByRole('combobox', { name: 'Sprache' }).selectOption('en');

    expect(technician.problems).toEqual([]);
    await technician.context.close();
  });
});
