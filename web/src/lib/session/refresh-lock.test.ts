import { afterEach, describe, expect, it, vi } from 'vitest';
import { withRefreshLock } from './refresh-lock.ts';

/** Runs `n` refreshes at once and returns the [start, end] of each one's work. */
async function concurrent(n: number): Promise<[number, number][]> {
  const spans: [number, number][] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      withRefreshLock(async () => {
        const start = performance.now();
        await new Promise((r) => setTimeout(r, 40));
        spans.push([start, performance.now()]);
      }),
    ),
  );
  return spans.sort((a, b) => a[0] - b[0]);
}

function expectNoOverlap(spans: [number, number][]) {
  for (let i = 1; i < spans.length; i++)
    expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
}

describe('one refresh at a time', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('with Web Locks (a secure context), refreshes never overlap', async () => {
    expect(navigator.locks).toBeDefined();
    const spans = await concurrent(3);
    expect(spans).toHaveLength(3);
    expectNoOverlap(spans);
  });

  it('without Web Locks (plain-HTTP intranet host), the storage lease serialises them', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
    const spans = await concurrent(3);
    expect(spans).toHaveLength(3);
    expectNoOverlap(spans);
    expect(localStorage.getItem('sf-refresh-lock')).toBeNull();
  });

  it('a failed refresh releases the lock for the next one', async () => {
    await expect(withRefreshLock(() => Promise.reject(new Error('refused')))).rejects.toThrow();
    await expect(withRefreshLock(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
