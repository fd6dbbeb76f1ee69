import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launch, openPage, signIn } from './support/browser.ts';
import { look } from './support/look.ts';
import { startStack, type Stack } from './support/stack.ts';

// Journey 9, housekeeping: the manager adds a new CNC machine, assigns two technicians,
// archives the old lathe (its history stays), creates an API client for the new gateway
// limited to Hall B, and a display link for the new wall screen.

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

/** A section of the admin area, through its own navigation. */
async function section(page: Page, name: string) {
  const link = page
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name, exact: true });
  const href = await link.getAttribute('href');
  await link.click();
  // The previous section may have fields of the same name: wait until this one is shown.
  await page.waitForURL((url) => url.pathname === href);
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

/** The accessible description of a field: its hint and its error, as a screen reader hears. */
async function description(page: Page, label: string | RegExp) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('journey 9: housekeeping', () => {
  it('new machine, two technicians, old lathe archived, a gateway for Hall B, a display link', async () => {
    const { page, context, problems } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    onTestFailed(async () => {
      await page.screenshot({ path: '/tmp/j9-fail.png', fullPage: true });
      console.log('failed at', page.url(), problems);
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: stack.webUrl,
    });
    await signIn(page, stack.webUrl, stack.users.manager.email, '/admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await page.getByText('6 machines').waitFor();
    await page.getByText('3 buildings').waitFor();
    await look(page, 'admin-overview');

    // Buildings: a name that exists in another case is refused at the field, typing kept.
    await section(page, 'Buildings');
    await page.getByRole('heading', { level: 1, name: 'Buildings' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('hall b');
    await page.getByRole('button', { name: 'Add building' }).click();
    await page.getByText('"Hall B" already exists').waitFor();
    expect(await description(page, 'Name')).toContain('"Hall B" already exists');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('hall b');
    await look(page, 'admin-buildings-conflict');
    await page.getByLabel('Name', { exact: true }).fill('Hall D');
    await page.getByRole('button', { name: 'Add building' }).click();
    await page.getByText('Building "Hall D" added.').waitFor();
    // Renamed in place: the new wing gets its real name.
    const hallD = page.locator('li', { has: page.getByText('Hall D', { exact: true }) });
    await hallD.getByRole('button', { name: 'Rename Hall D' }).click();
    await page.getByLabel('New name for Hall D').fill('Hall D (new wing)');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('"Hall D" is now called "Hall D (new wing)".').waitFor();
    await look(page, 'admin-buildings');

    // People: a second technician. A too common password is refused at its field.
    await section(page, 'People');
    await page.getByRole('link', { name: 'Add person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    await page.getByLabel('Full name').fill('Tina Turner');
    await page.getByLabel('E-mail').fill('tina@e2e.test');
    await page.getByLabel('Role').selectOption({ label: 'Technician' });
    await page.getByLabel('Initial password').fill('password');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByText('Too common and easy to guess; choose another.').waitFor();
    expect(await page.getByLabel('Full name').inputValue()).toBe('Tina Turner');
    expect(await page.getByLabel('E-mail').inputValue()).toBe('tina@e2e.test');
    await look(page, 'admin-user-new-refused');
    await page.getByLabel('Initial password').fill('lathe chips in the coffee');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page
      .getByText('Tina Turner can now sign in with tina@e2e.test and the initial password you set.')
      .waitFor();

    // Machines: the new CNC machine in Hall B.
    await section(page, 'Machines');
    await page.locator('li[data-asset="PRS-07"]').waitFor();
    await look(page, 'admin-machines');
    await page.getByRole('link', { name: 'Add machine' }).click();
    await page.getByRole('heading', { level: 1, name: 'New machine' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('CNC Mill 2');
    await page.getByLabel(/^Asset code/).fill('CNC-02');
    await page.getByLabel('Building', { exact: true }).selectOption({ label: 'Hall B' });
    await page.getByLabel(/^Place in the building/).fill('Line 2');
    await page.getByLabel('Importance', { exact: true }).selectOption({ label: '4 – high' });
    await look(page, 'admin-machine-new');
    await page.getByRole('button', { name: 'Add machine' }).click();
    await page.waitForURL(/\/admin\/machines\/[0-9a-f-]+\?created=1$/);
    await page.getByText('"CNC Mill 2" is added.', { exact: false }).waitFor();

    // Two technicians.
    await page.getByRole('checkbox', { name: /Tom Technician/ }).check();
    await page.getByRole('checkbox', { name: /Tina Turner/ }).check();
    await page.getByRole('button', { name: 'Save technicians' }).click();
    await page.getByText('Saved: 2 technicians responsible.').waitFor();
    await look(page, 'admin-machine-created');
    const cnc2 = await stack.gql<{
      machine: { building: { name: string }; importance: number; technicians: { name: string }[] };
    }>(
      '{ machine(assetCode: "CNC-02") { building { name } importance technicians { name } } }',
      {},
      stack.managerToken,
    );
    expect(cnc2.machine.building.name).toBe('Hall B');
    expect(cnc2.machine.importance).toBe(4);
    expect(cnc2.machine.technicians.map((t) => t.name).sort()).toEqual([
      'Tina Turner',
      'Tom Technician',
    ]);

    // The old lathe: refused while its fault case is open, named with a link to the case.
    const fault = await stack.rest('POST', '/api/machines/LTH-02/faults/', {
      description: 'Chuck cracked',
      severity: 'HIGH',
    });
    expect(fault.status).toBe(201);
    const faultId = ((await fault.json()) as { id: string }).id;
    await section(page, 'Machines');
    await page.getByLabel('Search').fill('lathe');
    await page.waitForURL(/q=lathe/);
    const lathe = page.locator('li[data-asset="LTH-02"]');
    await lathe.getByRole('link', { name: 'Lathe 2', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Lathe 2' }).waitFor();
    await page.getByRole('button', { name: 'Archive machine…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Archive Lathe 2?' });
    await confirm.waitFor();
    await look(page, 'admin-machine-archive-confirm');
    await confirm.getByRole('button', { name: 'Archive' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'cannot be archived' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain(
      '"Lathe 2" cannot be archived while a fault case is not resolved. Resolve it first:',
    );
    const caseLink = refused.getByRole('link');
    expect(await caseLink.getAttribute('href')).toBe(`/cases/${faultId}`);
    expect(await caseLink.textContent()).toMatch(/High · Open · opened/);
    await look(page, 'admin-machine-archive-refused');

    // Once the case is resolved, the archive goes through; the history stays.
    await stack.gql(
      'mutation ($id: ID!) { resolveFaultCase(id: $id, resolutionNote: "Chuck replaced") { id } }',
      { id: faultId },
      stack.managerToken,
    );
    await page.getByRole('button', { name: 'Archive machine…' }).click();
    await confirm.getByRole('button', { name: 'Archive' }).click();
    await page.getByText('"Lathe 2" is archived.').waitFor();
    await page.getByText(/^Archived on /).waitFor();
    await look(page, 'admin-machine-archived');
    const log = await stack.gql<{ machineEvents: { nodes: { type: string }[] } }>(
      `query ($id: ID!) { machineEvents(filter: { machineIds: [$id] }, first: 20) { nodes { type } } }`,
      { id: stack.machines.find((m) => m.assetCode === 'LTH-02')!.id },
      stack.managerToken,
    );
    expect(log.machineEvents.nodes.map((n) => n.type)).toEqual(
      expect.arrayContaining(['MACHINE_ARCHIVED', 'FAULT_RESOLVED', 'FAULT_OPENED']),
    );
    // Off the list, unless archived machines are asked for.
    await page.getByRole('link', { name: 'All machines' }).click();
    await page.getByLabel('Search').fill('lathe');
    await page.getByText('No machine matches these filters.').waitFor();
    await page.getByRole('checkbox', { name: 'Include archived machines' }).check();
    await lathe.getByText('Archived', { exact: true }).waitFor();

    // The gateway of Hall B: its token shown once, with a copy button.
    await section(page, 'API clients');
    await page.getByLabel('Name', { exact: true }).fill('Hall B gateway');
    await page.getByRole('checkbox', { name: /Raise and clear warnings/ }).check();
    await page.getByRole('checkbox', { name: 'Hall B', exact: true }).check();
    await page.getByRole('button', { name: 'Create API client' }).click();
    const secret = page.getByRole('region', { name: 'API client "Hall B gateway" created' });
    await secret.waitFor();
    const token = await secret.getByLabel('Token').inputValue();
    expect(token.length).toBeGreaterThan(20);
    await secret.getByRole('button', { name: 'Copy' }).click();
    await secret.getByText('Copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await look(page, 'admin-api-client-created');

    // The token works in Hall B and is refused for a machine in Hall A.
    const asGateway = (assetCode: string) =>
      fetch(`${stack.webUrl}/api/machines/${assetCode}/warnings/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Hydraulic pressure low', code: 'PRESS_LOW' }),
      });
    const elsewhere = await asGateway('CNC-01');
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await asGateway('PRS-07')).status).toBe(201);
    const cnc1 = await stack.gql<{ machine: { status: string; activeWarnings: unknown[] } }>(
      '{ machine(assetCode: "CNC-01") { status activeWarnings { id } } }',
      {},
      stack.managerToken,
    );
    expect(cnc1.machine.activeWarnings).toEqual([]);

    // Once stored, the token is gone from the page for good: the list shows its prefix only.
    await secret.getByRole('button', { name: 'Done, I have stored it' }).click();
    await secret.waitFor({ state: 'detached' });
    const row = page.locator('li', { has: page.getByText('Hall B gateway', { exact: true }) });
    await row.getByText('Only Hall B').waitFor();
    expect(await page.content()).not.toContain(token);
    // Read anew, the list says when the gateway was last heard from.
    await page.reload();
    await row.getByText(/Last used/).waitFor();
    await look(page, 'admin-api-clients');

    // The old line sensors' client is retired: asked first, then its token is refused.
    const old = page.locator('li', { has: page.getByText('Line sensors', { exact: true }) });
    await old.getByRole('button', { name: 'Revoke… Line sensors' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke Line sensors?' });
    await revoke.getByText(/Its token stops working at once/).waitFor();
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('"Line sensors" is revoked; its token no longer works.').waitFor();
    await old.getByText('Revoked', { exact: true }).waitFor();
    const retired = await stack.rest('POST', '/api/machines/PRS-03/warnings/', {
      message: 'Still here?',
    });
    expect(retired.status).toBe(401);

    // The display link for the new wall screen.
    await section(page, 'Display links');
    await page.getByLabel('Name', { exact: true }).fill('Hall B north wall');
    await page.getByRole('checkbox', { name: 'Hall B', exact: true }).check();
    await page.getByRole('button', { name: 'Create link' }).click();
    const created = page.getByRole('dialog');
    await created.getByRole('img').waitFor();
    expect(await created.getByLabel('Display address').inputValue()).toMatch(/\/display#token=/);
    await look(page, 'admin-display-link-created');
    await created.getByRole('button', { name: 'Done' }).click();

    // The same in German: nothing overflows or is left in English.
    await page.getByLabel('Language').selectOption({ label: 'Deutsch' });
    await page
      .getByRole('navigation', { name: 'Bereiche der Verwaltung' })
      .getByRole('link', { name: 'Maschinen', exact: true })
      .click();
    await page.getByText('6 Maschinen').waitFor();
    await look(page, 'admin-machines-de');
    await page.getByRole('link', { name: 'CNC Mill 2', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Technik' }).waitFor();
    await look(page, 'admin-machine-de');
    await page.getByLabel('Sprache').selectOption({ label: 'English' });

    expect(problems).toEqual([]);
    await context.close();
  });
});
