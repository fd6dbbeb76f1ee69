import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot, signIn, tile } from './support/browser.ts';
import { startStack, type Stack } from './support/stack.ts';

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

describe('the live board', () => {
  it("a sensor's REST POST turns the tile on another person's board within 1 s, without reload", async () => {
    const manager = await openPage(browser);
    const technician = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email);
    await signIn(technician.page, stack.webUrl, stack.users.technician.email);
    for (const p of [manager.page, technician.page]) {
      await tile(p, 'PRS-07').waitFor();
      await p.locator('.live[data-state="online"]').waitFor();
    }
    // A marker that a reload would wipe.
    await technician.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    const warning = await stack.rest('POST', '/api/machines/PRS-07/warnings/', {
      message: 'Oil temperature high',
      code: 'TEMP_HIGH',
    });
    expect(warning.status).toBe(201);
    await technician.page.waitForSelector(
      'article.tile[data-asset="PRS-07"][data-status="WARNING"]',
      {
        timeout: 1_000,
      },
    );
    await tile(technician.page, 'PRS-07').getByText('Oil temperature high').waitFor();
    // Journey 1: the sensor repeats the same condition; the tile shows the count rising
    // (repeats are no events: they come by their own notification), no second warning.
    for (let i = 0; i < 2; i++) {
      const repeat = await stack.rest('POST', '/api/machines/PRS-07/warnings/', {
        message: 'Oil temperature high',
        code: 'TEMP_HIGH',
      });
      expect(repeat.status).toBeLessThan(300);
    }
    await tile(technician.page, 'PRS-07').getByText('×3').waitFor({ timeout: 1_000 });
    expect(await tile(technician.page, 'PRS-07').getByText('Oil temperature high').count()).toBe(1);

    const fault = await stack.rest('POST', '/api/machines/CNC-01/faults/', {
      description: 'Spindle stalls',
      severity: 'High',
    });
    expect(fault.status).toBe(201);
    await technician.page.waitForSelector(
      'article.tile[data-asset="CNC-01"][data-status="FAULT"]',
      {
        timeout: 1_000,
      },
    );
    const cnc = tile(technician.page, 'CNC-01');
    await cnc.getByText('Not assigned').waitFor();
    await cnc.locator('time').waitFor();
    // The worst first: the fault leads the board, then the warning.
    const order = await technician.page
      .locator('article.tile')
      .evaluateAll((tiles) => tiles.slice(0, 2).map((t) => t.getAttribute('data-asset')));
    expect(order).toEqual(['CNC-01', 'PRS-07']);
    expect(
      await technician.page.evaluate(() => (window as unknown as { marker?: number }).marker),
    ).toBe(1);

    // The other board followed too.
    await manager.page.waitForSelector('article.tile[data-asset="CNC-01"][data-status="FAULT"]', {
      timeout: 1_000,
    });
    await screenshot(manager.page, 'board-desk');

    // Clearing the warning by sensor code brings the tile back to OK.
    const cleared = await stack.rest('DELETE', '/api/machines/PRS-07/warnings/?code=TEMP_HIGH');
    expect(cleared.status).toBe(200);
    await technician.page.waitForSelector('article.tile[data-asset="PRS-07"][data-status="OK"]', {
      timeout: 1_000,
    });

    expect(manager.problems).toEqual([]);
    expect(technician.problems).toEqual([]);
    await manager.context.close();
    await technician.context.close();
  });

  it('a filter link reproduces the view', async () => {
    await stack.rest('POST', '/api/machines/LTH-02/warnings/', {
      message: 'Chuck worn',
      code: 'CHUCK',
    });
    const { page, context, problems } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.manager.email);
    await tile(page, 'PRS-07').waitFor();

    // Choose the filters in the UI …
    await page.getByLabel('Search').fill('lathe');
    await page.getByRole('checkbox', { name: 'Warning' }).check();
    await page.waitForURL(/q=lathe/);
    const link = page.url();
    await tile(page, 'LTH-02').waitFor();
    expect(await page.locator('article.tile').count()).toBe(1);

    // … and the link alone shows the same view to someone else.
    const other = await openPage(browser);
    await signIn(
      other.page,
      stack.webUrl,
      stack.users.technician.email,
      new URL(link).pathname + new URL(link).search,
    );
    await tile(other.page, 'LTH-02').waitFor();
    expect(await other.page.locator('article.tile').count()).toBe(1);
    expect(await other.page.getByLabel('Search').inputValue()).toBe('lathe');
    expect(await other.page.getByRole('checkbox', { name: 'Warning' }).isChecked()).toBe(true);

    // A building chosen in the list is in the link too (by id).
    await page.goto(`${stack.webUrl}/`);
    await tile(page, 'PRS-07').waitFor();
    await page.getByLabel('Building').selectOption({ label: 'Hall A' });
    await page.waitForURL(/building=/);
    const hallLink = new URL(page.url());
    await other.page.goto(`${stack.webUrl}${hallLink.pathname}${hallLink.search}`);
    await tile(other.page, 'CNC-01').waitFor();
    const assets = await other.page
      .locator('article.tile')
      .evaluateAll((t) => t.map((e) => e.getAttribute('data-asset')));
    expect(assets.sort()).toEqual(['CNC-01', 'DRL-01', 'LTH-02']);

    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
    await context.close();
    await other.context.close();
  });

  it('works at phone width (375 px): nothing overflows sideways, filters fold away', async () => {
    const { page, context, problems } = await openPage(browser, { width: 375, height: 812 });
    await signIn(page, stack.webUrl, stack.users.technician.email);
    await tile(page, 'PRS-07').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    expect(await page.getByLabel('Building').isVisible()).toBe(false);
    await screenshot(page, 'board-phone');
    await page.getByText('Filters', { exact: true }).click();
    expect(await page.getByLabel('Building').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is usable by keyboard: filters reached with Tab and set with the keyboard', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.manager.email);
    await tile(page, 'PRS-07').waitFor();
    await page.getByLabel('Search').focus();
    await page.keyboard.type('prs');
    await page.keyboard.press('Tab'); // → the Fault toggle
    await page.keyboard.press('Tab'); // → the Warning toggle
    await page.keyboard.press('Tab'); // → the OK toggle
    await page.keyboard.press('Space');
    await page.waitForURL(/status=OK.*q=prs|q=prs.*status=OK/);
    const assets = await page
      .locator('article.tile')
      .evaluateAll((t) => t.map((e) => e.getAttribute('data-asset')));
    expect(assets.sort()).toEqual(['PRS-03', 'PRS-07']);
    expect(problems).toEqual([]);
    await context.close();
  });
});
