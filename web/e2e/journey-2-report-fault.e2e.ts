import type { Browser, Page } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from './support/axe.ts';
import { launch, openPage, screenshot, signIn } from './support/browser.ts';
import { createDisplayLink, createHall, openDisplay } from './support/display.ts';
import { startStack, type Stack } from './support/stack.ts';

// JOURNEYS.md, journey 2: "A technician sees the press stop. On a phone, they scan the QR
// label on the press, land on its page, tap "Report fault", pick severity HIGH, type
// "Hydraulic leak at main cylinder", submit. The wall screen in Hall B turns the tile red and
// starts a timer." Plus the machine page's other work and the label sheet that puts the QR
// code on the press in the first place.

let stack: Stack;
let browser: Browser;

const PHONE = { width: 375, height: 812 };

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The same QR modules as the page draws (lib/ui/QrCode.svelte), for an expected text. */
function qrPath(text: string): string {
  const qr = encode(text, { ecc: 'M', border: 2 });
  return qr.data
    .flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : '')))
    .join('');
}

async function qrPaths(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(`${selector} svg[role="img"] path`)
    .evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
}

async function machineId(assetCode: string): Promise<string> {
  return stack.machines.find((m) => m.assetCode === assetCode)!.id;
}

describe('journey 2: a technician reports a fault from the QR label', () => {
  it('on a phone: scan, three taps and a sentence; the Hall B wall screen turns the press red live', async () => {
    const link = await createDisplayLink(stack, 'Hall B wall', ['Hall B']);
    const wall = await openDisplay(browser, stack, link);
    await wall.page.locator('[data-asset="PRS-07"][data-status="OK"]').waitFor();
    expect(await accessibilityProblems(wall.page)).toEqual([]);

    // The label's address, as the camera app opens it; signing in leads back to it.
    const tech = await openPage(browser, PHONE);
    const { page } = tech;
    await signIn(page, stack.webUrl, stack.users.technician.email, '/m/PRS-07');
    expect(new URL(page.url()).pathname).toBe('/m/PRS-07');
    const machine = page.locator('article.machine[data-asset="PRS-07"]');
    await machine.waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Press 7');
    expect(await machine.getAttribute('data-status')).toBe('OK');
    await page.locator('.live[data-state="online"]').waitFor();
    expect(await page.title()).toBe('Press 7 · Shopfloor');
    // The label on the page encodes this very address.
    expect(await qrPaths(page, '.qr')).toEqual([qrPath(`${stack.webUrl}/m/PRS-07`)]);
    // A technician prints no labels and assigns nobody.
    expect(await page.getByRole('link', { name: 'Print label' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Change/ }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'journey2-machine-phone');

    // Tap 1: "Report fault" — the form opens with the severity in focus.
    await page.getByRole('button', { name: 'Report fault' }).click();
    const form = page.getByRole('form', { name: 'Report a fault' });
    await form.waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'MEDIUM',
    );
    // The choices are big enough for a thumb.
    const choice = await form.locator('label[data-severity="HIGH"]').boundingBox();
    expect(choice!.height).toBeGreaterThanOrEqual(48);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'journey2-report-form-phone');

    // Tap 2: severity HIGH; then the sentence; tap 3: submit.
    await form.getByRole('radio', { name: /High/ }).click();
    await form
      .getByRole('textbox', { name: 'What is wrong?' })
      .fill('Hydraulic leak at main cylinder');
    const sent = Date.now();
    await form.getByRole('button', { name: 'Report fault' }).click();

    // The wall screen in Hall B: the press's tile turns red, with a timer.
    const tile = wall.page.locator('article[data-asset="PRS-07"][data-status="FAULT"]');
    await tile.waitFor({ timeout: 2_000 });
    const onWall = Date.now() - sent;
    await tile.locator('time').waitFor();
    await tile.getByText('Not acknowledged').waitFor();
    expect(onWall).toBeLessThan(2_000);

    // The page shows the case it opened and the machine as it is now.
    await page.getByRole('status').filter({ hasText: 'Fault reported.' }).waitFor();
    expect(await form.count()).toBe(0);
    await page.locator('article.machine[data-status="FAULT"]').waitFor();
    const openCase = page.locator('section.open-case');
    await openCase.getByText('Severity: High').waitFor();
    await openCase.getByText('Not assigned yet').waitFor();
    const caseLink = page.locator('a.case[data-case-status="OPEN"]');
    await caseLink.getByText('Hydraulic leak at main cylinder').waitFor();
    const caseId = await caseLink.getAttribute('data-case');
    expect(await caseLink.getAttribute('href')).toBe(`/cases/${caseId}`);
    expect(await openCase.getByRole('link', { name: 'View the case' }).getAttribute('href')).toBe(
      `/cases/${caseId}`,
    );
    // The history says it in words, live: who and when.
    const timeline = page.locator('li[data-event]');
    await timeline
      .filter({ hasText: 'Fault reported, high severity: “Hydraulic leak at main cylinder”' })
      .filter({ hasText: 'by Tom Technician' })
      .waitFor();
    await timeline.filter({ hasText: 'Status changed from OK to Fault' }).waitFor();
    await page.locator('li[data-status-change="FAULT"]').waitFor();

    // The server recorded exactly that.
    const { faultCase } = await stack.gql<{
      faultCase: { severity: string; description: string; reportedBy: { name: string } };
    }>(
      `query ($id: ID!) { faultCase(id: $id) { severity description reportedBy { name } } }`,
      { id: caseId },
      stack.managerToken,
    );
    expect(faultCase).toEqual({
      severity: 'HIGH',
      description: 'Hydraulic leak at main cylinder',
      reportedBy: { name: 'Tom Technician' },
    });

    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'journey2-reported-phone');
    await screenshot(wall.page, 'journey2-wall-fault');
    expect(await accessibilityProblems(wall.page)).toEqual([]);
    expect(tech.problems).toEqual([]);
    expect(wall.problems).toEqual([]);
    await tech.context.close();
    await wall.context.close();
  });

  it('an empty description is refused at the field before anything is sent', async () => {
    const tech = await openPage(browser, PHONE);
    const { page } = tech;
    await signIn(page, stack.webUrl, stack.users.technician.email, '/m/CMP-01');
    await page.getByRole('button', { name: 'Report fault' }).click();
    const form = page.getByRole('form', { name: 'Report a fault' });
    const description = form.getByRole('textbox', { name: 'What is wrong?' });
    await description.fill('   ');
    await form.getByRole('button', { name: 'Report fault' }).click();
    await form.getByText('Required.').waitFor();
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('article.machine').getAttribute('data-status')).toBe('OK');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(tech.problems).toEqual([]);
    await tech.context.close();
  });

  it('at the desk: warnings with repeat counts arrive live, are cleared by hand; a manager assigns technicians; the history pages back', async () => {
    const manager = await openPage(browser);
    const { page } = manager;
    await signIn(page, stack.webUrl, stack.users.manager.email, '/m/PRS-03');
    await page.locator('article.machine[data-asset="PRS-03"]').waitFor();
    await page.locator('.live[data-state="online"]').waitFor();

    // A sensor reports a condition three times: one warning, counted.
    for (let i = 0; i < 3; i++) {
      const res = await stack.rest('POST', '/api/machines/PRS-03/warnings/', {
        message: 'Oil temperature high',
        code: 'TEMP_HIGH',
      });
      expect(res.status).toBeLessThan(300);
    }
    await page.locator('article.machine[data-status="WARNING"]').waitFor({ timeout: 2_000 });
    const warning = page.locator('li[data-warning]');
    await warning.locator('[data-repeat="3"]').waitFor({ timeout: 2_000 });
    expect(await warning.count()).toBe(1);
    await warning.getByText('Raised').filter({ hasText: 'by Line sensors' }).waitFor();
    await page
      .locator('li[data-event]')
      .filter({ hasText: 'Warning raised: “Oil temperature high” (TEMP_HIGH)' })
      .filter({ hasText: 'by Line sensors (connected system)' })
      .waitFor();

    // A warning by hand, then cleared by hand.
    await page.getByRole('button', { name: 'Raise warning' }).click();
    const raise = page.getByRole('form', { name: 'Raise a warning' });
    await raise.getByRole('textbox', { name: 'Warning' }).fill('Guard door sticks');
    await raise.getByRole('button', { name: 'Raise warning' }).click();
    await warning.filter({ hasText: 'Guard door sticks' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'machine-desk-warnings');
    await page.getByRole('button', { name: 'Clear the warning “Oil temperature high”' }).click();
    await page.getByRole('button', { name: 'Clear the warning “Guard door sticks”' }).click();
    await page.locator('article.machine[data-status="OK"]').waitFor();
    await page.getByText('No active warnings.').waitFor();
    await page.locator('li[data-status-change="OK"]').waitFor();

    // Technicians: the manager picks among the active ones.
    await page.getByRole('button', { name: 'Change Technicians' }).click();
    await page.getByRole('checkbox', { name: 'Tom Technician' }).check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const technicians = page.locator('section', {
      has: page.getByRole('heading', { name: 'Technicians' }),
    });
    await technicians.getByText('Tom Technician').waitFor();
    await page.locator('li[data-event]').filter({ hasText: '1 technician assigned by' }).waitFor();

    // Enough history for more than a page: the older part on request, each event once.
    for (let i = 0; i < 12; i++) {
      await stack.rest('POST', '/api/machines/PRS-03/warnings/', {
        message: `Spike ${i}`,
        code: 'SPIKE',
      });
      await stack.rest('DELETE', '/api/machines/PRS-03/warnings/?code=SPIKE');
    }
    const { machineEvents } = await stack.gql<{ machineEvents: { totalCount: number } }>(
      `query ($m: ID!) { machineEvents(filter: { machineIds: [$m] }) { totalCount } }`,
      { m: await machineId('PRS-03') },
      stack.managerToken,
    );
    expect(machineEvents.totalCount).toBeGreaterThan(40);
    // The live ones arrived, then a reload starts with the newest page only.
    await page.locator('li[data-event]').filter({ hasText: 'Spike 11' }).first().waitFor();
    await page.reload();
    await page.locator('li[data-event]').first().waitFor();
    expect(await page.locator('li[data-event]').count()).toBe(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.locator('li[data-event]').count()).toBe(40);
    const ids = await page
      .locator('li[data-event]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-event'))));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await screenshot(page, 'machine-desk');

    expect(manager.problems).toEqual([]);
    await manager.context.close();
  });

  it('repair staff may clear a warning but not report or raise; an unknown code says so plainly', async () => {
    await stack.rest('POST', '/api/machines/DRL-01/warnings/', {
      message: 'Belt slipping',
      code: 'BELT',
    });
    const repair = await openPage(browser, PHONE);
    const { page } = repair;
    await signIn(page, stack.webUrl, stack.users.repair.email, '/m/DRL-01');
    await page.locator('article.machine[data-status="WARNING"]').waitFor();
    expect(await page.getByRole('button', { name: 'Report fault' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Raise warning' }).count()).toBe(0);
    await page.getByText('No fault cases of this machine are assigned to you.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear the warning “Belt slipping”' }).click();
    await page.locator('article.machine[data-status="OK"]').waitFor();

    await page.goto(`${stack.webUrl}/m/NOPE-99`);
    await page.getByRole('heading', { name: 'No machine has the code “NOPE-99”.' }).waitFor();
    await page.getByRole('link', { name: 'Go to the board' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'machine-not-found-phone');
    // A missing machine is an answer, not a failure of the page.
    expect(repair.problems).toEqual([]);
    await repair.context.close();
  });
});

describe('label sheet', () => {
  it('a manager goes from the board to the labels of a building: one label per machine, each QR its page; prints on A4 or Letter', async () => {
    const hall = await createHall(stack, 'Hall L', 'LBL', 14);
    const { buildings } = await stack.gql<{ buildings: { id: string; name: string }[] }>(
      `{ buildings { id name } }`,
      {},
      stack.managerToken,
    );
    const hallL = buildings.find((b) => b.name === 'Hall L')!;

    const manager = await openPage(browser);
    const { page } = manager;
    await signIn(page, stack.webUrl, stack.users.manager.email, `/?building=${hallL.id}`);
    await page.locator('article.tile[data-asset="LBL-1"]').waitFor();
    await page.getByRole('link', { name: 'Print labels' }).click();
    await page.waitForURL(/\/labels\?building=/);
    expect(new URL(page.url()).searchParams.get('building')).toBe(hallL.id);

    const labels = page.locator('li.label');
    await labels.first().waitFor();
    expect(
      (await labels.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).sort(),
    ).toEqual([...hall].sort());
    await page.getByText('14 labels on 2 pages').waitFor();
    // Each QR code is that machine's page, and the code is written under it.
    for (const code of ['LBL-1', 'LBL-14']) {
      const label = page.locator(`li.label[data-label="${code}"]`);
      expect(await qrPaths(page, `li.label[data-label="${code}"]`)).toEqual([
        qrPath(`${stack.webUrl}/m/${code}`),
      ]);
      await label.getByText(code, { exact: true }).waitFor();
      await label.getByText(`Hall L machine ${code.slice(4)}`, { exact: true }).waitFor();
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'labels-desk');

    // The Print button asks the browser to print.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // On paper: no app frame, 3 × 4 labels a page, the page size from the choice — Letter
    // for a browser in the United States, as this one is.
    const paper = page.getByRole('combobox', { name: 'Paper' });
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    expect(await paper.inputValue()).toBe('letter');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await paper.isVisible()).toBe(false);
    const sizes = await labels.evaluateAll((els) =>
      els.slice(0, 4).map((e) => {
        const r = e.getBoundingClientRect();
        return [Math.round(r.width), Math.round(r.height)];
      }),
    );
    // 60 × 62 mm at 96 dpi.
    expect(sizes).toEqual(Array(4).fill([227, 234]));
    await screenshot(page, 'labels-print');
    const letter = await page.pdf({ preferCSSPageSize: true });
    expect(pdfPages(letter)).toEqual({ count: 2, width: 612, height: 792 });
    await page.emulateMedia({ media: 'screen' });

    await paper.selectOption('a4');
    await page.waitForURL(/paper=a4/);
    // The choice of paper reads nothing again: the sheet stays.
    expect(await labels.count()).toBe(14);
    const a4 = await page.pdf({ preferCSSPageSize: true });
    expect(pdfPages(a4)).toEqual({ count: 2, width: 595, height: 842 });

    expect(manager.problems).toEqual([]);
    await manager.context.close();
  });

  it("a machine page's Print label leads to a sheet of that one machine", async () => {
    const manager = await openPage(browser, PHONE);
    const { page } = manager;
    await signIn(page, stack.webUrl, stack.users.manager.email, '/m/LTH-02');
    await page.getByRole('link', { name: 'Print label' }).click();
    await page.waitForURL(new RegExp(`/labels\\?machines=${await machineId('LTH-02')}`));
    await page.locator('li.label[data-label="LTH-02"]').waitFor();
    expect(await page.locator('li.label').count()).toBe(1);
    await page.getByText('1 label on 1 page').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'labels-one-phone');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'labels-one-print');
    expect(manager.problems).toEqual([]);
    await manager.context.close();
  });
});

/** Pages of a PDF Chromium wrote, and the first page's size in points. */
function pdfPages(pdf: Buffer): { count: number; width: number; height: number } {
  const text = pdf.toString('latin1');
  const count = (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { count, width: Math.round(Number(box?.[1])), height: Math.round(Number(box?.[2])) };
}
