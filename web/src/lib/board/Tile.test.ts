import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { badgeShape } from '#lib/testing/badge.ts';
import { boardMachine } from '#lib/testing/machines.ts';
import Tile from './Tile.svelte';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

describe('Tile', () => {
  it('shows name, building, place, importance and OK as colour, shape and word', async () => {
    await render(Tile, {
      machine: boardMachine({ name: 'Press 7', assetCode: 'PRS-07', importance: 5 }),
    });
    const tile = page.getByRole('article', { name: 'Press 7' });
    await expect.element(tile).toBeVisible();
    await expect.element(tile).toHaveAttribute('data-status', 'OK');
    await expect.element(tile.getByText('OK', { exact: true })).toBeVisible();
    await expect.element(tile.getByText('Hall A · Line 1 · PRS-07')).toBeVisible();
    await expect.element(tile.getByRole('img', { name: 'Importance 5 of 5' })).toBeVisible();
    // The shape: a circle for OK (never colour alone).
    expect(badgeShape(tile.element())).toBe('circle');
    // OK tiles carry no timer.
    expect(tile.element().querySelector('time')).toBeNull();
  });

  it('shows a fault with its severity, owner and a timer since the case opened', async () => {
    await render(Tile, {
      machine: boardMachine({
        name: 'Lathe 2',
        status: 'FAULT',
        openFaultCase: {
          id: 'c1',
          severity: 'HIGH',
          status: 'ACKNOWLEDGED',
          openedAt: minutesAgo(4),
          assignee: { id: 'u9', name: 'Rick Repair' },
        },
      }),
    });
    const tile = page.getByRole('article', { name: 'Lathe 2' });
    await expect.element(tile.getByText('Fault', { exact: true })).toBeVisible();
    expect(badgeShape(tile.element())).toBe('square');
    await expect.element(tile.getByText(/Severity: High/)).toBeVisible();
    await expect.element(tile.getByText('Owner: Rick Repair')).toBeVisible();
    await expect.element(tile.getByText(/^4m \d\d?s$/)).toBeVisible();
  });

  it('says plainly when nobody owns an open fault', async () => {
    await render(Tile, {
      machine: boardMachine({
        name: 'Grinder 1',
        status: 'FAULT',
        openFaultCase: {
          id: 'c2',
          severity: 'CRITICAL',
          status: 'OPEN',
          openedAt: minutesAgo(1),
          assignee: null,
        },
      }),
    });
    await expect.element(page.getByText('Not assigned')).toBeVisible();
  });

  it('lists active warnings with their repeat count, and how many more there are', async () => {
    const warning = (id: string, message: string, repeatCount: number) => ({
      id,
      code: null,
      message,
      repeatCount,
      lastSeenAt: minutesAgo(1),
    });
    await render(Tile, {
      machine: boardMachine({
        name: 'Drill 3',
        status: 'WARNING',
        statusSince: minutesAgo(12),
        activeWarnings: [
          warning('w1', 'Oil temperature high', 3),
          warning('w2', 'Vibration', 1),
          warning('w3', 'Coolant low', 1),
          warning('w4', 'Door open', 1),
        ],
      }),
    });
    const tile = page.getByRole('article', { name: 'Drill 3' });
    expect(badgeShape(tile.element())).toBe('triangle');
    await expect.element(tile.getByText('Warning', { exact: true })).toBeVisible();
    await expect.element(tile.getByText('Oil temperature high')).toBeVisible();
    await expect.element(tile.getByText('×3')).toBeVisible();
    await expect.element(tile.getByText('reported 3 times')).toBeInTheDocument();
    await expect.element(tile.getByText('+1 more')).toBeVisible();
    await expect.element(tile.getByText('Door open')).not.toBeInTheDocument();
    await expect.element(tile.getByText(/^12m \d\d?s$/)).toBeVisible();
  });
});
