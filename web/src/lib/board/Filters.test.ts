import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { EMPTY_FILTERS, filtersFromUrl, filtersToSearch, type BoardFilters } from './filters.ts';
import Filters from './Filters.svelte';

const buildings = [
  { id: 'b1', name: 'Hall A' },
  { id: 'b2', name: 'Hall B' },
];
const technicians = [{ id: 'u5', name: 'Tara Technician' }];

async function setup(filters: BoardFilters = EMPTY_FILTERS, width = 1280) {
  await page.viewport(width, 800);
  const onchange = vi.fn<(f: BoardFilters) => void>();
  await render(Filters, { filters, buildings, technicians, showMe: true, onchange });
  return onchange;
}

describe('Filters', () => {
  it('choosing a building, a status and a technician reports the new filters', async () => {
    const onchange = await setup();
    await page.getByLabelText('Building').selectOptions('Hall B');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, buildings: ['b2'] });

    await page.getByRole('checkbox', { name: 'Fault' }).click();
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, statuses: ['FAULT'] });

    await page.getByLabelText('Technician').selectOptions('Me');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, technician: 'me' });
  });

  it('shows the filters it was given (a link reproduces the view)', async () => {
    await setup({ buildings: ['b1'], statuses: ['WARNING'], technician: 'u5', text: 'press' });
    await expect.element(page.getByLabelText('Building')).toHaveValue('b1');
    await expect.element(page.getByLabelText('Technician')).toHaveValue('u5');
    await expect.element(page.getByRole('checkbox', { name: 'Warning' })).toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'Fault' })).not.toBeChecked();
    await expect.element(page.getByRole('searchbox')).toHaveValue('press');
  });

  it('reports typed text once typing pauses, not on every key', async () => {
    const onchange = await setup();
    // The pause is the component's own timer, so the test decides when it has passed: on a
    // busy machine real keystrokes can come more than a pause apart.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await userEvent.type(page.getByRole('searchbox'), 'cnc');
      expect(onchange).not.toHaveBeenCalled();
      vi.advanceTimersByTime(250);
      expect(onchange).toHaveBeenCalledTimes(1);
      expect(onchange).toHaveBeenCalledWith({ ...EMPTY_FILTERS, text: 'cnc' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a status chosen while text is still pending keeps the text', async () => {
    const onchange = await setup();
    await userEvent.type(page.getByRole('searchbox'), 'press');
    await page.getByRole('checkbox', { name: 'OK' }).click();
    expect(onchange).toHaveBeenLastCalledWith({
      ...EMPTY_FILTERS,
      statuses: ['OK'],
      text: 'press',
    });
  });

  it('is usable by keyboard alone', async () => {
    const onchange = await setup();
    (page.getByLabelText('Building').element() as HTMLElement).focus();
    await userEvent.tab(); // technician
    await userEvent.tab(); // search
    await userEvent.tab(); // Fault
    await userEvent.keyboard(' ');
    expect(onchange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, statuses: ['FAULT'] });
  });
});

describe('Filters on a phone', () => {
  it('fold away so the tiles come first, saying how many are active', async () => {
    await setup({ ...EMPTY_FILTERS, statuses: ['FAULT'], text: 'press' }, 375);
    await expect.element(page.getByLabelText('Building')).not.toBeVisible();
    const summary = page.getByText('Filters2 active');
    await expect.element(summary).toBeVisible();
    await summary.click();
    await expect.element(page.getByLabelText('Building')).toBeVisible();
  });
});

describe('filters in the URL', () => {
  it('round-trip through the query string and drop unknown statuses', () => {
    const filters: BoardFilters = {
      buildings: ['b1', 'b2'],
      statuses: ['FAULT', 'WARNING'],
      technician: 'me',
      text: 'press 7',
    };
    const search = filtersToSearch(filters);
    expect(filtersFromUrl(new URLSearchParams(search))).toEqual(filters);
    expect(filtersFromUrl(new URLSearchParams('status=fault,BROKEN'))).toEqual({
      ...EMPTY_FILTERS,
      statuses: ['FAULT'],
    });
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
  });
});
