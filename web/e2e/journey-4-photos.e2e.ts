import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot, signIn, type WatchedPage } from './support/browser.ts';
import { assignCase, caseHeader, expectUsable, openCase, tokenFor } from './support/cases.ts';
import { accessibilityProblems } from './support/axe.ts';
import { startStack, type Stack } from './support/stack.ts';

// Journey 4 with photos: the repair worker, on a phone, adds a note with two photos from the
// file picker; the manager at a desk sees them appear live and looks at them full size. A
// photo the server refuses says why and keeps the note's text.

let stack: Stack;
let browser: Browser;
const PHONE = { width: 375, height: 812 };

/** A small JPEG made here: a coloured gradient with a label, `w`×`h`. */
async function photo(w: number, h: number, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#222"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${w / 2}" cy="${h / 2}" r="${h / 4}" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

beforeAll(async () => {
  // A small limit, so that a too-large photo is quick to make.
  stack = await startStack({ env: { UPLOAD_MAX_SIZE: '1MiB' } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const thumbs = (page: Page) => page.locator('.thread [data-photo] img');

async function noConsoleErrors(...pages: WatchedPage[]) {
  for (const p of pages) expect(p.problems).toEqual([]);
}

describe('journey 4: photos on a case', () => {
  it('a note with two photos from the phone, seen live at the desk and full size', async () => {
    const technicianToken = await tokenFor(stack, stack.users.technician.email);
    const caseId = await openCase(
      stack,
      technicianToken,
      'PRS-07',
      'Oil on the floor under the press',
      'HIGH',
    );
    await assignCase(stack, caseId, stack.users.repair.id);

    const manager = await openPage(browser);
    await signIn(manager.page, stack.webUrl, stack.users.manager.email, `/cases/${caseId}`);
    await caseHeader(manager.page, 'OPEN').waitFor();
    await manager.page.locator('.live[data-state="online"]').waitFor();

    const repair = await openPage(browser, PHONE);
    const p = repair.page;
    await signIn(p, stack.webUrl, stack.users.repair.email, `/cases/${caseId}`);
    await caseHeader(p, 'OPEN').waitFor();
    await p.locator('.live[data-state="online"]').waitFor();

    // Two photos from the file picker: previews, each removable, before anything is sent.
    const text = 'Leak at the lower hose fitting, see photos.';
    await p.getByLabel('Add a note').fill(text);
    await p.getByLabel('Add photos').setInputFiles([
      { name: 'hose.jpg', mimeType: 'image/jpeg', buffer: await photo(1200, 900, '#c60') },
      { name: 'floor.jpg', mimeType: 'image/jpeg', buffer: await photo(900, 1200, '#06c') },
    ]);
    await p.getByAltText('Photo to send: hose.jpg').waitFor();
    await p.getByAltText('Photo to send: floor.jpg').waitFor();
    expect(await p.getByRole('button', { name: 'Remove hose.jpg' }).isEnabled()).toBe(true);
    await expectUsable(p);
    await screenshot(p, 'photos-phone-picked');

    // Progress of each upload (XMLHttpRequest upload events) is recorded as the page shows it.
    await p.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('.picked progress'))
          seen.push((bar as HTMLProgressElement).value.toString());
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await p.getByRole('button', { name: 'Add note' }).click();
    await p.getByText('2 photos sent.').waitFor({ timeout: 10_000 });
    const progress = await p.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(progress).toContain('100');
    expect(await p.getByLabel('Add a note').inputValue()).toBe('');
    expect(await p.locator('.picked').count()).toBe(0);

    // The thumbnails under the note, loaded with the token.
    const note = p.locator('.thread > li', { hasText: text });
    await expect.poll(() => note.locator('[data-photo] img').count(), { timeout: 5_000 }).toBe(2);
    await note.getByAltText('Photo 1 of 2, by Rick Repair').waitFor();
    await note.getByAltText('Photo 2 of 2, by Rick Repair').waitFor();
    expect(
      await note
        .locator('[data-photo] img')
        .first()
        .evaluate((img) => (img as HTMLImageElement).src.startsWith('blob:')),
    ).toBe(true);
    await expectUsable(p);
    await screenshot(p, 'photos-phone-sent');

    // The manager sees both live, without a reload.
    const m = manager.page;
    await expect.poll(() => thumbs(m).count(), { timeout: 5_000 }).toBe(2);
    // Each thumbnail is fetched once: the case read again on the next event keeps them.
    const thumbnailRequests: string[] = [];
    m.on('request', (r) => {
      if (r.url().includes('/thumbnail')) thumbnailRequests.push(r.url());
    });
    await p.getByRole('button', { name: 'Acknowledge' }).click();
    await caseHeader(m, 'ACKNOWLEDGED').waitFor({ timeout: 5_000 });
    await m.locator('[data-event="FAULT_ACKNOWLEDGED"]').waitFor({ timeout: 5_000 });
    expect(thumbnailRequests).toEqual([]);
    expect(await thumbs(m).count()).toBe(2);
    await m.getByAltText('Photo 2 of 2, by Rick Repair').waitFor();
    expect(await accessibilityProblems(m)).toEqual([]);
    await screenshot(m, 'photos-desk-thread');

    // Full size in a dialog: counter, arrow key to the next, Escape closes, focus returns.
    await m.getByRole('button', { name: 'Photo 1 of 2, by Rick Repair' }).click();
    const dialog = m.getByRole('dialog', { name: /Photo/ });
    await dialog.waitFor();
    await dialog.getByText('1 of 2').waitFor();
    await dialog.locator('img').waitFor();
    expect(await dialog.locator('img').getAttribute('width')).toBe('1200');
    expect(await accessibilityProblems(m)).toEqual([]);
    await screenshot(m, 'photos-desk-viewer');
    await m.keyboard.press('ArrowRight');
    await dialog.getByText('2 of 2').waitFor();
    await expect.poll(() => dialog.locator('img').getAttribute('width')).toBe('900');
    await m.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await m.evaluate(() => document.activeElement?.getAttribute('data-photo') !== null),
    ).toBe(true);

    // The viewer on the phone too.
    await note.getByRole('button', { name: 'Photo 2 of 2, by Rick Repair' }).click();
    const phoneDialog = p.getByRole('dialog', { name: /Photo/ });
    await phoneDialog.getByText('2 of 2').waitFor();
    await phoneDialog.locator('img').waitFor();
    expect(await accessibilityProblems(p)).toEqual([]);
    await screenshot(p, 'photos-phone-viewer');
    await p.keyboard.press('Escape');
    await phoneDialog.waitFor({ state: 'hidden' });

    await noConsoleErrors(manager, repair);
  });

  it('a photo that is too large or not a photo says why and keeps the note text', async () => {
    const technicianToken = await tokenFor(stack, stack.users.technician.email);
    const caseId = await openCase(stack, technicianToken, 'PRS-07', 'Gauge cracked', 'MEDIUM');
    await assignCase(stack, caseId, stack.users.repair.id);
    const repair = await openPage(browser, PHONE);
    const p = repair.page;
    await signIn(p, stack.webUrl, stack.users.repair.email, `/cases/${caseId}`);
    await caseHeader(p, 'OPEN').waitFor();

    const text = 'Gauge glass cracked, reading still fine.';
    await p.getByLabel('Add a note').fill(text);
    const big = Buffer.concat([await photo(64, 64, '#c00'), Buffer.alloc(2 * 1024 * 1024, 7)]);
    await p.getByLabel('Add photos').setInputFiles([
      { name: 'big.jpg', mimeType: 'image/jpeg', buffer: big },
      { name: 'script.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('#!/bin/sh\necho hi\n') },
    ]);
    await p.getByRole('button', { name: 'Add note' }).click();

    await p.getByText('This photo is too large. The limit is 1 MB.').waitFor({ timeout: 10_000 });
    await p.getByText('This is not a photo. Send a JPEG, PNG or WebP picture.').waitFor();
    await p.getByText(/Your note was added, but some photos were not sent/).waitFor();
    expect(await p.getByLabel('Add a note').inputValue()).toBe(text);
    await p.getByRole('button', { name: 'Send photos again' }).waitFor();
    // The note is in the thread once; the refused photos are not.
    await p.locator('.thread > li', { hasText: text }).waitFor();
    expect(await p.locator('.thread [data-photo]').count()).toBe(0);
    await expectUsable(p);
    await screenshot(p, 'photos-phone-refused');

    // Removing both ends it: the form starts afresh, the note stays once.
    await p.getByRole('button', { name: 'Remove big.jpg' }).click();
    await p.getByRole('button', { name: 'Remove script.jpg' }).click();
    await p.getByRole('button', { name: 'Add note' }).waitFor();
    expect(await p.getByLabel('Add a note').inputValue()).toBe('');
    expect(await p.locator('.thread > li', { hasText: text }).count()).toBe(1);

    // The refused uploads are answered with 4xx: the browser logs those as failed resources.
    expect(repair.problems.filter((x) => !/status of 41[35]/.test(x))).toEqual([]);
  });
});
