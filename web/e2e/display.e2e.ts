import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot, signIn } from './support/browser.ts';
import {
  TV,
  createDisplayLink,
  createHall,
  onDisplay,
  openDisplay,
  recordStatuses,
} from './support/display.ts';
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

describe('the wall display', () => {
  it('shows the live board of its buildings only, faults first with timer and owner, warnings with repeat count', async () => {
    const link = await createDisplayLink(stack, 'Hall A + C wall', ['Hall A', 'Hall C']);
    const screen = await openDisplay(browser, stack, link);
    const { page } = screen;

    // The token left the address bar and lives in storage.
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => localStorage.getItem('sf-display-token'))).toBe(link.token);

    const shown = async () =>
      (
        await page
          .locator('[data-asset]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-asset')))
      ).sort();
    expect(await shown()).toEqual(['CMP-01', 'CNC-01', 'DRL-01', 'LTH-02']);
    expect(await page.locator('section.building h2').allInnerTexts()).toEqual([
      expect.stringContaining('HALL A'),
      expect.stringContaining('HALL C'),
    ]);

    // A fault: a tile with its timer, waiting for someone until acknowledged.
    const fault = await stack.rest('POST', '/api/machines/CNC-01/faults/', {
      description: 'Spindle stalls',
      severity: 'High',
    });
    expect(fault.status).toBe(201);
    const cnc = page.locator('article[data-asset="CNC-01"][data-status="FAULT"]');
    await cnc.waitFor({ timeout: 2_000 });
    await cnc.getByText('Not acknowledged').waitFor();
    await cnc.locator('time').waitFor();

    // Assigned and acknowledged: the owner's name.
    const { machine } = await stack.gql<{ machine: { openFaultCase: { id: string } } }>(
      `query ($a: String) { machine(assetCode: $a) { openFaultCase { id } } }`,
      { a: 'CNC-01' },
      stack.managerToken,
    );
    const caseId = machine.openFaultCase.id;
    await stack.gql(
      `mutation ($c: ID!, $u: ID!) { assignFaultCase(id: $c, assigneeId: $u) { id } }`,
      { c: caseId, u: stack.users.repair.id },
      stack.managerToken,
    );
    await stack.gql(
      `mutation ($c: ID!) { acknowledgeFaultCase(id: $c) { id } }`,
      { c: caseId },
      stack.managerToken,
    );
    await cnc.getByText('Rick Repair').waitFor({ timeout: 2_000 });

    // A warning repeated by its sensor: the count rises live.
    for (let i = 0; i < 3; i++) {
      const res = await stack.rest('POST', '/api/machines/LTH-02/warnings/', {
        message: 'Coolant low',
        code: 'COOLANT',
      });
      expect(res.status).toBeLessThan(300);
    }
    await page
      .locator('article[data-asset="LTH-02"][data-status="WARNING"] [data-repeat="3"]')
      .waitFor({ timeout: 2_000 });

    // A change in another hall never reaches this screen.
    await stack.rest('POST', '/api/machines/PRS-07/faults/', {
      description: 'Ram stuck',
      severity: 'Critical',
    });
    await stack.rest('POST', '/api/machines/DRL-01/warnings/', {
      message: 'Belt slipping',
      code: 'BELT',
    });
    await page.locator('article[data-asset="DRL-01"][data-status="WARNING"]').waitFor();
    expect(await onDisplay(page, 'PRS-07').count()).toBe(0);

    // Faults first, then warnings; the summary counts them.
    const order = await page
      .locator('article.tile')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-asset')));
    expect(order).toEqual(['CNC-01', 'LTH-02', 'DRL-01']);
    expect(await page.locator('[data-count="FAULT"] .n').innerText()).toBe('1');
    expect(await page.locator('[data-count="WARNING"] .n').innerText()).toBe('2');
    expect(await page.locator('[data-count="OK"] .n').innerText()).toBe('1');

    await screenshot(page, 'display-1080p');
    expect(screen.problems).toEqual([]);
    await screen.context.close();
  });

  it('survives an API restart: marked offline while the API is down, live again after, without reloading', async () => {
    const [first] = await createHall(stack, 'Hall R', 'R', 2);
    const link = await createDisplayLink(stack, 'Hall R wall', ['Hall R']);
    const screen = await openDisplay(browser, stack, link);
    const { page } = screen;
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    await stack.stopApi();
    await page.locator('[data-banner="offline"]').waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-banner="offline"]').innerText()).toMatch(/Offline since/);
    // The last board stays on screen while offline.
    expect(await onDisplay(page, first!).count()).toBe(1);
    await screenshot(page, 'display-offline');

    await stack.startApi();
    await page.locator('[data-banner="recovered"]').waitFor({ timeout: 40_000 });
    await page.locator('.live[data-state="online"]').waitFor();
    const res = await stack.rest('POST', `/api/machines/${first}/warnings/`, {
      message: 'Guard door open',
      code: 'DOOR',
    });
    expect(res.status).toBe(201);
    await page
      .locator(`article[data-asset="${first}"][data-status="WARNING"]`)
      .waitFor({ timeout: 2_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // The proxy's 502s while the API was down are network noise, not page errors.
    expect(screen.problems.filter((p) => !/502|WebSocket/.test(p))).toEqual([]);
    await screen.context.close();
  });

  it('after a network drop shows every change made meanwhile, in order, and says what it caught up', async () => {
    const assets = await createHall(stack, 'Hall N', 'N', 3);
    const link = await createDisplayLink(stack, 'Hall N wall', ['Hall N']);
    const screen = await openDisplay(browser, stack, link);
    const { page, context } = screen;
    const statusLog = await recordStatuses(page, assets);

    await context.setOffline(true);
    await page.locator('[data-banner="offline"]').waitFor({ timeout: 5_000 });
    const changes: [string, string, unknown][] = [
      ['N-1', 'warnings', { message: 'Vibration high', code: 'VIB' }],
      ['N-2', 'faults', { description: 'Motor tripped', severity: 'High' }],
      ['N-3', 'warnings', { message: 'Filter clogged', code: 'FILTER' }],
    ];
    for (const [asset, kind, body] of changes) {
      const res = await stack.rest('POST', `/api/machines/${asset}/${kind}/`, body);
      expect(res.status).toBe(201);
    }
    // Still offline: the board has not moved (and a pong-less socket is not taken as live).
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await page.locator('article.tile').count()).toBe(0);
    expect(await page.locator('[data-banner="offline"]').count()).toBe(1);
    await screenshot(page, 'display-network-drop');

    await context.setOffline(false);
    const banner = page.locator('[data-banner="recovered"]');
    await banner.getByText('3 changes caught up').waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toMatch(/Back online after (\d+m )?\d+s/);
    await page.locator('article[data-asset="N-3"][data-status="WARNING"]').waitFor();
    expect(await statusLog()).toEqual([
      ['OK', 'OK', 'OK'],
      ['WARNING', 'OK', 'OK'],
      ['WARNING', 'FAULT', 'OK'],
      ['WARNING', 'FAULT', 'WARNING'],
    ]);
    await screenshot(page, 'display-caught-up');
    expect(screen.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(p))).toEqual(
      [],
    );
    await screen.context.close();
  });

  it('a revoked link shows that it was revoked, also after a reload', async () => {
    const link = await createDisplayLink(stack, 'Soon revoked', ['Hall A']);
    const screen = await openDisplay(browser, stack, link);
    const { page } = screen;
    await stack.gql(
      `mutation ($id: ID!) { revokeDisplayLink(id: $id) { id } }`,
      { id: link.id },
      stack.managerToken,
    );
    const revoked = page.getByRole('alert').getByText('This display link was revoked');
    await revoked.waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-asset]').count()).toBe(0);
    await page.reload();
    await revoked.waitFor({ timeout: 5_000 });
    await screenshot(page, 'display-revoked');
    await screen.context.close();
  });

  it('a manager creates a link on the Displays page (shown once, with a QR code), a screen opens it, the manager revokes it', async () => {
    const manager = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email);
    await manager.page.getByRole('link', { name: 'Displays' }).click();
    await manager.page.waitForURL(/\/displays$/);
    await manager.page.getByLabel('Name').fill('Hall C entrance');
    await manager.page.getByRole('checkbox', { name: 'Hall C' }).check();
    await manager.page.getByRole('checkbox', { name: 'Chime on a new fault' }).check();
    await manager.page.getByRole('button', { name: 'Create link' }).click();
    const dialog = manager.page.getByRole('dialog');
    await dialog.getByRole('img').waitFor(); // the QR code
    const url = await dialog.getByLabel('Display address').inputValue();
    expect(url).toMatch(/\/display#token=/);
    await screenshot(manager.page, 'displays-created');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await dialog.count()).toBe(0);
    // Shown once: the list has the name and prefix, never the token.
    const row = manager.page.locator('li', { hasText: 'Hall C entrance' });
    await row.waitFor();
    expect(await manager.page.content()).not.toContain(new URL(url).hash.slice(7));

    const tv = await openPage(browser, TV);
    await tv.page.goto(url);
    await tv.page.locator('.live[data-state="online"]').waitFor();
    await tv.page.locator('[data-asset="CMP-01"]').waitFor();
    expect(await tv.page.locator('[data-asset]').count()).toBe(1);

    manager.page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Revoke/ }).click();
    await row.getByText(/Revoked/).waitFor();
    await tv.page
      .getByRole('alert')
      .getByText('This display link was revoked')
      .waitFor({ timeout: 10_000 });

    expect(manager.problems).toEqual([]);
    await manager.context.close();
    await tv.context.close();
  });

  it('a reload shows the last board at once, even while the API is down, then resumes from its cursor', async () => {
    await createHall(stack, 'Hall L', 'L', 2);
    const link = await createDisplayLink(stack, 'Hall L wall', ['Hall L']);
    const screen = await openDisplay(browser, stack, link);
    const { page } = screen;
    const res = await stack.rest('POST', '/api/machines/L-1/warnings/', {
      message: 'Pressure low',
      code: 'PRESS',
    });
    expect(res.status).toBe(201);
    await page.locator('article[data-asset="L-1"][data-status="WARNING"]').waitFor();
    // The saved board is written behind; the page saves on pagehide too.
    await stack.stopApi();
    await page.reload();
    await page.locator('article[data-asset="L-1"][data-status="WARNING"]').waitFor();
    await page.locator('[data-banner="offline"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('.live[data-state="online"]').count()).toBe(0);

    await stack.startApi();
    await page.locator('.live[data-state="online"]').waitFor({ timeout: 40_000 });
    const next = await stack.rest('POST', '/api/machines/L-2/faults/', {
      description: 'Seal leaking',
      severity: 'Low',
    });
    expect(next.status).toBe(201);
    await page.locator('article[data-asset="L-2"][data-status="FAULT"]').waitFor();
    await screen.context.close();
  });

  it('a saved cursor from another database (CURSOR_AHEAD) makes it read the board anew', async () => {
    const link = await createDisplayLink(stack, 'Hall A again', ['Hall A']);
    const screen = await openDisplay(browser, stack, link);
    const { page } = screen;
    await page.locator('[data-asset="LTH-02"]').waitFor();
    // Leave the screen once it saved its board (write-behind), then tamper with the save.
    await new Promise((r) => setTimeout(r, 6_000));
    await page.close();
    const next = await screen.context.newPage();
    await next.goto(`${stack.webUrl}/favicon.svg`);
    await next.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('sf-display-board') ?? 'null') as {
        cursor: string;
        machines: { assetCode: string }[];
      } | null;
      if (!stored) throw new Error('no saved board');
      // A board from a database with a million more events: it must not be trusted.
      stored.cursor = String(Number(stored.cursor) + 1_000_000);
      stored.machines = stored.machines.filter((m) => m.assetCode !== 'LTH-02');
      localStorage.setItem('sf-display-board', JSON.stringify(stored));
    });
    await next.goto(`${stack.webUrl}/display`);
    await next.locator('.live[data-state="online"]').waitFor();
    await next.locator('[data-asset="LTH-02"]').waitFor({ timeout: 10_000 });
    // Saved again (write-behind) from the fresh snapshot.
    await new Promise((r) => setTimeout(r, 6_000));
    const cursor = await next.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('sf-display-board') ?? '{}') as { cursor?: string })
          .cursor,
    );
    const { machineEvents } = await stack.gql<{ machineEvents: { nodes: { id: string }[] } }>(
      `{ machineEvents(first: 1) { nodes { id } } }`,
      {},
      stack.managerToken,
    );
    expect(Number(cursor)).toBeLessThanOrEqual(Number(machineEvents.nodes[0]!.id));
    await screen.context.close();
  });
});
