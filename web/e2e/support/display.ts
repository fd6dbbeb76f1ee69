import type { Browser } from 'playwright-core';
import { openPage, type WatchedPage } from './browser.ts';
import type { Stack } from './stack.ts';

/** A wall screen: Full HD, as most hall TVs are. */
export const TV = { width: 1920, height: 1080 };

export interface DisplayLink {
  id: string;
  token: string;
}

export async function createDisplayLink(
  stack: Stack,
  name: string,
  buildingNames: string[],
  chime = false,
): Promise<DisplayLink> {
  const { buildings } = await stack.gql<{ buildings: { id: string; name: string }[] }>(
    `{ buildings { id name } }`,
    {},
    stack.managerToken,
  );
  const buildingIds = buildingNames.map((n) => buildings.find((b) => b.name === n)!.id);
  const { createDisplayLink } = await stack.gql<{
    createDisplayLink: { displayLink: { id: string }; token: string };
  }>(
    `mutation ($i: CreateDisplayLinkInput!) {
      createDisplayLink(input: $i) { displayLink { id } token } }`,
    { i: { name, buildingIds, chime } },
    stack.managerToken,
  );
  return { id: createDisplayLink.displayLink.id, token: createDisplayLink.token };
}

/** Opens the display link on a fresh screen and waits for the live board. */
export async function openDisplay(
  browser: Browser,
  stack: Stack,
  link: DisplayLink,
): Promise<WatchedPage> {
  const watched = await openPage(browser, TV);
  await watched.page.goto(`${stack.webUrl}/display#token=${encodeURIComponent(link.token)}`);
  await watched.page.locator('.live[data-state="online"]').waitFor();
  return watched;
}

/** Where a machine is on the display: a tile when it needs attention, a chip when OK. */
export function onDisplay(page: WatchedPage['page'], assetCode: string) {
  return page.locator(`[data-asset="${assetCode}"]`);
}

/** A building of its own with `count` OK machines (`<prefix>-1` …), so a test owns its state. */
export async function createHall(stack: Stack, name: string, prefix: string, count: number) {
  const assets: string[] = [];
  for (let i = 1; i <= count; i++) {
    const assetCode = `${prefix}-${i}`;
    await stack.gql(
      `mutation ($i: CreateMachineInput!) { createMachine(input: $i) { id } }`,
      { i: { name: `${name} machine ${i}`, assetCode, buildingName: name, importance: 3 } },
      stack.managerToken,
    );
    assets.push(assetCode);
  }
  return assets;
}

/**
 * Records, in the page, every distinct combination of the given machines' statuses as the
 * DOM shows them, so a test can tell in which order changes were applied.
 */
export async function recordStatuses(page: WatchedPage['page'], assets: string[]) {
  await page.evaluate((codes) => {
    const read = () =>
      codes.map(
        (c) => document.querySelector(`[data-asset="${c}"]`)?.getAttribute('data-status') ?? '',
      );
    const seen: string[][] = [read()];
    (window as unknown as { statusLog: string[][] }).statusLog = seen;
    new MutationObserver(() => {
      const now = read();
      if (now.includes('')) return; // a tile is being swapped for a chip, or back
      if (now.join() !== seen.at(-1)!.join()) seen.push(now);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
  }, assets);
  return () => page.evaluate(() => (window as unknown as { statusLog: string[][] }).statusLog);
}
