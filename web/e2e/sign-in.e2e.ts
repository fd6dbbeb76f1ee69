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

describe('sign-in, for each role', () => {
  const cases = [
    {
      who: 'manager',
      home: '/',
      nav: ['Board', 'Cases', 'Repair log', 'Reports', 'Admin', 'Displays'],
    },
    { who: 'technician', home: '/', nav: ['Board', 'My work', 'Cases', 'Repair log'] },
    { who: 'repair', home: '/my-work', nav: ['My work', 'Cases', 'Board'] },
  ] as const;

  for (const { who, home, nav } of cases) {
    it(`a ${who} signs in, lands on their home with their navigation, and signs out`, async () => {
      const { page, context, problems } = await openPage(browser);
      const user = stack.users[who];
      await signIn(page, stack.webUrl, user.email);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(home);
      const links = await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link')
        .allTextContents();
      expect(links.map((l) => l.trim())).toEqual(nav);
      await page.getByText(`${user.name} ·`).waitFor();
      // The board works for every role (repair staff land on their work).
      await page.goto(`${stack.webUrl}/`);
      await tile(page, 'PRS-07').waitFor();
      expect(await page.locator('article.tile').count()).toBe(stack.machines.length);

      // A reload keeps the session: the access token is gone, the HttpOnly cookie refreshes it.
      await page.reload();
      await tile(page, 'PRS-07').waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin/);
      // Signed out for real: a reload does not bring the board back.
      await page.goto(`${stack.webUrl}/`);
      await page.waitForURL(/\/signin/);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('a wrong password is refused with a message and no session', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${stack.webUrl}/signin`);
    await page.getByLabel('E-mail').fill(stack.users.manager.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('wrong');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await screenshot(page, 'sign-in-refused');
    await context.close();
  });

  it('after sign-in a deep link is followed back to where the person was going', async () => {
    const { page, context, problems } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.manager.email, '/?status=OK');
    expect(new URL(page.url()).search).toBe('?status=OK');
    await tile(page, 'PRS-07').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
