import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { CasePhotoFragment } from '#lib/graphql/generated/graphql.ts';
import { PEOPLE } from '../testing.ts';
import PhotoViewer from './PhotoViewer.svelte';

// The full-size viewer: a modal dialog with a counter; arrow keys, buttons and a swipe move
// between the case's photos (round the ends); Escape closes it.

const photos: CasePhotoFragment[] = [1, 2, 3].map((n) => ({
  id: `a-${n}`,
  noteId: 'n-1',
  width: 800,
  height: 600,
  url: `/nowhere/${n}`,
  thumbnailUrl: `/nowhere/${n}/thumbnail`,
  createdAt: new Date().toISOString(),
  uploadedBy: { ...PEOPLE.repair, kind: 'USER' },
}));

async function show(index = 0) {
  const onclose = vi.fn();
  const screen = await render(PhotoViewer, { photos, index, onclose });
  const dialog = page.getByRole('dialog', { name: /Photo/ });
  await expect.element(dialog).toBeVisible();
  return { onclose, screen, dialog };
}

function swipe(element: Element, dx: number, dy = 0) {
  const at = { clientX: 200, clientY: 200, pointerId: 1, bubbles: true };
  element.dispatchEvent(new PointerEvent('pointerdown', at));
  element.dispatchEvent(
    new PointerEvent('pointerup', { ...at, clientX: 200 + dx, clientY: 200 + dy }),
  );
}

describe('the photo viewer', () => {
  it('is a modal dialog with a counter; arrow keys move round the ends', async () => {
    const { dialog } = await show(0);
    expect((dialog.element() as HTMLDialogElement).open).toBe(true);
    expect(dialog.element().matches(':modal')).toBe(true);
    await expect.element(dialog.getByText('1 of 3')).toBeVisible();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(dialog.getByText('2 of 3')).toBeVisible();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    await expect.element(dialog.getByText('3 of 3')).toBeVisible();
    await page.getByRole('button', { name: 'Previous photo' }).click();
    await expect.element(dialog.getByText('2 of 3')).toBeVisible();
    await page.getByRole('button', { name: 'Next photo' }).click();
    await expect.element(dialog.getByText('3 of 3')).toBeVisible();
  });

  it('a swipe to the left shows the next photo, to the right the previous; a scroll does not', async () => {
    const { dialog } = await show(1);
    const stage = dialog.element().querySelector('.stage')!;
    swipe(stage, -120);
    await expect.element(dialog.getByText('3 of 3')).toBeVisible();
    swipe(stage, 120);
    await expect.element(dialog.getByText('2 of 3')).toBeVisible();
    swipe(stage, -60, 200); // mostly up and down: not a swipe
    await expect.element(dialog.getByText('2 of 3')).toBeVisible();
  });

  it('Escape and Close close it', async () => {
    const first = await show(0);
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(first.onclose).toHaveBeenCalled());
    await first.screen.unmount();
    const second = await show(0);
    await page.getByRole('button', { name: 'Close' }).click();
    await vi.waitFor(() => expect(second.onclose).toHaveBeenCalled());
  });
});
