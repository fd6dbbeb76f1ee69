import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { FaultStatus, Role } from '#lib/graphql/generated/graphql.ts';
import CaseActions from './CaseActions.svelte';
import type { CaseResult } from './case.svelte.ts';
import { answered, caseDetail, PEOPLE, refused } from './testing.ts';

// The lifecycle buttons for every role and state (DESIGN §3), each cell written out.
type Who = 'manager' | 'technician' | 'repair (assigned)' | 'repair (not assigned)';
const VIEWER: Record<Who, { id: string; role: Role }> = {
  manager: { id: PEOPLE.manager.id, role: 'MANAGER' },
  technician: { id: PEOPLE.technician.id, role: 'TECHNICIAN' },
  'repair (assigned)': { id: PEOPLE.repair.id, role: 'REPAIR' },
  'repair (not assigned)': { id: PEOPLE.otherRepair.id, role: 'REPAIR' },
};
const STATUSES: FaultStatus[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];

/** The buttons shown, in order, by their visible words; the case is assigned to Rick. */
const GRID: Record<Who, Record<FaultStatus, string[]>> = {
  manager: {
    OPEN: ['Acknowledge', 'Resolve…', 'Reassign…'],
    ACKNOWLEDGED: ['Start repair', 'Resolve…', 'Reassign…'],
    IN_PROGRESS: ['Resolve…', 'Reassign…'],
    RESOLVED: ['Reopen…'],
  },
  technician: {
    OPEN: ['Acknowledge'],
    ACKNOWLEDGED: ['Start repair'],
    IN_PROGRESS: [],
    RESOLVED: ['Reopen…'],
  },
  'repair (assigned)': {
    OPEN: ['Acknowledge', 'Resolve…'],
    ACKNOWLEDGED: ['Start repair', 'Resolve…'],
    IN_PROGRESS: ['Resolve…'],
    RESOLVED: [],
  },
  'repair (not assigned)': { OPEN: [], ACKNOWLEDGED: [], IN_PROGRESS: [], RESOLVED: [] },
};

async function shownButtons(): Promise<string[]> {
  const section = page.getByRole('region', { name: 'Next step' });
  await expect.element(section).toBeVisible();
  return [...section.element().querySelectorAll('.buttons button')].map(
    (b) => b.textContent?.trim() ?? '',
  );
}

describe('lifecycle buttons: every role × state', () => {
  for (const who of Object.keys(GRID) as Who[]) {
    for (const status of STATUSES) {
      const expected = GRID[who][status];
      it(`${who}, ${status}: ${expected.join(', ') || 'none'}`, async () => {
        await render(CaseActions, {
          viewer: VIEWER[who],
          fc: caseDetail({ status, assignee: PEOPLE.repair }),
          onwrite: vi.fn(),
        });
        expect(await shownButtons()).toEqual(expected);
        if (expected.length === 0) {
          await expect
            .element(page.getByText('Nothing for you to do on this case right now.'))
            .toBeVisible();
        } else {
          // The next step stands out.
          expect(page.getByRole('button', { name: expected[0] }).element().className).toContain(
            'primary',
          );
        }
      });
    }
  }

  it('a manager on an unassigned open case: dispatching comes first', async () => {
    await render(CaseActions, {
      viewer: VIEWER.manager,
      fc: caseDetail({ status: 'OPEN', assignee: null }),
      onwrite: vi.fn(),
    });
    expect(await shownButtons()).toEqual(['Assign…', 'Acknowledge', 'Resolve…']);
  });

  it('repair staff see nothing to do on an unassigned case', async () => {
    await render(CaseActions, {
      viewer: VIEWER['repair (assigned)'],
      fc: caseDetail({ status: 'OPEN', assignee: null }),
      onwrite: vi.fn(),
    });
    expect(await shownButtons()).toEqual([]);
  });
});

