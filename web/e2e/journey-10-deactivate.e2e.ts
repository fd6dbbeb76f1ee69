import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launch, openPage, signIn } from './support/browser.ts';
import { look, PHONE } from './support/look.ts';
import { PASSWORD, startStack, type Stack } from './support/stack.ts';

// Journey 10, someone leaves: the manager deactivates a user; that user's open sessions and
// sockets stop working at once, and their history stays attributed to them.

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

describe('journey 10: someone leaves', () => {
  it("deactivation ends the technician's open session on their phone; they cannot sign in again", async () => {
    const tom = stack.users.technician;
    // Tom's history: a warning he raised on the mill, from a script session he then ended.
    const { login } = await stack.gql<{ login: { accessToken: string; refreshToken: string } }>(
      `mutation ($e: String!, $p: String!) {
        login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken refreshToken } }`,
      { e: tom.email, p: PASSWORD },
    );
    const cnc = stack.machines.find((m) => m.assetCode === 'CNC-01')!;
    await stack.gql(
      `mutation ($m: ID!) { raiseWarning(input: { machineId: $m, message: "Coolant low" }) { id } }`,
      { m: cnc.id },
      login.accessToken,
    );
    await stack.gql('mutation ($r: String) { logout(refreshToken: $r) }', {
      r: login.refreshToken,
    });
    const phone = await openPage(browser, PHONE);
    await signIn(phone.page, stack.webUrl, tom.email);
    await phone.page.locator('.live[data-state="online"]').waitFor();

    const desk = await openPage(browser);
    for (const p of [phone, desk]) {
      p.page.setDefaultTimeout(10_000);
    }
    onTestFailed(async () => {
      await desk.page.screenshot({ path: '/tmp/j10-desk-fail.png', fullPage: true });
      await phone.page.screenshot({ path: '/tmp/j10-phone-fail.png', fullPage: true });
      console.log('failed at', desk.page.url(), phone.page.url(), desk.problems, phone.problems);
    });
    await signIn(desk.page, stack.webUrl, stack.users.manager.email, '/admin/users');
    const row = desk.page.locator(`li[data-user="${tom.email}"]`);
    await row.waitFor();
    await look(desk.page, 'admin-users');

    // The manager is told what will happen before anything does.
    await row.getByRole('button', { name: `Deactivate… ${tom.name}` }).click();
    const confirm = desk.page.getByRole('dialog', { name: `Deactivate ${tom.name}?` });
    await confirm.waitFor();
    await confirm.getByText('They are taken off 1 machine they are responsible for:').waitFor();
    await confirm.getByText('CNC Mill 1 (CNC-01)').waitFor();
    await look(desk.page, 'admin-user-deactivate-confirm');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();

    // What the server says it did.
    const outcome = row.getByRole('status');
    await outcome.getByText(`${tom.name} is deactivated.`).waitFor();
    expect(await outcome.textContent()).toContain(
      'Their 1 open session ended at once (live screens included); they can no longer sign in.',
    );
    await outcome.getByText('They were taken off 1 machine:').waitFor();
    expect(await outcome.getByRole('link', { name: 'CNC Mill 1' }).getAttribute('href')).toMatch(
      /^\/admin\/machines\/[0-9a-f-]+$/,
    );
    await outcome.getByText('Their history stays in the log under their name.').waitFor();
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await look(desk.page, 'admin-user-deactivated');

    // On the phone: the live board's socket is closed, the session is over, it lands on the
    // sign-in page with a message, without anyone touching it.
    await phone.page.waitForURL(/\/signin/, { timeout: 15_000 });
    await phone.page.getByText('Your session ended. Please sign in again.').waitFor();
    await look(phone.page, 'deactivated-phone-signin');

    // And they cannot come back.
    await phone.page.getByLabel('E-mail').fill(tom.email);
    await phone.page.getByLabel('Password').fill(PASSWORD);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page
      .getByText('E-mail or password is wrong, or the account is not active.')
      .waitFor();
    expect(new URL(phone.page.url()).pathname).toBe('/signin');

    // Their history stays theirs: the warning they raised still names them, and the
    // assignment they had is in the machine's log.
    const warnings = await stack.gql<{ warnings: { nodes: { raisedBy: { name: string } }[] } }>(
      `query ($m: ID!) { warnings(filter: { machineIds: [$m] }) { nodes { raisedBy { name } } } }`,
      { m: cnc.id },
      stack.managerToken,
    );
    expect(warnings.warnings.nodes.map((w) => w.raisedBy.name)).toEqual([tom.name]);
    const log = await stack.gql<{
      machineEvents: { nodes: { type: string; data: Record<string, unknown> }[] };
    }>(
      `query ($id: ID!) { machineEvents(filter: { machineIds: [$id], types: [TECHNICIANS_ASSIGNED] }) {
        nodes { type data } } }`,
      { id: cnc.id },
      stack.managerToken,
    );
    expect(log.machineEvents.nodes.map((n) => n.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ removedTechnicianId: tom.id, reason: 'deactivated' }),
        expect.objectContaining({ technicianIds: [tom.id] }),
      ]),
    );

    expect(desk.problems).toEqual([]);
    // The phone's failed sign-in is answered 200 with an error; nothing else may complain.
    expect(phone.problems).toEqual([]);
    await phone.context.close();
    await desk.context.close();
  });

  it('the last active manager is told so in words, and nothing changes', async () => {
    const { page, context, problems } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, stack.webUrl, stack.users.manager.email, '/admin/users');
    const me = page.locator(`li[data-user="${stack.users.manager.email}"]`);
    await me.getByText('(you)').waitFor();

    await me.getByRole('button', { name: /^Deactivate… / }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('This is you: you are signed out at once.').waitFor();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    const refused = me.getByRole('alert');
    await refused
      .getByText(
        'You are the last active manager: nobody else could manage people. Make someone else a manager first.',
      )
      .waitFor();
    await look(page, 'admin-user-last-manager');

    await me.getByRole('combobox', { name: /^Role of / }).selectOption({ label: 'Technician' });
    await me.getByRole('button', { name: /^Change role/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Change role' }).click();
    await refused.getByText(/You are the last active manager/).waitFor();

    // Still a manager, still signed in.
    const { users } = await stack.gql<{ users: { nodes: { role: string; active: boolean }[] } }>(
      `query ($s: String) { users(filter: { search: $s }) { nodes { role active } } }`,
      { s: stack.users.manager.email },
      stack.managerToken,
    );
    expect(users.nodes).toEqual([{ role: 'MANAGER', active: true }]);
    await page.reload();
    await me.waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
