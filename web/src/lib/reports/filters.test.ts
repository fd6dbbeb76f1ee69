import { describe, expect, it } from 'vitest';
import {
  defaultLogFilters,
  logCsvName,
  logCsvUrl,
  logFiltersFromUrl,
  logFiltersToSearch,
  toServerLogFilter,
} from './log-filters.ts';
import { lastDays, presetOf, rangeInstants } from './range.ts';
import { logLinkFor, reportFiltersFromUrl, reportFiltersToSearch } from './report-filters.ts';

// A Wednesday, mid-afternoon local time.
const NOW = new Date(2026, 11, 2, 15, 30);

describe('the repair log in the URL', () => {
  it('defaults to the last 7 days, today included', () => {
    expect(logFiltersFromUrl(new URLSearchParams(''), NOW)).toEqual({
      buildings: [],
      machines: [],
      types: [],
      actors: [],
      from: '2026-11-26',
      to: '2026-12-02',
    });
    expect(defaultLogFilters(NOW)).toEqual(logFiltersFromUrl(new URLSearchParams(''), NOW));
  });

  it('round-trips every filter, so a link reproduces the view', () => {
    const filters = {
      buildings: ['b1'],
      machines: ['m1', 'm2'],
      types: ['FAULT_OPENED', 'FAULT_RESOLVED'] as const,
      actors: ['u1'],
      from: '2026-11-30',
      to: '2026-12-06',
    };
    const search = logFiltersToSearch({ ...filters, types: [...filters.types] });
    expect(logFiltersFromUrl(new URLSearchParams(search), NOW)).toEqual({
      ...filters,
      types: [...filters.types],
    });
  });

  it('drops unknown event types and impossible days, keeping the default for those', () => {
    const read = logFiltersFromUrl(
      new URLSearchParams('type=fault_opened,NOPE&from=2026-02-31&to=2026-12-01'),
      NOW,
    );
    expect(read.types).toEqual(['FAULT_OPENED']);
    expect(read.from).toBe('2026-11-26');
    expect(read.to).toBe('2026-12-01');
  });

  it('sends whole local days, the last one included, and the same filter to the CSV', () => {
    const filters = {
      ...defaultLogFilters(NOW),
      buildings: ['b1'],
      actors: ['u1'],
      types: ['FAULT_OPENED' as const],
    };
    const server = toServerLogFilter(filters);
    expect(server).toEqual({
      buildingIds: ['b1'],
      actorIds: ['u1'],
      types: ['FAULT_OPENED'],
      from: new Date(2026, 10, 26).toISOString(),
      to: new Date(2026, 11, 3).toISOString(),
    });
    const url = new URL(logCsvUrl(filters), 'http://x');
    expect(url.pathname).toBe('/api/events.csv');
    expect(url.searchParams.get('buildingIds')).toBe('b1');
    expect(url.searchParams.get('actorIds')).toBe('u1');
    expect(url.searchParams.get('types')).toBe('FAULT_OPENED');
    expect(url.searchParams.get('machineIds')).toBeNull();
    expect(url.searchParams.get('from')).toBe(server.from);
    expect(url.searchParams.get('to')).toBe(server.to);
    expect(logCsvName(filters)).toBe('repair-log-2026-11-26-2026-12-02.csv');
  });
});

describe('the report period', () => {
  it('defaults to the last 4 weeks and knows its presets', () => {
    const filters = reportFiltersFromUrl(new URLSearchParams(''), NOW);
    expect(filters).toEqual({ buildings: [], from: '2026-11-05', to: '2026-12-02' });
    expect(presetOf(filters, NOW)).toBe('fourWeeks');
    expect(presetOf(lastDays(7, NOW), NOW)).toBe('week');
    expect(presetOf(lastDays(91, NOW), NOW)).toBe('quarter');
    expect(presetOf({ from: '2026-11-01', to: '2026-11-30' }, NOW)).toBeNull();
  });

  it('round-trips and links to the repair log of the same days and building', () => {
    const filters = { buildings: ['b2'], from: '2026-11-30', to: '2026-12-06' };
    const search = reportFiltersToSearch(filters);
    expect(reportFiltersFromUrl(new URLSearchParams(search), NOW)).toEqual(filters);
    expect(logLinkFor(filters)).toBe('/log?building=b2&from=2026-11-30&to=2026-12-06');
  });

  it('counts the last day whole, across a change of clocks', () => {
    // 25 October 2026 is 25 hours long in Central Europe; whatever the zone, the end is the
    // local midnight after the last day.
    const { from, to } = rangeInstants({ from: '2026-10-24', to: '2026-10-25' });
    expect(new Date(from).getDate()).toBe(24);
    expect(new Date(to).getDate()).toBe(26);
    expect(new Date(to).getHours()).toBe(0);
  });
});
