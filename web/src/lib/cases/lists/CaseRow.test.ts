import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CaseRow from './CaseRow.svelte';
import { caseRow } from './testing.ts';
import WorkCase from './WorkCase.svelte';

const now = Date.parse('2026-12-03T14:05:00Z');

describe('CaseRow', () => {
  it('shows machine, fault, place, status as colour, shape and word, severity, owner and when', async () => {
    const row = caseRow({
      status: 'IN_PROGRESS',
      severity: 'CRITICAL',
      description: 'Hydraulic leak at main cylinder',
      openedAt: new Date(now - 5 * 60_000).toISOString(),
      assignee: { id: 'u1', name: 'Rick Repair' },
      machine: { name: 'Press 7', assetCode: 'PRS-07', building: { id: 'b2', name: 'Hall B' } },
    });
    await render(CaseRow, { row, now });
    const article = page.getByRole('article', { name: 'Press 7' });
    await expect.element(article).toHaveAttribute('data-status', 'IN_PROGRESS');
    await expect
      .element(article.getByRole('link', { name: 'Press 7' }))
      .toHaveAttribute('href', `/cases/${row.id}`);
    await expect.element(article.getByText('Hydraulic leak at main cylinder')).toBeVisible();
    await expect.element(article.getByText('Hall B · Line 1 · PRS-07')).toBeVisible();
    await expect.element(article.getByText('In progress')).toBeVisible();
    expect(
      article.element().querySelector('[data-case-status="IN_PROGRESS"] svg path'),
    ).not.toBeNull();
    await expect.element(article.getByText('Critical')).toBeVisible();
    await expect.element(article.getByText('Rick Repair')).toBeVisible();
    await expect.element(article.getByText('5 minutes ago')).toBeVisible();
    const time = article.element().querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(row.openedAt);
    // Each value is named for screen readers, whatever the layout shows.
    await expect.element(article.getByRole('term').first()).toHaveTextContent('Status');
  });

  it('says plainly when nobody is assigned', async () => {
    await render(CaseRow, { row: caseRow({ assignee: null }), now });
    await expect.element(page.getByText('Not assigned')).toBeVisible();
  });

  it('stacks on a phone without running off the side', async () => {
    await page.viewport(375, 800);
    await render(CaseRow, {
      row: caseRow({ description: 'A very long description '.repeat(8) }),
      now,
    });
    const article = page.getByRole('article').element();
    expect(article.scrollWidth).toBeLessThanOrEqual(375);
  });
});

describe('WorkCase', () => {
  it('links the case and the machine page, and runs a timer since it opened', async () => {
    const row = caseRow({
      status: 'OPEN',
      severity: 'HIGH',
      openedAt: new Date(Date.now() - 4 * 60_000).toISOString(),
      machine: { name: 'Press 7', assetCode: 'PRS 07/B', importance: 5 },
    });
    await render(WorkCase, { row });
    await expect
      .element(page.getByRole('link', { name: 'Press 7', exact: true }))
      .toHaveAttribute('href', `/cases/${row.id}`);
    await expect
      .element(page.getByRole('link', { name: 'Machine page PRS 07/B' }))
      .toHaveAttribute('href', '/m/PRS%2007%2FB');
    await expect.element(page.getByText(/Importance 5 of 5/)).toBeVisible();
    await expect.element(page.getByText(/^4m \d\d?s$/)).toBeVisible();
  });
});
