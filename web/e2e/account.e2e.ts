import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from './support/axe.ts';
import { launch, openPage, screenshot, signIn } from './support/browser.ts';
import { PASSWORD, startStack, type Stack } from './support/stack.ts';

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

/** A person of our own, so changing their password cannot disturb another test. */
async function newTechnician(label: string): Promise<string> {
  const email = `${label}-${Date.now()}@plant.example`;
  await stack.gql(
    `mutation ($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    { i: { name: `Tess ${label}`, email, role: 'TECHNICIAN', password: PASSWORD } },
    stack.managerToken,
  );
  return email;
}

async function signInAs(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${stack.webUrl}/account`);
  await page.waitForURL(/\/signin/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/account');
}

describe('the account page', () => {
  it('switches the whole app to German and back, without a reload, and keeps the choice', async () => {
    const { page, problems } = await openPage(browser, { width: 375, height: 800 });
    await signIn(page, stack.webUrl, stack.users.technician.email, '/account');
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    await page.getByRole('radio', { name: 'Deutsch' }).check();
    await page.getByRole('heading', { name: 'Konto' }).waitFor();
    await page.getByRole('navigation', { name: 'Hauptmenü' }).getByText('Übersicht').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await screenshot(page, 'account-de-phone');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: 'Konto' }).waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('refuses a wrong current password at its field, keeps what was typed, then changes it and ends the other sessions', async () => {
    const email = await newTechnician('pw');
    const here = await openPage(browser);
    const elsewhere = await openPage(browser);
    await signInAs(here.page, email);
    await signInAs(elsewhere.page, email);
    const { page } = here;

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('a brand new long passphrase');
    await page.getByLabel('New password again').fill('a brand new long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The current password is wrong').waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(
      'a brand new long passphrase',
    );
    expect(await accessibilityProblems(page)).toEqual([]);

    // Two different new passwords are caught before anything is sent.
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password again').fill('something else entirely');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords differ.').waitFor();

    await page.getByLabel('New password again').fill('a brand new long passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await screenshot(page, 'account-password-changed');

    // This browser stays signed in on its new session; the other one is signed out.
    await page.goto(`${stack.webUrl}/`);
    await page.locator('article.tile').first().waitFor();
    await elsewhere.page.goto(`${stack.webUrl}/account`);
    await elsewhere.page.waitForURL(/\/signin/);
    // The new password works, the old one no longer does.
    await elsewhere.page.getByLabel('E-mail').fill(email);
    await elsewhere.page.getByLabel('Password').fill(PASSWORD);
    await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.page.getByText('E-mail or password is wrong').waitFor();
    await elsewhere.page.getByLabel('Password').fill('a brand new long passphrase');
    await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.page.waitForURL((url) => url.pathname === '/account');
    expect(here.problems).toEqual([]);
  });

  it('signs out everywhere: this browser and every other one land on the sign-in page', async () => {
    const email = await newTechnician('all');
    const here = await openPage(browser);
    const elsewhere = await openPage(browser);
    await signInAs(here.page, email);
    await signInAs(elsewhere.page, email);
    await elsewhere.page.goto(`${stack.webUrl}/`);
    await elsewhere.page.locator('.live[data-state="online"]').waitFor();

    here.page.once('dialog', (dialog) => void dialog.accept());
    await here.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await here.page.waitForURL(/\/signin/);
    // The other browser's live socket is closed by the server and its refresh refused.
    await elsewhere.page.waitForURL(/\/signin/, { timeout: 30_000 });
    expect(here.problems).toEqual([]);
  });
});
