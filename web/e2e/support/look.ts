import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accessibilityProblems } from './axe.ts';
import { screenshot } from './browser.ts';

export const DESK = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

/**
 * Looks at the page as it is now, at a desk and on a phone: no serious axe violation at
 * either width, and a full-page screenshot of each (`<name>-desk.png`, `<name>-375.png`).
 * Leaves the page at the width it found it.
 */
export async function look(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? DESK;
  for (const [suffix, size] of [
    ['desk', DESK],
    ['375', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    // Let layout settle (and a width-dependent component re-render) before judging it.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(await accessibilityProblems(page), `${name} at ${suffix}`).toEqual([]);
    await screenshot(page, `${name}-${suffix}`);
  }
  await page.setViewportSize(before);
}
