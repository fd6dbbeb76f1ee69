import { describe, expect, it } from 'vitest';
import { conflictRows, editOf, reapply, redraft, type CaseFacts } from './conflict.ts';

const base: CaseFacts = {
  version: 1,
  status: 'OPEN',
  severity: 'HIGH',
  description: 'Leak',
  assigneeId: null,
  assigneeName: null,
};
const manager = { id: 'm', role: 'MANAGER' as const };

describe('conflicts, computed', () => {
  it('an edit sends only the fields that differ from where it started (trimmed)', () => {
    expect(editOf({ base, description: ' Leak ', severity: 'HIGH' })).toEqual({ kind: 'edit' });
    expect(editOf({ base, description: 'Leak, big', severity: 'LOW' })).toEqual({
      kind: 'edit',
      description: 'Leak, big',
      severity: 'LOW',
    });
  });

  it('lists the fields they changed and those I change; nothing else', () => {
    const rows = conflictRows({
      write: { kind: 'edit', severity: 'LOW' },
      base,
      current: { ...base, version: 2, assigneeId: 'r', assigneeName: 'Rick' },
    });
    expect(rows).toEqual([
      { field: 'assignee', before: null, mine: undefined, now: 'Rick', clash: false },
      { field: 'severity', before: 'HIGH', mine: 'LOW', now: 'HIGH', clash: false },
    ]);
  });

  it('re-applies nothing when the case already is as I wanted it', () => {
    const conflict = {
      write: { kind: 'edit' as const, severity: 'LOW' as const },
      base,
      current: { ...base, version: 3, severity: 'LOW' as const },
    };
    expect(reapply(conflict, manager)).toEqual({ kind: 'done' });
    expect(
      reapply(
        {
          write: { kind: 'assign', assigneeId: 'r', assigneeName: 'Rick' },
          base,
          current: { ...base, assigneeId: 'r', assigneeName: 'Rick', version: 2 },
        },
        manager,
      ),
    ).toEqual({ kind: 'done' });
  });

  it('an edit of a case resolved meanwhile cannot be re-applied', () => {
    expect(
      reapply(
        {
          write: { kind: 'edit', severity: 'LOW' },
          base,
          current: { ...base, version: 3, status: 'RESOLVED' },
        },
        manager,
      ),
    ).toEqual({ kind: 'not-allowed' });
  });

  it('a redraft starts from the current case with my changes on top', () => {
    expect(
      redraft({
        write: { kind: 'edit', description: 'Mine' },
        base,
        current: { ...base, version: 4, severity: 'CRITICAL' },
      }),
    ).toEqual({
      base: { ...base, version: 4, severity: 'CRITICAL' },
      description: 'Mine',
      severity: 'CRITICAL',
    });
  });
});
