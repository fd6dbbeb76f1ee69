import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { MachineEventRowFragment } from '#lib/graphql/generated/graphql.ts';
import { locale } from '#lib/i18n/locale.svelte.ts';
import { formatDateTime } from '#lib/messages.ts';
import { badgeShape } from '#lib/testing/badge.ts';
import { Paged } from './machine.svelte.ts';
import Timeline from './Timeline.svelte';

afterEach(() => locale.set('en'));

let nextId = 100;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const tom = { kind: 'USER' as const, name: 'Tom Technician' };

function event(overrides: Partial<MachineEventRowFragment>): MachineEventRowFragment {
  return {
    id: String(nextId--),
    type: 'MACHINE_CREATED',
    at: minutesAgo(1),
    fromStatus: null,
    toStatus: null,
    data: {},
    actor: tom,
    faultCase: null,
    ...overrides,
  };
}

function paged(items: MachineEventRowFragment[], next: string | null = null) {
  const list = new Paged<MachineEventRowFragment>();
  list.items = items;
  list.next = next;
  list.loaded = true;
  return list;
}

const fold = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
/** Each row's text, whitespace folded. */
const rows = () =>
  [...document.querySelectorAll('li[data-event]')].map((li) => fold(li.textContent));
/** Each row's sentence and who did it. */
const said = () =>
  [...document.querySelectorAll('li[data-event]')].map((li) =>
    [fold(li.querySelector('.what')?.textContent), fold(li.querySelector('.who')?.textContent)]
      .filter(Boolean)
      .join(' '),
  );

describe('Timeline', () => {
  it('tells each kind of event in words, with who and when', async () => {
    const at = minutesAgo(5);
    const sensor = { kind: 'API_CLIENT' as const, name: 'Line sensors' };
    const caseRef = { id: 'c1' };
    await render(Timeline, {
      history: paged([
        event({
          type: 'STATUS_CHANGED',
          fromStatus: 'WARNING',
          toStatus: 'FAULT',
          at,
        }),
        event({
          type: 'FAULT_OPENED',
          faultCase: caseRef,
          data: { severity: 'HIGH', description: 'Hydraulic leak at main cylinder' },
        }),
        event({
          type: 'WARNING_RAISED',
          actor: sensor,
          data: { message: 'Oil hot', code: 'TEMP_HIGH' },
        }),
        event({ type: 'WARNING_CLEARED', data: { message: 'Oil hot', code: 'TEMP_HIGH' } }),
        event({
          type: 'FAULT_ASSIGNED',
          faultCase: caseRef,
          data: { assigneeId: 'u9', assigneeName: 'Rick Repair' },
        }),
        event({ type: 'FAULT_ACKNOWLEDGED', faultCase: caseRef, actor: null }),
        event({ type: 'FAULT_STARTED', faultCase: caseRef }),
        event({ type: 'FAULT_NOTE_ADDED', faultCase: caseRef, data: { body: 'Seal ordered' } }),
        event({
          type: 'FAULT_UPDATED',
          faultCase: caseRef,
          data: { severity: { from: 'HIGH', to: 'CRITICAL' } },
        }),
        event({
          type: 'FAULT_RESOLVED',
          faultCase: caseRef,
          data: { resolutionNote: 'Seal replaced' },
        }),
        event({ type: 'FAULT_REOPENED', faultCase: caseRef, data: { reason: 'Leaks again' } }),
        event({ type: 'TECHNICIANS_ASSIGNED', data: { technicianIds: ['a', 'b'] } }),
        event({ type: 'TECHNICIANS_ASSIGNED', data: { technicianIds: [] } }),
        event({ type: 'MACHINE_UPDATED', data: { name: 'Press 7b', importance: 4 } }),
        event({ type: 'MACHINE_ARCHIVED' }),
        event({ type: 'MACHINE_CREATED', actor: null }),
      ]),
      onmore: () => {},
    });

    const seen = rows();
    expect(seen[0]).toMatch(
      /^Fault Status changed from Warning to Fault by Tom Technician · 5 minutes ago · /,
    );
    expect(seen[0]).toContain(formatDateTime(at).replace(/\s+/g, ' '));
    expect(said().slice(1)).toEqual([
      'Fault reported, high severity: “Hydraulic leak at main cylinder” by Tom Technician',
      'Warning raised: “Oil hot” (TEMP_HIGH) by Line sensors (connected system)',
      'Warning cleared: “Oil hot” (TEMP_HIGH) by Tom Technician',
      'Fault case assigned to Rick Repair by Tom Technician',
      // Who worked a case is its detail: not known to this reader, so not claimed.
      'Fault case acknowledged',
      'Repair started by Tom Technician',
      'Note added: “Seal ordered” by Tom Technician',
      'Fault case edited: severity High → Critical by Tom Technician',
      'Fault resolved: “Seal replaced” by Tom Technician',
      'Fault case reopened: “Leaks again” by Tom Technician',
      '2 technicians assigned by Tom Technician',
      'All technicians removed by Tom Technician',
      'Details changed: Name: Press 7b, Importance: 4 by Tom Technician',
      'Machine archived by Tom Technician',
      'Machine added automatically',
    ]);
    // The status is shape and word too, not colour alone.
    expect(badgeShape(document.querySelector('li[data-type="STATUS_CHANGED"]')!)).toBe('square');
    // The exact time is on the relative one, for machines and on hover.
    const time = document.querySelector('li[data-type="STATUS_CHANGED"] time')!;
    expect(time.getAttribute('datetime')).toBe(at);
  });

  it('reads what a reader without the case detail gets: the board keys only', async () => {
    await render(Timeline, {
      history: paged([
        event({
          type: 'FAULT_OPENED',
          faultCase: { id: 'c2' },
          actor: null,
          data: { severity: 'LOW' },
        }),
        event({ type: 'FAULT_RESOLVED', faultCase: { id: 'c2' }, actor: null, data: {} }),
      ]),
      onmore: () => {},
    });
    expect(said()).toEqual(['Fault reported, low severity', 'Fault resolved']);
  });

  it('speaks German when the person does', async () => {
    locale.set('de');
    await render(Timeline, {
      history: paged([
        event({ type: 'STATUS_CHANGED', fromStatus: 'OK', toStatus: 'WARNING', at: minutesAgo(2) }),
        event({ type: 'WARNING_RAISED', data: { message: 'Öl heiß', code: null } }),
      ]),
      onmore: () => {},
    });
    const seen = rows();
    expect(seen[0]).toMatch(
      /Status von OK zu Warnung gewechselt von Tom Technician · vor 2 Minuten/,
    );
    expect(seen[1]).toMatch(/^Warnung ausgelöst: „Öl heiß“ von Tom Technician/);
  });

  it('offers older events while there are more, and says when there is nothing yet', async () => {
    const onmore = vi.fn();
    const screen = await render(Timeline, {
      history: paged([event({ type: 'MACHINE_CREATED' })], 'cursor-1'),
      onmore,
    });
    await page.getByRole('button', { name: 'Load more' }).click();
    expect(onmore).toHaveBeenCalledOnce();
    await screen.rerender({ history: paged([]), onmore });
    await expect.element(page.getByText('Nothing recorded yet.')).toBeVisible();
    expect(page.getByRole('button', { name: 'Load more' }).elements()).toHaveLength(0);
  });
});
