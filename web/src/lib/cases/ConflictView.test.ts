import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { CaseConflict, CaseFacts } from './conflict.ts';
import ConflictView from './ConflictView.svelte';
import { answered, caseDetail, PEOPLE, refused } from './testing.ts';

const base: CaseFacts = {
  version: 4,
  status: 'OPEN',
  severity: 'HIGH',
  description: 'Hydraulic leak at main cylinder',
  assigneeId: null,
  assigneeName: null,
};
const technician = { id: PEOPLE.technician.id, role: 'TECHNICIAN' as const };
const repair = { id: PEOPLE.repair.id, role: 'REPAIR' as const };

function cell(field: string, which: 'before' | 'mine' | 'now') {
  return page
    .getByRole('row')
    .filter({ hasText: field })
    .element()
    .querySelector(`[data-cell="${which}"]`)
    ?.textContent?.trim();
}

function props(
  conflict: CaseConflict,
  viewer: { id: string; role: 'MANAGER' | 'TECHNICIAN' | 'REPAIR' } = technician,
) {
  return {
    conflict,
    viewer,
    onwrite: vi.fn().mockResolvedValue(answered(caseDetail())),
    onaddnote: vi.fn().mockResolvedValue({ data: { addFaultNote: {} } }),
    onredraft: vi.fn(),
    onclose: vi.fn(),
  };
}

describe('the conflict view (journey 5)', () => {
  it('shows field by field what changed, and re-applies only my change onto the current version', async () => {
    // I edited the description; meanwhile the manager raised the severity.
    const conflict: CaseConflict = {
      write: { kind: 'edit', description: 'Hydraulic leak, oil on the floor' },
      base,
      current: { ...base, version: 5, severity: 'CRITICAL' },
    };
    const p = props(conflict);
    await render(ConflictView, p);
    const heading = page.getByRole('heading', { name: 'Someone else changed this case' });
    await expect.element(heading).toHaveFocus();
    await expect
      .element(
        page.getByText('Your change was not saved, so nothing was overwritten.', { exact: false }),
      )
      .toBeVisible();

    expect(page.getByRole('row').all().length).toBe(3); // header + severity + description
    expect(cell('Severity', 'before')).toBe('High');
    expect(cell('Severity', 'mine')).toBe('not changed by you');
    expect(cell('Severity', 'now')).toBe('Critical');
    expect(cell('Description', 'before')).toBe('Hydraulic leak at main cylinder');
    expect(cell('Description', 'mine')).toBe('Hydraulic leak, oil on the floor');
    expect(cell('Description', 'now')).toBe('Hydraulic leak at main cylinder');
    await expect.element(page.getByText('Changed by both of you')).not.toBeInTheDocument();

    await page.getByRole('button', { name: 'Apply my changes to the current version' }).click();
    // Only my field, on the version the server has now: their severity stays.
    expect(p.onwrite).toHaveBeenCalledWith(
      { kind: 'edit', description: 'Hydraulic leak, oil on the floor' },
      expect.objectContaining({ version: 5, severity: 'CRITICAL' }),
    );
    await expect.poll(() => p.onclose.mock.calls.length).toBe(1);
  });

  it('marks a field both changed, says mine would replace theirs, and offers to change it first', async () => {
    const conflict: CaseConflict = {
      write: { kind: 'edit', description: 'Leak at the pump', severity: 'MEDIUM' },
      base,
      current: { ...base, version: 6, description: 'Leak fixed temporarily, seal ordered' },
    };
    const p = props(conflict);
    await render(ConflictView, p);
    const row = page.getByRole('row').filter({ hasText: 'Description' });
    await expect.element(row.getByText('Changed by both of you')).toBeVisible();
    await expect
      .element(page.getByText('Applying your change replaces the current value', { exact: false }))
      .toBeVisible();
    expect(cell('Severity', 'mine')).toBe('Medium');
    await page.getByRole('button', { name: 'Change it before saving' }).click();
    expect(p.onredraft).toHaveBeenCalled();
    expect(p.onwrite).not.toHaveBeenCalled();
  });

  it('keeps the current version when I choose so, sending nothing', async () => {
    const p = props({
      write: { kind: 'edit', severity: 'LOW' },
      base,
      current: { ...base, version: 5, severity: 'CRITICAL' },
    });
    await render(ConflictView, p);
    await page.getByRole('button', { name: 'Keep the current version' }).click();
    expect(p.onclose).toHaveBeenCalled();
    expect(p.onwrite).not.toHaveBeenCalled();
  });

  it('a step on a case that moved on: acknowledging again on the current version', async () => {
    // Someone assigned the case while I was about to acknowledge it.
    const p = props(
      {
        write: { kind: 'acknowledge' },
        base,
        current: { ...base, version: 5, assigneeId: PEOPLE.repair.id, assigneeName: 'Rick Repair' },
      },
      technician,
    );
    await render(ConflictView, p);
    expect(cell('Status', 'mine')).toBe('Acknowledged');
    expect(cell('Status', 'now')).toBe('Open');
    expect(cell('Assigned to', 'before')).toBe('Not assigned');
    expect(cell('Assigned to', 'now')).toBe('Rick Repair');
    await page.getByRole('button', { name: 'Acknowledge the current version' }).click();
    expect(p.onwrite).toHaveBeenCalledWith(
      { kind: 'acknowledge' },
      expect.objectContaining({ version: 5 }),
    );
  });

  it('resolved meanwhile: my resolution text is kept and can go in as a note', async () => {
    const p = props(
      {
        write: { kind: 'resolve', resolutionNote: 'Seal replaced, tested at 200 bar' },
        base: {
          ...base,
          status: 'IN_PROGRESS',
          assigneeId: PEOPLE.repair.id,
          assigneeName: 'Rick Repair',
        },
        current: {
          ...base,
          version: 9,
          status: 'RESOLVED',
          assigneeId: PEOPLE.repair.id,
          assigneeName: 'Rick Repair',
        },
      },
      repair,
    );
    await render(ConflictView, p);
    await expect
      .element(page.getByText('The case already is as you wanted it.', { exact: false }))
      .toBeVisible();
    await expect.element(page.getByText('Seal replaced, tested at 200 bar')).toBeVisible();
    await expect
      .element(page.getByRole('button', { name: 'Resolve the current version' }))
      .not.toBeInTheDocument();
    await page.getByRole('button', { name: 'Add it as a note' }).click();
    expect(p.onaddnote).toHaveBeenCalledWith('Seal replaced, tested at 200 bar');
    await expect.poll(() => p.onclose.mock.calls.length).toBe(1);
  });

  it('a step that no longer applies says so and offers nothing to re-apply', async () => {
    const p = props(
      {
        write: { kind: 'start' },
        base: { ...base, status: 'ACKNOWLEDGED' },
        current: { ...base, version: 7, status: 'RESOLVED' },
      },
      technician,
    );
    await render(ConflictView, p);
    await expect
      .element(page.getByText('The case is resolved now: your step no longer applies.'))
      .toBeVisible();
    await expect
      .element(page.getByRole('button', { name: /current version/ }))
      .not.toBeInTheDocument();
  });

  it('a re-apply that is refused again says why, and stays open', async () => {
    const p = props({
      write: { kind: 'edit', description: 'x' },
      base,
      current: { ...base, version: 5 },
    });
    p.onwrite.mockResolvedValue(refused('FORBIDDEN', 'no'));
    await render(ConflictView, p);
    await page.getByRole('button', { name: 'Apply my changes to the current version' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('You may not do this on this case.');
    expect(p.onclose).not.toHaveBeenCalled();
  });
});
