import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { Clock, clock } from './clock.svelte.ts';
import Timer from './Timer.svelte';

describe('Timer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    clock.offsetMs = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    clock.offsetMs = 0;
  });

  it('counts up from the one shared clock', async () => {
    const since = new Date(Date.now() - 58_000).toISOString();
    await render(Timer, { since });
    await expect.element(page.getByText('58s')).toBeVisible();
    await vi.advanceTimersByTimeAsync(3_000);
    await expect.element(page.getByText('1m 1s')).toBeVisible();
  });

  it('every timer on the page moves on the same tick', async () => {
    const now = Date.now();
    await render(Timer, { since: new Date(now - 10_000).toISOString() });
    await render(Timer, { since: new Date(now - 3_600_000).toISOString() });
    await expect.element(page.getByText('10s')).toBeVisible();
    await expect.element(page.getByText('1h 0m')).toBeVisible();
    await vi.advanceTimersByTimeAsync(60_000);
    await expect.element(page.getByText('1m 10s')).toBeVisible();
    await expect.element(page.getByText('1h 1m')).toBeVisible();
  });

  it('corrects for a device clock that is behind the server', async () => {
    // The server's Date header says it is 10 minutes later than this device thinks.
    const serverNow = Date.now() + 10 * 60_000;
    clock.observeServerDate(serverNow - (serverNow % 1000));
    // A case opened two minutes ago, server time.
    await render(Timer, { since: new Date(serverNow - 120_000).toISOString() });
    await expect.element(page.getByText(/^2m \ds$/)).toBeVisible();
  });
});

describe('Clock', () => {
  it('ignores sub-second disagreement from whole-second Date headers', () => {
    const c = new Clock();
    const device = 1_000_000_500;
    c.observeServerDate(1_000_000_000, device);
    expect(c.offsetMs).toBe(0);
    c.observeServerDate(1_000_005_000, device);
    expect(c.offsetMs).toBe(5_000);
  });
});
