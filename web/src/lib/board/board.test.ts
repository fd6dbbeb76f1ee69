import { Client, fetchExchange } from '@urql/core';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { boardMachine } from '#lib/testing/machines.ts';
import { BoardState } from './board.svelte.ts';
import { matchesFilters, EMPTY_FILTERS } from './filters.ts';

const unusedClient = new Client({ url: '/graphql', exchanges: [fetchExchange] });

function board() {
  const state = new BoardState(unusedClient);
  return state;
}

describe('BoardState', () => {
  it('orders the worst and most important first', () => {
    const b = board();
    const ok5 = boardMachine({ name: 'ok5', importance: 5 });
    const warn2 = boardMachine({ name: 'warn2', importance: 2, status: 'WARNING' });
    const fault1 = boardMachine({ name: 'fault1', importance: 1, status: 'FAULT' });
    const fault4 = boardMachine({ name: 'fault4', importance: 4, status: 'FAULT' });
    b.setSnapshot([ok5, warn2, fault1, fault4], '10');
    flushSync();
    expect(b.sorted.map((m) => m.name)).toEqual(['fault4', 'fault1', 'warn2', 'ok5']);
  });

  it('applies each event once: an id at or below the cursor is dropped', () => {
    const b = board();
    const press = boardMachine({ name: 'press' });
    b.setSnapshot([press], '10');
    expect(b.applyEvent({ id: '9', machine: { ...press, status: 'FAULT' } })).toBe(false);
    expect(b.applyEvent({ id: '10', machine: { ...press, status: 'FAULT' } })).toBe(false);
    expect(b.machines.get(press.id)!.status).toBe('OK');
    expect(b.applyEvent({ id: '11', machine: { ...press, status: 'WARNING' } })).toBe(true);
    expect(b.cursor).toBe('11');
    expect(b.machines.get(press.id)!.status).toBe('WARNING');
    // Ids compare as numbers, not strings ("100" > "99").
    b.applyEvent({ id: '99', machine: press });
    expect(b.applyEvent({ id: '100', machine: { ...press, status: 'FAULT' } })).toBe(true);
  });

  it('an event replaces only its own tile', () => {
    const b = board();
    const a = boardMachine();
    const other = boardMachine();
    b.setSnapshot([a, other], null);
    b.applyEvent({ id: '1', machine: { ...a, status: 'FAULT' } });
    expect(b.machines.get(other.id)).toBe(other);
  });

  it('an archived machine leaves the board', () => {
    const b = board();
    const a = boardMachine();
    b.setSnapshot([a], '1');
    b.applyEvent({ id: '2', machine: { ...a, archived: true } });
    expect(b.machines.has(a.id)).toBe(false);
  });

  it('a warning repeat raises the count on that tile only', () => {
    const b = board();
    const warning = {
      id: 'w1',
      code: 'TEMP_HIGH',
      message: 'Hot',
      repeatCount: 1,
      lastSeenAt: new Date(0).toISOString(),
    };
    const a = boardMachine({ status: 'WARNING', activeWarnings: [warning] });
    const other = boardMachine();
    b.setSnapshot([a, other], '1');
    const seen = new Date().toISOString();
    b.applyWarningRepeat({ machineId: a.id, warningId: 'w1', repeatCount: 4, lastSeenAt: seen });
    expect(b.machines.get(a.id)!.activeWarnings[0]).toMatchObject({
      repeatCount: 4,
      lastSeenAt: seen,
    });
    // A late, smaller count never lowers it.
    b.applyWarningRepeat({ machineId: a.id, warningId: 'w1', repeatCount: 2, lastSeenAt: seen });
    expect(b.machines.get(a.id)!.activeWarnings[0]!.repeatCount).toBe(4);
    expect(b.machines.get(other.id)).toBe(other);
  });
});

describe('matchesFilters', () => {
  const m = boardMachine({
    name: 'Press 7',
    assetCode: 'PRS-07',
    status: 'FAULT',
    technicians: [{ id: 'u1', name: 'Tom' }],
  });
  it('matches text over name, asset code, location and building, every word', () => {
    expect(matchesFilters(m, { ...EMPTY_FILTERS, text: 'prs-07' }, null)).toBe(true);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, text: 'press hall' }, null)).toBe(true);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, text: 'line 1 press' }, null)).toBe(true);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, text: 'lathe' }, null)).toBe(false);
  });
  it('matches status, building and technician ("me" is the signed-in user)', () => {
    expect(matchesFilters(m, { ...EMPTY_FILTERS, statuses: ['OK'] }, null)).toBe(false);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, buildings: ['b2'] }, null)).toBe(false);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, technician: 'me' }, 'u1')).toBe(true);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, technician: 'me' }, 'u2')).toBe(false);
    expect(matchesFilters(m, { ...EMPTY_FILTERS, technician: 'u1' }, null)).toBe(true);
  });
});
