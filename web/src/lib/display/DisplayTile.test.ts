import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { boardMachine } from '#lib/testing/machines.ts';
import { badgeShape } from '#lib/testing/badge.ts';
import DisplayTile from './DisplayTile.svelte';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

describe('DisplayTile', () => {
  it('shows an unacknowledged fault as colour, square and word, with severity and a timer since it opened', async () => {
    await render(DisplayTile, {
      machine: boardMachine({
        name: 'Press 7',
        status: 'FAULT',
        openFaultCase: {
          id: 'c1',
          severity: 'CRITICAL',
          status: 'OPEN',
          openedAt: minutesAgo(4),
          assignee: { id: 'u9', name: 'Rick Repair' },
        },
      }),
    });
    const tile = page.getByRole('article', { name: 'Press 7' });
    await expect.element(tile).toHaveAttribute('data-status', 'FAULT');
    await expect.element(tile.getByText('Fault', { exact: true })).toBeVisible();
    expect(badgeShape(tile.element())).toBe('square');
    await expect.element(tile.getByText('Critical')).toBeVisible();
    await expect.element(tile.getByText(/^4m \d\d?s$/)).toBeVisible();
    // Assigned but nobody has acknowledged it yet: that is what the hall must see.
    await expect.element(tile.getByText('Not acknowledged')).toBeVisible();
    await expect.element(tile.getByText('Owner: Rick Repair')).not.toBeInTheDocument();
  });

  it('names the owner once the fault is acknowledged', async () => {
    await render(DisplayTile, {
      machine: boardMachine({
        name: 'Lathe 2',
        status: 'FAULT',
        openFaultCase: {
          id: 'c2',
          severity: 'HIGH',
          status: 'IN_PROGRESS',
          openedAt: minutesAgo(65),
          assignee: { id: 'u9', name: 'Rick Repair' },
        },
      }),
    });
    const tile = page.getByRole('article', { name: 'Lathe 2' });
    await expect.element(tile.getByText('Owner: Rick Repair')).toBeVisible();
    await expect.element(tile.getByText(/^1h 5m$/)).toBeVisible();
  });

  it('shows a warning with a triangle, its message and the live repeat count', async () => {
    await render(DisplayTile, {
      machine: boardMachine({
        name: 'Compressor 1',
        status: 'WARNING',
        statusSince: minutesAgo(2),
        activeWarnings: [
          {
            id: 'w1',
            code: 'TEMP',
            message: 'Oil temperature high',
            repeatCount: 7,
            lastSeenAt: minutesAgo(0),
          },
          {
            id: 'w2',
            code: 'VIB',
            message: 'Vibration',
            repeatCount: 1,
            lastSeenAt: minutesAgo(1),
          },
        ],
      }),
    });
    const tile = page.getByRole('article', { name: 'Compressor 1' });
    await expect.element(tile.getByText('Warning', { exact: true })).toBeVisible();
    expect(badgeShape(tile.element())).toBe('triangle');
    await expect.element(tile.getByText('Oil temperature high')).toBeVisible();
    await expect.element(tile.getByText('×7')).toBeVisible();
    await expect.element(tile.getByText('reported 7 times')).toBeInTheDocument();
    await expect.element(tile.getByText('+1')).toBeVisible();
    await expect.element(tile.getByText(/^2m \d\d?s$/)).toBeVisible();
  });

  it('stays readable from across a hall: the name and timer are large on a 1080p wall', async () => {
    const host = document.createElement('div');
    host.style.fontSize = `${1920 * 0.018}px`; // the display's clamp() at 1920 px
    document.body.append(host);
    await render(DisplayTile, {
      target: host,
      props: {
        machine: boardMachine({
          name: 'Mill 3',
          status: 'FAULT',
          openFaultCase: {
            id: 'c3',
            severity: 'LOW',
            status: 'OPEN',
            openedAt: minutesAgo(1),
            assignee: null,
          },
        }),
      },
    });
    const name = page.getByRole('heading', { name: 'Mill 3' }).element();
    const timer = host.querySelector('.timer time')!;
    // ~1/100 of the viewing distance (5 m) as cap height: at least ~40 px type on a 55" 1080p.
    expect(parseFloat(getComputedStyle(name).fontSize)).toBeGreaterThanOrEqual(40);
    expect(parseFloat(getComputedStyle(timer).fontSize)).toBeGreaterThanOrEqual(40);
    host.remove();
  });
});
