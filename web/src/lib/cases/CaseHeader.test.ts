import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CaseHeader from './CaseHeader.svelte';
import { caseDetail, caseMachine, PEOPLE } from './testing.ts';

describe('CaseHeader', () => {
  it('shows the machine as a link, state and severity as shape and word, reporter, owner and a timer', async () => {
    await render(CaseHeader, {
      fc: caseDetail({ openedAt: new Date(Date.now() - 10 * 60_000).toISOString() }),
      machine: caseMachine({ activeWarnings: [{ id: 'w', message: 'Oil hot', repeatCount: 2 }] }),
    });
    const link = page.getByRole('link', { name: 'Press 7' });
    await expect.element(link).toHaveAttribute('href', '/m/PRS-07');
    await expect
      .element(page.getByRole('heading', { level: 1 }))
      .toHaveTextContent('Fault on Press 7');
    const status = page.getByText('Open', { exact: true });
    await expect.element(status).toBeVisible();
    expect(status.element().querySelector('svg circle')).not.toBeNull();
    expect(
      page.getByText('High', { exact: true }).element().querySelectorAll('rect.on').length,
    ).toBe(3);
    await expect.element(page.getByText(/^Tom Technician, /)).toBeVisible();
    await expect.element(page.getByText('Not assigned')).toBeVisible();
    await expect.element(page.getByText('Oil hot')).toBeVisible();
    await expect.element(page.getByText(/^10m \d\d?s$/)).toBeVisible();
  });

  it('a resolved case: how long it took, no timer; a system reporter is named as such', async () => {
    const openedAt = new Date(Date.now() - 3_600_000).toISOString();
    const resolvedAt = new Date(Date.parse(openedAt) + 42 * 60_000).toISOString();
    await render(CaseHeader, {
      fc: caseDetail({
        status: 'RESOLVED',
        openedAt,
        resolvedAt,
        timeToResolveSeconds: 42 * 60,
        assignee: PEOPLE.repair,
        reportedBy: { id: 'k', kind: 'API_CLIENT', name: 'Line sensors' },
      }),
      machine: caseMachine({ status: 'OK' }),
    });
    await expect.element(page.getByText('Resolved', { exact: true })).toBeVisible();
    expect(document.querySelector('.timer')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Resolved after 42m 0s',
    );
    await expect.element(page.getByText(/^Line sensors \(system\), /)).toBeVisible();
    await expect.element(page.getByText('Rick Repair')).toBeVisible();
    expect(document.querySelector('.timer time')).toBeNull();
  });
  it('a repeat failure says so and links to the previous case; other cases say nothing of it', async () => {
    const resolvedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const { unmount } = await render(CaseHeader, {
      fc: caseDetail({
        isRepeat: true,
        repeatOf: { id: 'prev-1', openedAt: resolvedAt, resolvedAt },
      }),
      machine: caseMachine(),
    });
    await expect
      .element(page.getByRole('term').filter({ hasText: 'Repeat failure' }))
      .toBeVisible();
    await expect
      .element(page.getByRole('link', { name: /^Previous case, resolved / }))
      .toHaveAttribute('href', '/cases/prev-1');
    await unmount();
    await render(CaseHeader, { fc: caseDetail(), machine: caseMachine() });
    await expect.element(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(document.querySelector('[data-repeat]')).toBeNull();
  });
});
