import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import CaseFilters from './CaseFilters.svelte';
import { EMPTY_CASE_FILTERS, type CaseFilters as Filters } from './filters.ts';

const buildings = [
  { id: 'b1', name: 'Hall A' },
  { id: 'b2', name: 'Hall B' },
];
const assignees = [
  { id: 'u1', name: 'Rick Repair' },
  { id: 'u2', name: 'Rosa Repair' },
];

async function setup(
  options: { filters?: Filters; width?: number; showAssignee?: boolean; toProblem?: string } = {},
) {
  await page.viewport(options.width ?? 1280, 800);
  const onchange = vi.fn<(f: Filters) => void>();
  await render(CaseFilters, {
    filters: options.filters ?? EMPTY_CASE_FILTERS,
    buildings,
    assignees,
    showAssignee: options.showAssignee ?? true,
    toProblem: options.toProblem,
    onchange,
  });
  return onchange;
}

describe('CaseFilters', () => {
  it('reports each choice as new filters', async () => {
    const onchange = await setup();
    await page.getByLabelText('Building').selectOptions('Hall B');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, buildings: ['b2'] });

    await page.getByLabelText('Assigned to').selectOptions('Nobody yet');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, assignee: 'none' });
    await page.getByLabelText('Assigned to').selectOptions('Rosa Repair');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, assignee: 'u2' });

    await page.getByRole('checkbox', { name: 'In progress' }).click();
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, statuses: ['IN_PROGRESS'] });

    await page.getByRole('checkbox', { name: 'Critical' }).click();
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, severities: ['CRITICAL'] });

    await page.getByLabelText('Opened from').fill('2026-12-01');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, from: '2026-12-01' });
  });

  it('shows the filters it was given (a link reproduces the view)', async () => {
    await setup({
      filters: {
        buildings: ['b1'],
        statuses: ['OPEN', 'ACKNOWLEDGED'],
        severities: ['HIGH'],
        assignee: 'u1',
        from: '2026-12-01',
        to: '2026-12-07',
      },
    });
    await expect.element(page.getByLabelText('Building')).toHaveValue('b1');
    await expect.element(page.getByLabelText('Assigned to')).toHaveValue('u1');
    await expect.element(page.getByLabelText('Opened from')).toHaveValue('2026-12-01');
    await expect.element(page.getByLabelText('Opened until')).toHaveValue('2026-12-07');
    await expect.element(page.getByRole('checkbox', { name: 'Open' })).toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'Acknowledged' })).toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'Resolved' })).not.toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'High' })).toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'Low' })).not.toBeChecked();
  });

  it('keeps an assignee from a link that is not among the choices', async () => {
    await setup({ filters: { ...EMPTY_CASE_FILTERS, assignee: 'u9' } });
    await expect.element(page.getByLabelText('Assigned to')).toHaveValue('u9');
    await expect
      .element(page.getByRole('option', { name: 'The chosen person' }))
      .toBeInTheDocument();
  });

  it('statuses show colour, shape and word; unticking one keeps the others', async () => {
    const onchange = await setup({
      filters: { ...EMPTY_CASE_FILTERS, statuses: ['OPEN', 'RESOLVED'] },
    });
    const open = page.getByRole('checkbox', { name: 'Open' }).element().closest('label')!;
    expect(open.querySelector('[data-case-status="OPEN"] svg circle')).not.toBeNull();
    await page.getByRole('checkbox', { name: 'Open' }).click();
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, statuses: ['RESOLVED'] });
  });

  it('says at the "until" field when the days run backwards, tied to the field', async () => {
    await setup({
      filters: { ...EMPTY_CASE_FILTERS, from: '2026-12-07', to: '2026-12-01' },
      toProblem: 'This day is before the first day.',
    });
    const until = page.getByLabelText('Opened until');
    await expect.element(until).toHaveAttribute('aria-invalid', 'true');
    await expect.element(until).toHaveAccessibleDescription(/This day is before the first day\./);
  });

  it('offers no assignee filter to repair staff (they see their own cases only)', async () => {
    await setup({ showAssignee: false });
    await expect.element(page.getByLabelText('Assigned to')).not.toBeInTheDocument();
  });

  it('is usable by keyboard alone', async () => {
    const onchange = await setup();
    (page.getByLabelText('Building').element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_CASE_FILTERS, buildings: ['b1'] });
  });
});

describe('CaseFilters on a phone', () => {
  it('fold away so the cases come first, saying how many are active', async () => {
    await setup({
      filters: { ...EMPTY_CASE_FILTERS, statuses: ['OPEN'], from: '2026-12-01' },
      width: 375,
    });
    await expect.element(page.getByLabelText('Building')).not.toBeVisible();
    const summary = page.getByText('Filters2 active');
    await expect.element(summary).toBeVisible();
    await summary.click();
    await expect.element(page.getByLabelText('Building')).toBeVisible();
  });
});
