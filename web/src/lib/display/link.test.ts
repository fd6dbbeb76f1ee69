import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clock } from '#lib/ui/clock.svelte.ts';
import { LinkStatus, RECOVERED_SHOWN_MS } from './link.svelte.ts';

describe('LinkStatus', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    clock.offsetMs = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('keeps the first moment it went offline across failed retries', () => {
    const link = new LinkStatus();
    link.connected();
    const lostAt = Date.now();
    link.lost();
    vi.advanceTimersByTime(5_000);
    link.lost(); // a retry failed
    expect(link.state).toBe('offline');
    expect(link.offlineSince).toBe(lostAt);
  });

  it('counts the changes that happened while offline, not those after, nor status echoes', () => {
    const link = new LinkStatus();
    link.connected();
    link.lost();
    const during = new Date().toISOString();
    vi.advanceTimersByTime(90_000);
    link.connected();
    expect(link.recovered).toEqual({ offlineMs: 90_000, caughtUp: 0 });
    link.applied('WARNING_RAISED', during);
    link.applied('STATUS_CHANGED', during);
    link.applied('FAULT_OPENED', during);
    link.applied('WARNING_RAISED', new Date(Date.now() + 1_000).toISOString());
    expect(link.recovered?.caughtUp).toBe(2);
  });

  it('shows "back online" for 30 s, and not after the first connect', () => {
    const link = new LinkStatus();
    link.connected();
    expect(link.recovered).toBeNull();
    link.lost();
    link.connected();
    expect(link.recovered).not.toBeNull();
    vi.advanceTimersByTime(RECOVERED_SHOWN_MS);
    expect(link.recovered).toBeNull();
  });
});
