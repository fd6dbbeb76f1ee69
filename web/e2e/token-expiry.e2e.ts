import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, signIn, tile } from './support/browser.ts';
import { startStack, type Stack } from './support/stack.ts';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // Access tokens live 20 s: the server closes each board's socket (4401) every 20 s.
  stack = await startStack({ env: { ACCESS_TOKEN_TTL_SECONDS: '20' } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a signed-in board and an expiring access token', () => {
  it('keeps updating for 90 s with a 20 s token, in two tabs sharing one session', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.manager.email);
    // A second tab of the same browser: same refresh cookie, refreshing on its own timer.
    const second = await context.newPage();
    second.on('console', (m) => {
      if (m.type() === 'error') problems.push(`second tab: ${m.text()}`);
    });
    await second.goto(`${stack.webUrl}/`);
    const sessionEnds: number[] = [];
    for (const p of [page, second]) {
      p.on('websocket', (ws) => ws.on('close', () => sessionEnds.push(Date.now())));
      await tile(p, 'PRS-07').waitFor();
      await p.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    }

    const started = Date.now();
    const assets = ['PRS-07', 'CNC-01', 'LTH-02'];
    for (const [i, asset] of assets.entries()) {
      // 30 s, 60 s, 90 s in: each after at least one more token expiry.
      await sleep(Math.max(0, started + (i + 1) * 30_000 - Date.now()));
      const res = await stack.rest('POST', `/api/machines/${asset}/warnings/`, {
        message: `Check ${i}`,
        code: `CHECK_${i}`,
      });
      expect(res.status).toBe(201);
      for (const p of [page, second]) {
        // A socket closed at that instant is reopened and resumes from its cursor.
        await p.waitForSelector(`article.tile[data-asset="${asset}"][data-status="WARNING"]`, {
          timeout: 5_000,
        });
      }
    }

    // The sockets really were closed by expiry along the way, and the page never reloaded
    // nor went to the sign-in page.
    expect(sessionEnds.length).toBeGreaterThanOrEqual(4);
    for (const p of [page, second]) {
      expect(new URL(p.url()).pathname).toBe('/');
      expect(await p.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      await p.getByRole('button', { name: 'Sign out' }).waitFor();
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
