import { describe, expect, it } from 'vitest';
import {
  activeCaseFilters,
  caseFiltersFromUrl,
  caseFiltersToSearch,
  EMPTY_CASE_FILTERS,
  hasCaseFilters,
  matchesCaseFilters,
  parseDay,
  toServerFilter,
  type CaseFilters,
  type FilterableCase,
} from './filters.ts';

const url = (search: string) => caseFiltersFromUrl(new URLSearchParams(search));

describe('case filters in the URL', () => {
  it('round-trip through the query string, a link reproducing the view', () => {
    const filters: CaseFilters = {
      buildings: ['b1'],
      statuses: ['OPEN', 'IN_PROGRESS'],
      severities: ['CRITICAL', 'HIGH'],
      assignee: 'none',
      from: '2026-12-01',
      to: '2026-12-07',
    };
    const search = caseFiltersToSearch(filters);
    expect(search).toBe(
      '?building=b1&status=OPEN%2CIN_PROGRESS&severity=CRITICAL%2CHIGH&assignee=none&from=2026-12-01&to=2026-12-07',
    );
    expect(url(search)).toEqual(filters);
    expect(caseFiltersToSearch(EMPTY_CASE_FILTERS)).toBe('');
    expect(url('')).toEqual(EMPTY_CASE_FILTERS);
  });

  it('reads hand-written links leniently: any case, spaces, repeats, a canonical order', () => {
    expect(url('status=in_progress, open,OPEN&severity=low,Critical&building=b2,b1,b2')).toEqual({
      ...EMPTY_CASE_FILTERS,
      buildings: ['b2', 'b1'],
      statuses: ['OPEN', 'IN_PROGRESS'],
      severities: ['CRITICAL', 'LOW'],
    });
  });

  it('drops what it does not know: unknown statuses and severities, impossible days', () => {
    expect(
      url('status=BROKEN,RESOLVED&severity=URGENT&from=2026-02-30&to=yesterday&assignee=%20'),
    ).toEqual({ ...EMPTY_CASE_FILTERS, statuses: ['RESOLVED'] });
    expect(url('from=2026-2-3')).toEqual(EMPTY_CASE_FILTERS);
    // A day that is not a day is left out of the link too.
    expect(caseFiltersToSearch({ ...EMPTY_CASE_FILTERS, from: '2026-13-01' })).toBe('');
  });

  it('knows real calendar days, leap years included', () => {
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay(' 2026-12-31 ')).toBe('2026-12-31');
    expect(parseDay('2026-12-31T00:00')).toBeNull();
    expect(parseDay(null)).toBeNull();
  });

  it('counts active filters, the day range as one', () => {
    expect(activeCaseFilters(EMPTY_CASE_FILTERS)).toBe(0);
    expect(hasCaseFilters(EMPTY_CASE_FILTERS)).toBe(false);
    expect(
      activeCaseFilters({
        ...EMPTY_CASE_FILTERS,
        statuses: ['OPEN'],
        from: '2026-12-01',
        to: '2026-12-02',
      }),
    ).toBe(2);
  });
});

describe('the server filter', () => {
  it('sends days as local midnights, the last day counting whole', () => {
    const server = toServerFilter({
      ...EMPTY_CASE_FILTERS,
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(server).toEqual({
      openedFrom: new Date(2026, 11, 1).toISOString(),
      openedTo: new Date(2026, 11, 8).toISOString(),
    });
    // The last day of a month and of a year roll over correctly.
    expect(toServerFilter({ ...EMPTY_CASE_FILTERS, to: '2026-12-31' }).openedTo).toBe(
      new Date(2027, 0, 1).toISOString(),
    );
  });

  it('asks for unassigned cases or for one assignee, and leaves empty filters out', () => {
    expect(toServerFilter(EMPTY_CASE_FILTERS)).toEqual({});
    expect(toServerFilter({ ...EMPTY_CASE_FILTERS, assignee: 'none' })).toEqual({
      unassigned: true,
    });
    expect(
      toServerFilter({
        ...EMPTY_CASE_FILTERS,
        assignee: 'u7',
        buildings: ['b1'],
        statuses: ['OPEN'],
        severities: ['LOW'],
      }),
    ).toEqual({ assigneeId: 'u7', buildingIds: ['b1'], statuses: ['OPEN'], severities: ['LOW'] });
  });

  it('sends a backwards range as it is: the server names the field that is wrong', () => {
    const server = toServerFilter({ ...EMPTY_CASE_FILTERS, from: '2026-12-07', to: '2026-12-01' });
    expect(Date.parse(server.openedTo!)).toBeLessThan(Date.parse(server.openedFrom!));
  });
});

describe('matchesCaseFilters (live changes)', () => {
  const fc = (overrides: Partial<FilterableCase> = {}): FilterableCase => ({
    status: 'OPEN',
    severity: 'HIGH',
    openedAt: new Date(2026, 11, 7, 23, 59).toISOString(),
    assignee: null,
    machine: { building: { id: 'b1' } },
    ...overrides,
  });

  it('applies each filter as the server does', () => {
    expect(matchesCaseFilters(fc(), EMPTY_CASE_FILTERS)).toBe(true);
    expect(matchesCaseFilters(fc(), { ...EMPTY_CASE_FILTERS, buildings: ['b2'] })).toBe(false);
    expect(matchesCaseFilters(fc(), { ...EMPTY_CASE_FILTERS, statuses: ['RESOLVED'] })).toBe(false);
    expect(matchesCaseFilters(fc(), { ...EMPTY_CASE_FILTERS, severities: ['HIGH'] })).toBe(true);
    expect(matchesCaseFilters(fc(), { ...EMPTY_CASE_FILTERS, severities: ['LOW'] })).toBe(false);
  });

  it('"nobody yet" drops a case once assigned; an assignee matches by id', () => {
    const assigned = fc({ assignee: { id: 'u1' } });
    expect(matchesCaseFilters(fc(), { ...EMPTY_CASE_FILTERS, assignee: 'none' })).toBe(true);
    expect(matchesCaseFilters(assigned, { ...EMPTY_CASE_FILTERS, assignee: 'none' })).toBe(false);
    expect(matchesCaseFilters(assigned, { ...EMPTY_CASE_FILTERS, assignee: 'u1' })).toBe(true);
    expect(matchesCaseFilters(assigned, { ...EMPTY_CASE_FILTERS, assignee: 'u2' })).toBe(false);
    expect(matchesCaseFilters(fc(), { ...EMPTY_CASE_FILTERS, assignee: 'u1' })).toBe(false);
  });

  it('days include the whole last day and nothing of the next', () => {
    const week = { ...EMPTY_CASE_FILTERS, from: '2026-12-01', to: '2026-12-07' };
    expect(matchesCaseFilters(fc(), week)).toBe(true);
    const nextDay = fc({ openedAt: new Date(2026, 11, 8).toISOString() });
    expect(matchesCaseFilters(nextDay, week)).toBe(false);
    const firstMoment = fc({ openedAt: new Date(2026, 11, 1).toISOString() });
    expect(matchesCaseFilters(firstMoment, week)).toBe(true);
    const before = fc({ openedAt: new Date(2026, 10, 30, 23, 59).toISOString() });
    expect(matchesCaseFilters(before, week)).toBe(false);
  });
});
