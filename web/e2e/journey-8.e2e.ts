import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, signIn } from './support/browser.ts';
import { assignCase, openCase, tokenFor } from './support/cases.ts';
import { look } from './support/look.ts';
import { startStack, type Stack } from './support/stack.ts';

// Journey 8, the Monday review: the manager opens the repair log for last week, Hall B, and
// reads every case with who did what and when; opens the reports page for the same days and
// sees downtime per machine and the repeat failures; exports both to CSV for the meeting.
// A technician finds the log but no reports.

let stack: Stack;
let browser: Browser;
let firstCase: string;
let repeatCase: string;

const BOM = '\uFEFF';

beforeAll(async () => {
  stack = await startStack();
  browser = await launch();
  const technician = await tokenFor(stack, stack.users.technician.email);
  const repair = await tokenFor(stack, stack.users.repair.email);
  const run = (mutation: string, id: string, token: string) =>
    stack.gql(`mutation ($id: ID!) { ${mutation} }`, { id }, token);

  // Press 7 (Hall B) fails, is repaired, and fails again soon after: a repeat failure.
  firstCase = await openCase(stack, technician, 'PRS-07', 'Hydraulic leak', 'HIGH');
  await assignCase(stack, firstCase, stack.users.repair.id);
  await run('acknowledgeFaultCase(id: $id) { id }', firstCase, repair);
  await run('startRepair(id: $id) { id }', firstCase, repair);
  await run('resolveFaultCase(id: $id, resolutionNote: "Seal replaced") { id }', firstCase, repair);
  repeatCase = await openCase(stack, technician, 'PRS-07', 'Leaking again', 'CRITICAL');
  // A case in Hall A, which the Hall B review must not show.
  await openCase(stack, technician, 'CNC-01', 'Spindle noise', 'LOW');
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Clicks `button` and returns the downloaded file's text. */
async function download(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** A CSV file's lines (RFC 4180 rows without line breaks inside cells, as here). */
function lines(text: string): string[] {
  return text.slice(BOM.length).split('\r\n').filter(Boolean);
}

describe('journey 8: the Monday review', () => {
  it('the manager reads the repair log of Hall B, the report of the same days, and exports both', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.manager.email, '/log');
    const main = page.locator('main');
    await main.getByRole('heading', { level: 1, name: 'Repair log' }).waitFor();

    // Last week is the default; Hall B is chosen, and the URL keeps both.
    await page.getByRole('combobox', { name: 'Building' }).selectOption({ label: 'Hall B' });
    await page.waitForURL(/building=/);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(url.searchParams.get('to')).toMatch(/^\d{4}-\d\d-\d\d$/);

    const rows = main.locator('ol.rows > li');
    // Who did what and when: the report, the repair and its resolution, on Press 7 only.
    const reported = rows.filter({ hasText: 'Fault reported' });
    await expect.poll(() => reported.count()).toBe(2);
    await expect.poll(() => reported.first().innerText()).toContain('Tom Technician');
    const resolved = rows.filter({ hasText: 'Case resolved' });
    await resolved.first().waitFor();
    expect(await resolved.first().innerText()).toMatch(/Rick Repair/);
    expect(await resolved.first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-/);
    expect(await rows.filter({ hasText: 'CNC Mill 1' }).count()).toBe(0);
    // Hall B only (its machines were also set up this week: those events are in the log too).
    const places = await rows.locator('.where').allInnerTexts();
    expect(places.every((p) => p.includes('Hall B'))).toBe(true);
    await look(page, 'journey-8-log');

    // The same view, reloaded from its link, shows the same rows.
    const shown = await rows.count();
    await page.goto(page.url());
    await main.locator('ol.rows > li').first().waitFor();
    await expect.poll(() => main.locator('ol.rows > li').count()).toBe(shown);

    // The CSV is exactly the filtered log: a BOM, a header, one line per event, Hall B only.
    const logCsv = await download(page, () =>
      page.getByRole('button', { name: 'Download CSV' }).click(),
    );
    expect(logCsv.name).toMatch(/^repair-log-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    expect(logCsv.text.startsWith(BOM)).toBe(true);
    const logLines = lines(logCsv.text);
    expect(logLines[0]).toBe(
      'time,event_id,building,asset_code,machine,event,summary,actor,actor_kind,fault_case_id,severity,from_status,to_status',
    );
    expect(logLines.length).toBe(shown + 1);
    expect(logLines.slice(1).every((l) => l.split(',')[2] === 'Hall B')).toBe(true);
    expect(logCsv.text).not.toContain('CNC-01');
    expect(logCsv.text).toContain('Rick Repair');

    // The report for the same days and hall.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await main.getByRole('heading', { level: 1, name: 'Reliability report' }).waitFor();
    await page.getByRole('button', { name: 'Last week' }).click();
    await page.getByRole('combobox', { name: 'Building' }).selectOption({ label: 'Hall B' });
    await page.waitForURL(/building=/);
    expect(new URL(page.url()).searchParams.get('from')).toBe(url.searchParams.get('from'));
    expect(new URL(page.url()).searchParams.get('to')).toBe(url.searchParams.get('to'));
    const machines = main.locator('section[data-table="machines"]');
    await machines.waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const press = machines.locator('tbody tr', { hasText: 'Press 7' });
    await press.waitFor();
    // Worst first: the press with two cases, one a repeat, and downtime.
    expect(await machines.locator('tbody tr').first().innerText()).toContain('Press 7');
    const cells = await press.locator('td').allInnerTexts();
    expect(cells[1]).toBe('2'); // cases
    expect(cells[2]).toBe('1'); // repeat failures
    expect(cells[6]).not.toBe('—'); // downtime
    expect(await machines.locator('tbody tr', { hasText: 'CNC Mill 1' }).count()).toBe(0);
    await expect.poll(() => page.locator('[data-charts] canvas').count()).toBeGreaterThanOrEqual(2);
    await look(page, 'journey-8-reports');

    const machinesCsv = await download(page, () =>
      machines.getByRole('button', { name: /as CSV/ }).click(),
    );
    expect(machinesCsv.name).toMatch(/^machines-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    expect(machinesCsv.text.startsWith(BOM)).toBe(true);
    const [header, ...machineRows] = lines(machinesCsv.text);
    expect(header).toMatch(
      /^Machine,Asset code,Building,Cases,Critical,High,Medium,Low,Repeat failures,/,
    );
    expect(machineRows[0]).toMatch(/^Press 7,PRS-07,Hall B,2,1,1,0,0,1,/);
    expect(machinesCsv.text).not.toContain('CNC-01');

    // The repeat is told on the case, with the way back to the first failure.
    await page.goto(`${stack.webUrl}/cases/${repeatCase}`);
    const repeat = main.locator('[data-repeat]');
    await repeat.waitFor();
    expect(await repeat.innerText()).toContain('Repeat failure');
    expect(await repeat.getByRole('link').getAttribute('href')).toBe(`/cases/${firstCase}`);

    expect(problems).toEqual([]);
  });

  it('a technician reads the log but has no reports: no menu entry, and /reports says why', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, stack.webUrl, stack.users.technician.email, '/log');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Repair log' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await page.locator('main ol.rows > li').first().waitFor();

    await page.goto(`${stack.webUrl}/reports`);
    await page.getByText('Reports are for managers only.').waitFor();
    expect(await page.locator('section[data-table]').count()).toBe(0);
    await look(page, 'journey-8-reports-technician');
    // The refusal is the server's FORBIDDEN, which the browser does not log as an error.
    expect(problems).toEqual([]);
  });
});
