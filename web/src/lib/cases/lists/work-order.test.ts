import { describe, expect, it } from 'vitest';
import { compareWork, inWorkOrder, type OrderableCase } from './work-order.ts';

const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();

function fc(
  id: string,
  overrides: Partial<Omit<OrderableCase, 'machine'>> & { importance?: number } = {},
) {
  const { importance = 3, ...rest } = overrides;
  return {
    id,
    status: 'ACKNOWLEDGED',
    severity: 'MEDIUM',
    openedAt: hoursAgo(1),
    machine: { importance },
    ...rest,
  } satisfies OrderableCase;
}

const order = (cases: OrderableCase[]) => inWorkOrder(cases).map((c) => c.id);

describe('the work order of a repair worker', () => {
  it('puts the repair under way first, even before a critical fault', () => {
    expect(
      order([
        fc('critical', { status: 'OPEN', severity: 'CRITICAL' }),
        fc('working', { status: 'IN_PROGRESS', severity: 'LOW' }),
      ]),
    ).toEqual(['working', 'critical']);
  });

  it('then critical faults nobody has acknowledged, before an acknowledged critical one', () => {
    expect(
      order([
        fc('acked-critical', { severity: 'CRITICAL', openedAt: hoursAgo(5) }),
        fc('high', { status: 'OPEN', severity: 'HIGH', importance: 5 }),
        fc('new-critical', { status: 'OPEN', severity: 'CRITICAL', openedAt: hoursAgo(0.1) }),
      ]),
    ).toEqual(['new-critical', 'acked-critical', 'high']);
  });

  it('then by severity, whether acknowledged or not', () => {
    expect(
      order([
        fc('low', { status: 'OPEN', severity: 'LOW' }),
        fc('high', { severity: 'HIGH' }),
        fc('medium', { status: 'OPEN', severity: 'MEDIUM' }),
      ]),
    ).toEqual(['high', 'medium', 'low']);
  });

  it('at the same severity, the more important machine first, then the longest waiting', () => {
    expect(
      order([
        fc('minor-old', { importance: 1, openedAt: hoursAgo(30) }),
        fc('vital-new', { importance: 5, openedAt: hoursAgo(1) }),
        fc('vital-old', { importance: 5, openedAt: hoursAgo(3) }),
      ]),
    ).toEqual(['vital-old', 'vital-new', 'minor-old']);
  });

  it('orders several repairs under way by the same rules', () => {
    expect(
      order([
        fc('w-low', { status: 'IN_PROGRESS', severity: 'LOW' }),
        fc('w-high', { status: 'IN_PROGRESS', severity: 'HIGH' }),
      ]),
    ).toEqual(['w-high', 'w-low']);
  });

  it('is a total, stable order: equal cases by id, and never changes the input', () => {
    const at = hoursAgo(2);
    const cases = [fc('b', { openedAt: at }), fc('a', { openedAt: at })];
    expect(order(cases)).toEqual(['a', 'b']);
    expect(cases.map((c) => c.id)).toEqual(['b', 'a']);
    expect(compareWork(cases[0]!, cases[0]!)).toBe(0);
  });

  it('puts a resolved case last, should one slip in', () => {
    expect(
      order([
        fc('done', { status: 'RESOLVED', severity: 'CRITICAL' }),
        fc('low', { severity: 'LOW' }),
      ]),
    ).toEqual(['low', 'done']);
  });
});