describe('lifecycle buttons: what they send', () => {
  it('acknowledge sends the version shown, and the buttons wait while it is out', async () => {
    let answer: (v: CaseResult) => void = () => {};
    const onwrite = vi.fn(() => new Promise<CaseResult>((r) => (answer = r)));
    const fc = caseDetail({ status: 'OPEN', assignee: PEOPLE.repair, version: 7 });
    await render(CaseActions, { viewer: VIEWER['repair (assigned)'], fc, onwrite });
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    expect(onwrite).toHaveBeenCalledWith(
      { kind: 'acknowledge' },
      expect.objectContaining({ version: 7, status: 'OPEN' }),
    );
    await expect.element(page.getByRole('button', { name: 'Resolve…' })).toBeDisabled();
    answer(answered({ ...fc, status: 'ACKNOWLEDGED', version: 8 }));
    await expect.element(page.getByRole('button', { name: 'Resolve…' })).toBeEnabled();
  });

  it('after a step the keyboard lands on the next step', async () => {
    let answer: (v: CaseResult) => void = () => {};
    const onwrite = vi.fn(() => new Promise<CaseResult>((r) => (answer = r)));
    const fc = caseDetail({ status: 'OPEN', assignee: PEOPLE.repair, version: 7 });
    const screen = await render(CaseActions, {
      viewer: VIEWER['repair (assigned)'],
      fc,
      onwrite,
    });
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    // The page applies the answer (the case moved on), then the write resolves.
    const next = { ...fc, status: 'ACKNOWLEDGED' as const, version: 8 };
    await screen.rerender({ fc: next });
    answer(answered(next));
    await expect.element(page.getByRole('button', { name: 'Start repair' })).toHaveFocus();
  });

  it('resolve asks for the resolution note and sends it; a blank note is shown at its field', async () => {
    const onwrite = vi
      .fn()
      .mockResolvedValueOnce(
        refused('BAD_USER_INPUT', 'resolutionNote must not be blank', { field: 'resolutionNote' }),
      )
      .mockResolvedValueOnce(answered(caseDetail({ status: 'RESOLVED' })));
    const fc = caseDetail({ status: 'IN_PROGRESS', assignee: PEOPLE.repair, version: 5 });
    await render(CaseActions, { viewer: VIEWER['repair (assigned)'], fc, onwrite });
    await page.getByRole('button', { name: 'Resolve…' }).click();
    const note = page.getByLabelText('What was done');
    await expect.element(note).toHaveFocus();
    await userEvent.fill(note, '   ');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    expect(onwrite).toHaveBeenLastCalledWith(
      { kind: 'resolve', resolutionNote: '   ' },
      expect.objectContaining({ version: 5 }),
    );
    await expect.element(page.getByText('Required.')).toBeVisible();
    await expect.element(note).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Please check the marked fields.');
    // What was typed stays; a real note goes through and the form closes.
    await userEvent.fill(note, 'Replaced the main cylinder seal');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    expect(onwrite).toHaveBeenLastCalledWith(
      { kind: 'resolve', resolutionNote: 'Replaced the main cylinder seal' },
      expect.anything(),
    );
    await expect.element(page.getByLabelText('What was done')).not.toBeInTheDocument();
  });

  it('a refused step is told in words (a case that moved on, a role that may not)', async () => {
    const onwrite = vi
      .fn()
      .mockResolvedValueOnce(
        refused('BAD_USER_INPUT', 'A case cannot go from IN_PROGRESS to IN_PROGRESS', {
          from: 'IN_PROGRESS',
          to: 'IN_PROGRESS',
        }),
      )
      .mockResolvedValueOnce(refused('FORBIDDEN', 'Only the assigned repair worker may do this'));
    const fc = caseDetail({ status: 'ACKNOWLEDGED', assignee: PEOPLE.repair });
    await render(CaseActions, { viewer: VIEWER.technician, fc, onwrite });
    await page.getByRole('button', { name: 'Start repair' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('The case is in progress now and cannot become in progress.');
    await page.getByRole('button', { name: 'Start repair' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('You may not do this on this case.');
  });

  it('a conflict leaves the words to the conflict view', async () => {
    const onwrite = vi
      .fn()
      .mockResolvedValue(refused('CONFLICT', 'changed', { currentVersion: 9 }));
    await render(CaseActions, {
      viewer: VIEWER.manager,
      fc: caseDetail({ status: 'OPEN', assignee: PEOPLE.repair }),
      onwrite,
    });
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => onwrite.mock.calls.length).toBe(1);
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
  });

  it('a manager assigns to an active repair worker chosen from the list', async () => {
    const onwrite = vi.fn().mockResolvedValue(answered(caseDetail({ assignee: PEOPLE.repair })));
    const onloadworkers = vi.fn();
    await render(CaseActions, {
      viewer: VIEWER.manager,
      fc: caseDetail({ status: 'OPEN', assignee: null, version: 2 }),
      workers: [PEOPLE.repair, PEOPLE.otherRepair],
      workersLoad: 'ready',
      onloadworkers,
      onwrite,
    });
    await page.getByRole('button', { name: 'Assign…' }).click();
    expect(onloadworkers).toHaveBeenCalled();
    await userEvent.selectOptions(page.getByLabelText('Repair worker'), 'Rita Repair');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    expect(onwrite).toHaveBeenCalledWith(
      { kind: 'assign', assigneeId: PEOPLE.otherRepair.id, assigneeName: 'Rita Repair' },
      expect.objectContaining({ version: 2 }),
    );
  });
});
