import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot, signIn } from './support/browser.ts';
import {
  assignCase,
  caseHeader,
  expectUsable,
  openCase,
  readCase,
  tokenFor,
} from './support/cases.ts';
import { createDisplayLink, onDisplay, openDisplay } from './support/display.ts';
import { accessibilityProblems } from './support/axe.ts';
import { startStack, type Stack } from './support/stack.ts';

// Journey 4: the repair worker, on a phone, acknowledges the case, starts the repair, adds a
// note and resolves it; the press turns OK everywhere (WARNING while a warning is still
// active). The manager follows the same case at a desk, the board and the hall's wall screen
// follow the machine — all live, nobody reloads.

let stack: Stack;
let browser: Browser;
let technicianToken: string;

const PHONE = { width: 375, height: 812 };

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
  technicianToken = await tokenFor(stack, stack.users.technician.email);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Marks the page so that a reload (which wipes the mark) would be noticed. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
}

describe('journey 4: repair', () => {
  it('acknowledge, start, note, resolve on a phone: the press turns OK on the case page, the board and the wall screen', async () => {
    const caseId = await openCase(
      stack,
      technicianToken,
      'PRS-07',
      'Hydraulic leak at main cylinder',
      'HIGH',
    );
    await assignCase(stack, caseId, stack.users.repair.id);

    // The hall's wall screen and a board at a desk, watching the press.
    const link = await createDisplayLink(stack, 'Hall B wall', ['Hall B']);
    const screen = await openDisplay(browser, stack, link);
    await screen.page.locator('article[data-asset="PRS-07"][data-status="FAULT"]').waitFor();
    const board = await openPage(browser);
    await signIn(board.page, stack.webUrl, stack.users.technician.email);
    await board.page.locator('article.tile[data-asset="PRS-07"][data-status="FAULT"]').waitFor();
    await board.page.locator('.live[data-state="online"]').waitFor();

    // The manager follows the case at the desk.
    const manager = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email, `/cases/${caseId}`);
    await caseHeader(manager.page, 'OPEN').waitFor();
    await manager.page.locator('.live[data-state="online"]').waitFor();
    await mark(manager.page);

    // The repair worker opens the case on the phone.
    const repair = await openPage(browser, PHONE);
    await signIn(repair.page, stack.webUrl, stack.users.repair.email, `/cases/${caseId}`);
    const p = repair.page;
    await p.getByRole('heading', { name: 'Fault on Press 7' }).waitFor();
    await p.locator('.live[data-state="online"]').waitFor();
    await mark(p);
    const header = caseHeader(p, 'OPEN');
    await header.getByText('Open', { exact: true }).waitFor();
    await header.getByText('High', { exact: true }).waitFor();
    await header.getByText(/Tom Technician, /).waitFor();
    await header.locator('.assignee').getByText('Rick Repair').waitFor();
    await header.locator('[data-machine-status="FAULT"]').waitFor();
    await header.locator('.timer time').waitFor();
    expect(await header.getByRole('link', { name: 'Press 7' }).getAttribute('href')).toBe(
      '/m/PRS-07',
    );
    // Acknowledge is the next step, and resolving is possible; nothing a repair worker may not.
    expect(await p.locator('section.actions').getAttribute('data-actions')).toBe(
      'acknowledge resolve',
    );
    expect(await p.getByRole('button', { name: 'Edit description and severity' }).count()).toBe(0);
    await p.getByText('Reported, severity High').waitFor();
    await expectUsable(p);
    await screenshot(p, 'case-phone-open');

    // Acknowledge: the owner is known everywhere.
    await p.getByRole('button', { name: 'Acknowledge' }).click();
    await caseHeader(p, 'ACKNOWLEDGED').waitFor({ timeout: 2_000 });
    await caseHeader(manager.page, 'ACKNOWLEDGED').waitFor({ timeout: 2_000 });
    await manager.page
      .locator('[data-event="FAULT_ACKNOWLEDGED"]')
      .getByText('by Rick Repair')
      .waitFor({ timeout: 2_000 });
    await onDisplay(screen.page, 'PRS-07').getByText('Rick Repair').waitFor({ timeout: 2_000 });

    // Start the repair.
    await p.getByRole('button', { name: 'Start repair' }).click();
    await caseHeader(p, 'IN_PROGRESS').waitFor({ timeout: 2_000 });
    await caseHeader(manager.page, 'IN_PROGRESS').waitFor({ timeout: 2_000 });
    expect(await p.locator('section.actions').getAttribute('data-actions')).toBe('resolve');

    // A note from the phone reaches the manager's page at once, and the answer comes back.
    const finding = 'Seal at the main cylinder is worn; replacing it.';
    await p.getByLabel('Add a note').fill(finding);
    await p.getByRole('button', { name: 'Add note' }).click();
    await p.locator('.thread').getByText(finding).waitFor({ timeout: 2_000 });
    expect(await p.getByLabel('Add a note').inputValue()).toBe('');
    await manager.page.locator('.thread').getByText(finding).waitFor({ timeout: 2_000 });
    const reply = 'A spare seal is in cabinet 3.';
    await manager.page.getByLabel('Add a note').fill(reply);
    await manager.page.getByRole('button', { name: 'Add note' }).click();
    await p.locator('.thread').getByText(reply).waitFor({ timeout: 2_000 });
    await p
      .locator('[role="status"][aria-live="polite"]')
      .getByText(`New note from ${stack.users.manager.name}`)
      .waitFor();
    await expectUsable(p);
    await screenshot(p, 'case-phone-in-progress');

    // Resolve with a resolution note.
    await p.getByRole('button', { name: 'Resolve…' }).click();
    await p
      .getByLabel('What was done')
      .fill('Replaced the cylinder seal; pressure test at 200 bar OK.');
    await p.getByRole('button', { name: 'Resolve case' }).click();
    await caseHeader(p, 'RESOLVED').waitFor({ timeout: 2_000 });
    await p.locator('[data-machine-status="OK"]').waitFor({ timeout: 2_000 });
    await p.locator('[data-resolution]').getByText('pressure test at 200 bar OK').waitFor();
    await caseHeader(p, 'RESOLVED').getByText('Resolved after').waitFor();
    expect(await p.locator('section.actions').getAttribute('data-actions')).toBe('');

    // … and everywhere else, live.
    await caseHeader(manager.page, 'RESOLVED').waitFor({ timeout: 2_000 });
    await manager.page.locator('[data-machine-status="OK"]').waitFor({ timeout: 2_000 });
    await board.page
      .locator('article.tile[data-asset="PRS-07"][data-status="OK"]')
      .waitFor({ timeout: 2_000 });
    await screen.page
      .locator('[data-asset="PRS-07"][data-status="OK"]')
      .waitFor({ timeout: 2_000 });

    // Every step with who and when.
    const history = manager.page.locator('section.history');
    for (const [event, text] of [
      ['FAULT_OPENED', 'by Tom Technician'],
      ['FAULT_ASSIGNED', `by ${stack.users.manager.name}`],
      ['FAULT_ACKNOWLEDGED', 'by Rick Repair'],
      ['FAULT_STARTED', 'by Rick Repair'],
      ['FAULT_RESOLVED', 'by Rick Repair'],
    ] as const) {
      await history.locator(`[data-event="${event}"]`).getByText(text).waitFor();
    }
    await history.getByText('Assigned to Rick Repair').waitFor();
    await expectUsable(manager.page);
    await screenshot(manager.page, 'case-desk-resolved');
    await expectUsable(p);
    await screenshot(p, 'case-phone-resolved');
    expect(await accessibilityProblems(board.page)).toEqual([]);
    expect(await accessibilityProblems(screen.page)).toEqual([]);

    // The server agrees; nothing was reloaded.
    const truth = await readCase(stack, caseId);
    expect(truth).toMatchObject({ status: 'RESOLVED', machine: { status: 'OK' } });
    expect(truth.notes.map((n) => n.body)).toEqual([finding, reply]);
    await expectNotReloaded(p);
    await expectNotReloaded(manager.page);

    for (const w of [repair, manager, board, screen]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it('with a warning still active, the resolved press shows WARNING; it turns OK when the sensor clears', async () => {
    const warning = await stack.rest('POST', '/api/machines/PRS-03/warnings/', {
      message: 'Oil temperature high',
      code: 'OIL_TEMP',
    });
    expect(warning.status).toBe(201);
    const caseId = await openCase(
      stack,
      technicianToken,
      'PRS-03',
      'Ram does not return',
      'CRITICAL',
    );
    await assignCase(stack, caseId, stack.users.repair.id);

    const board = await openPage(browser);
    await signIn(board.page, stack.webUrl, stack.users.manager.email);
    await board.page.locator('article.tile[data-asset="PRS-03"][data-status="FAULT"]').waitFor();
    await board.page.locator('.live[data-state="online"]').waitFor();

    const repair = await openPage(browser, PHONE);
    await signIn(repair.page, stack.webUrl, stack.users.repair.email, `/cases/${caseId}`);
    const p = repair.page;
    await caseHeader(p, 'OPEN').waitFor();
    await p.locator('.live[data-state="online"]').waitFor();
    await caseHeader(p).getByText('Oil temperature high').waitFor();
    await caseHeader(p).getByText('Critical', { exact: true }).waitFor();

    await p.getByRole('button', { name: 'Acknowledge' }).click();
    await caseHeader(p, 'ACKNOWLEDGED').waitFor({ timeout: 2_000 });
    await p.getByRole('button', { name: 'Start repair' }).click();
    await caseHeader(p, 'IN_PROGRESS').waitFor({ timeout: 2_000 });
    await p.getByRole('button', { name: 'Resolve…' }).click();
    await p.getByLabel('What was done').fill('Return valve cleaned.');
    await p.getByRole('button', { name: 'Resolve case' }).click();

    await caseHeader(p, 'RESOLVED').waitFor({ timeout: 2_000 });
    await p.locator('[data-machine-status="WARNING"]').waitFor({ timeout: 2_000 });
    await board.page
      .locator('article.tile[data-asset="PRS-03"][data-status="WARNING"]')
      .waitFor({ timeout: 2_000 });
    await expectUsable(p);
    await screenshot(p, 'case-phone-resolved-warning');

    // The machine's stream goes on: the sensor clears, the page shows OK without a case event.
    const cleared = await stack.rest('DELETE', '/api/machines/PRS-03/warnings/?code=OIL_TEMP');
    expect(cleared.status).toBe(200);
    await p.locator('[data-machine-status="OK"]').waitFor({ timeout: 2_000 });
    expect(await readCase(stack, caseId)).toMatchObject({
      status: 'RESOLVED',
      machine: { status: 'OK' },
    });

    for (const w of [repair, board]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it("a repair worker who is not assigned reads that it is someone else's case", async () => {
    const caseId = await openCase(stack, technicianToken, 'LTH-02', 'Chuck worn', 'LOW');
    const repair = await openPage(browser, PHONE);
    await signIn(repair.page, stack.webUrl, stack.users.repair.email, `/cases/${caseId}`);
    await repair.page.getByText('This case is assigned to someone else.').waitFor();
    await expectUsable(repair.page);
    // The FORBIDDEN answer is the page's message, not a console error.
    expect(repair.problems).toEqual([]);
    await repair.context.close();
  });
});
