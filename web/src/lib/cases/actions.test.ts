import { describe, expect, it } from 'vitest';
import type { FaultStatus, Role } from '#lib/graphql/generated/graphql.ts';
import { lifecycleActions, mayDo, type CaseAction } from './actions.ts';

// DESIGN §3, written out cell by cell (not derived from the code under test).
type Who = 'manager' | 'technician' | 'repair (assigned)' | 'repair (not assigned)';
const VIEWER: Record<Who, { id: string; role: Role }> = {
  manager: { id: 'm', role: 'MANAGER' },
  technician: { id: 't', role: 'TECHNICIAN' },
  'repair (assigned)': { id: 'r', role: 'REPAIR' },
  'repair (not assigned)': { id: 'r2', role: 'REPAIR' },
};
const STATUSES: FaultStatus[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];
const ALL: CaseAction[] = ['edit', 'assign', 'acknowledge', 'start', 'note', 'resolve', 'reopen'];

const GRID: Record<Who, Record<FaultStatus, CaseAction[]>> = {
  manager: {
    OPEN: ['edit', 'assign', 'acknowledge', 'note', 'resolve'],
    ACKNOWLEDGED: ['edit', 'assign', 'start', 'note', 'resolve'],
    IN_PROGRESS: ['edit', 'assign', 'note', 'resolve'],
    RESOLVED: ['note', 'reopen'],
  },
  technician: {
    OPEN: ['edit', 'acknowledge', 'note'],
    ACKNOWLEDGED: ['edit', 'start', 'note'],
    IN_PROGRESS: ['edit', 'note'],
    RESOLVED: ['note', 'reopen'],
  },
  'repair (assigned)': {
    OPEN: ['acknowledge', 'note', 'resolve'],
    ACKNOWLEDGED: ['start', 'note', 'resolve'],
    IN_PROGRESS: ['note', 'resolve'],
    RESOLVED: ['note'],
  },
  'repair (not assigned)': { OPEN: [], ACKNOWLEDGED: [], IN_PROGRESS: [], RESOLVED: [] },
};

describe('what a person may do to a case', () => {
  for (const who of Object.keys(GRID) as Who[]) {
    for (const status of STATUSES) {
      it(`${who}, ${status}: ${GRID[who][status].join(', ') || 'nothing'}`, () => {
        const fc = { status, assignee: { id: 'r' } };
        expect(ALL.filter((a) => mayDo(a, VIEWER[who], fc))).toEqual(GRID[who][status]);
      });
    }
  }

  it('repair staff may do nothing to an unassigned case; staff may', () => {
    const fc = { status: 'OPEN' as const, assignee: null };
    expect(ALL.filter((a) => mayDo(a, VIEWER['repair (assigned)'], fc))).toEqual([]);
    expect(ALL.filter((a) => mayDo(a, VIEWER.technician, fc))).toEqual([
      'edit',
      'acknowledge',
      'note',
    ]);
  });

  it("puts dispatching first for a manager on an unassigned case, else the lifecycle's order", () => {
    const manager = VIEWER.manager;
    expect(lifecycleActions(manager, { status: 'OPEN', assignee: null })).toEqual([
      'assign',
      'acknowledge',
      'resolve',
    ]);
    expect(lifecycleActions(manager, { status: 'OPEN', assignee: { id: 'r' } })).toEqual([
      'acknowledge',
      'resolve',
      'assign',
    ]);
  });
});
