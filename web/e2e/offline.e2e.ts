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

describe('a board that loses the network', () => {
  it('says so, keeps the last state, and catches up on what changed meanwhile', async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.manager.email);
    await tile(page, 'PRS-07').waitFor();
    await page.locator('.live[data-state="online"]').waitFor();

    await context.setOffline(true);
    await page.locator('.live[data-state="offline"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('.live').textContent()).toContain('Offline since');
    // The last known board stays readable.
    expect(await page.locator('article.tile').count()).toBe(stack.machines.length);
    await screenshot(page, 'board-offline');

    const res = await stack.rest('POST', '/api/machines/PRS-03/warnings/', {
      message: 'Belt slips',
    });
    expect(res.status).toBe(201);

    await context.setOffline(false);
    await page.locator('.live[data-state="online"]').waitFor({ timeout: 30_000 });
    // Replayed from the cursor after reconnecting, without a reload.
    await page.waitForSelector('article.tile[data-asset="PRS-03"][data-status="WARNING"]', {
      timeout: 10_000,
    });
    await context.close();
  });
});
