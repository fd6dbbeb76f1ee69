import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { formatClockTime } from '#lib/messages.ts';
import { clock } from '#lib/ui/clock.svelte.ts';
import OfflineBanner from './OfflineBanner.svelte';

describe('OfflineBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    clock.offsetMs = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('shows nothing while live', async () => {
    const { container } = await render(OfflineBanner, {
      state: 'online',
      offlineSince: null,
      recovered: null,
    });
    expect(container.querySelector('[data-banner]')).toBeNull();
  });

  it('says since when the screen is offline, and for how long, counting up', async () => {
    vi.useRealTimers();
    const since = Date.now() - 65_000;
    await render(OfflineBanner, { state: 'offline', offlineSince: since, recovered: null });
    const banner = page.getByRole('alert');
    await expect.element(banner).toBeVisible();
    // Times carry a narrow no-break space before AM/PM in some locales: compare normalised.
    const text = () => banner.element().textContent!.replace(/\s+/g, ' ');
    expect(text()).toContain(`Offline since ${formatClockTime(since).replace(/\s+/g, ' ')}`);
    expect(text()).toContain('Showing the last known state');
    // Square for "not OK": the banner is not colour alone either.
    expect(banner.element().querySelector('svg rect')).not.toBeNull();
    expect(text()).toMatch(/\(1m [5-7]s\)/);
    // The shared clock ticks it on.
    await expect.poll(text, { timeout: 4_000 }).toMatch(/\(1m [7-9]s\)/);
  });

  it('after reconnecting says how long it was offline and how many changes it caught up', async () => {
    await render(OfflineBanner, {
      state: 'online',
      offlineSince: null,
      recovered: { offlineMs: 133_000, caughtUp: 3 },
    });
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('Back online after 2m 13s · 3 changes caught up');
  });

  it('counts one change in the singular', async () => {
    await render(OfflineBanner, {
      state: 'online',
      offlineSince: null,
      recovered: { offlineMs: 4_000, caughtUp: 1 },
    });
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('Back online after 4s · 1 change caught up');
  });
});
