import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { AddFaultNoteMutation, CaseNoteFragment } from '#lib/graphql/generated/graphql.ts';
import NotesThread from '../NotesThread.svelte';
import { PEOPLE } from '../testing.ts';
import { PickedPhotos, type Send } from './picked.svelte.ts';
import type { UploadOutcome } from './upload.ts';

// The note form with photos: pick, preview, remove, send with the note, and a refused photo
// that stays with its reason and the note's text until it is sent again or removed.

const jpeg = (name: string) =>
  new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], name, { type: 'image/jpeg' });

/** A 1×1 GIF: the previews show something (a made-up URL would show as broken). */
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const preview = (n: number) => `${GIF}#preview-${n}`;

function note(id: string, body: string): CaseNoteFragment {
  return {
    id,
    body,
    createdAt: new Date().toISOString(),
    author: { ...PEOPLE.repair, kind: 'USER' },
  };
}

function setup(outcomes: Record<string, UploadOutcome[]> = {}) {
  const revoked: string[] = [];
  let made = 0;
  const send = vi.fn<Send>(async ({ fileName, onprogress }) => {
    onprogress?.(0.5);
    onprogress?.(1);
    return (
      outcomes[fileName]?.shift() ?? {
        ok: true,
        photo: { id: `a-${fileName}`, noteId: 'n-1', url: '/u', thumbnailUrl: '/t' },
      }
    );
  });
  const picked = new PickedPhotos({
    send,
    urls: { create: () => `${GIF}#preview-${++made}`, revoke: (u) => revoked.push(u) },
    token: async () => 'token-1',
  });
  const onadd = vi.fn(async (body: string) => ({
    data: { addFaultNote: note('n-1', body) } as AddFaultNoteMutation,
    error: undefined,
    stale: false,
    hasNext: false,
    operation: {} as never,
  }));
  const onphotos = vi.fn();
  return { picked, send, onadd, onphotos, revoked };
}

async function show(s: ReturnType<typeof setup>) {
  return render(NotesThread, {
    caseId: 'c-1',
    notes: [],
    photos: [],
    viewerId: PEOPLE.repair.id,
    canAdd: true,
    onadd: s.onadd,
    onphotos: s.onphotos,
    picked: s.picked,
  });
}

const picker = () => page.getByLabelText('Add photos');
const submit = () => page.getByRole('button', { name: /Add note|Send photos again/ });

describe('photos with a note', () => {
  it('offers the file picker (several at once) and the back camera, images only', async () => {
    await show(setup());
    const files = picker().element() as HTMLInputElement;
    expect(files.accept).toBe('image/jpeg,image/png,image/webp');
    expect(files.multiple).toBe(true);
    const camera = page.getByLabelText('Take a photo').element() as HTMLInputElement;
    expect(camera.getAttribute('capture')).toBe('environment');
    expect(camera.accept).toBe('image/jpeg,image/png,image/webp');
  });

  it('shows a preview of each picked photo; one can be removed before sending', async () => {
    const s = setup();
    await show(s);
    await userEvent.upload(picker(), [jpeg('leak.jpg'), jpeg('seal.jpg')]);
    await expect.element(page.getByAltText('Photo to send: leak.jpg')).toBeVisible();
    await expect.element(page.getByAltText('Photo to send: seal.jpg')).toBeVisible();
    expect((page.getByAltText('Photo to send: leak.jpg').element() as HTMLImageElement).src).toBe(
      preview(1),
    );

    await page.getByRole('button', { name: 'Remove leak.jpg' }).click();
    await expect.element(page.getByAltText('Photo to send: leak.jpg')).not.toBeInTheDocument();
    expect(s.revoked).toEqual([preview(1)]);
    expect(s.picked.items.map((p) => p.file.name)).toEqual(['seal.jpg']);
  });

  it('sends the note, then each photo under it with the token, and starts afresh', async () => {
    const s = setup();
    await show(s);
    await page.getByLabelText('Add a note').fill('Seal worn');
    await userEvent.upload(picker(), [jpeg('a.jpg'), jpeg('b.jpg')]);
    await submit().click();
    await expect.element(page.getByText('2 photos sent.')).toBeVisible();
    expect(s.onadd).toHaveBeenCalledExactlyOnceWith('Seal worn');
    expect(s.send.mock.calls.map(([o]) => [o.fileName, o.noteId, o.caseId, o.token])).toEqual([
      ['a.jpg', 'n-1', 'c-1', 'token-1'],
      ['b.jpg', 'n-1', 'c-1', 'token-1'],
    ]);
    expect(s.onphotos).toHaveBeenCalled();
    expect(s.picked.count).toBe(0);
    expect(s.revoked).toEqual([preview(1), preview(2)]);
    await expect.element(page.getByLabelText('Add a note')).toHaveValue('');
  });

  it('photos without words: the note says photos were added (a note needs words)', async () => {
    const s = setup();
    await show(s);
    await userEvent.upload(picker(), [jpeg('a.jpg'), jpeg('b.jpg')]);
    await submit().click();
    await expect.element(page.getByText('2 photos sent.')).toBeVisible();
    expect(s.onadd).toHaveBeenCalledExactlyOnceWith('2 photos added.');
  });

  it('no words and no photos: nothing is sent', async () => {
    const s = setup();
    await show(s);
    await submit().click();
    expect(s.onadd).not.toHaveBeenCalled();
  });

  it('a refused photo says why and stays with the note text; sending again sends only it', async () => {
    const s = setup({
      'b.jpg': [
        {
          ok: false,
          problem: 'This photo is too large. The limit is 20 MB.',
        },
      ],
    });
    await show(s);
    await page.getByLabelText('Add a note').fill('Seal worn');
    await userEvent.upload(picker(), [jpeg('a.jpg'), jpeg('b.jpg')]);
    await submit().click();

    await expect
      .element(page.getByText('This photo is too large. The limit is 20 MB.'))
      .toBeVisible();
    await expect.element(page.getByText(/Your note was added, but some photos/)).toBeVisible();
    await expect.element(page.getByLabelText('Add a note')).toHaveValue('Seal worn');
    await expect.element(page.getByRole('button', { name: 'Send photos again' })).toBeVisible();
    // The sent one is done and can no longer be removed; the refused one can.
    await expect.element(page.getByRole('button', { name: 'Remove a.jpg' })).toBeDisabled();
    await expect.element(page.getByRole('button', { name: 'Remove b.jpg' })).toBeEnabled();

    await submit().click();
    await expect.element(page.getByText('1 photo sent.')).toBeVisible();
    expect(s.onadd).toHaveBeenCalledOnce();
    expect(s.send.mock.calls.map(([o]) => o.fileName)).toEqual(['a.jpg', 'b.jpg', 'b.jpg']);
    await expect.element(page.getByLabelText('Add a note')).toHaveValue('');
  });

  it('removing the refused photo ends the note there (its text is already in the thread)', async () => {
    const s = setup({ 'b.jpg': [{ ok: false, problem: 'This is not a photo.' }] });
    await show(s);
    await page.getByLabelText('Add a note').fill('Seal worn');
    await userEvent.upload(picker(), [jpeg('b.jpg')]);
    await submit().click();
    await expect.element(page.getByText('This is not a photo.')).toBeVisible();
    await page.getByRole('button', { name: 'Remove b.jpg' }).click();
    await expect.element(page.getByRole('button', { name: 'Add note' })).toBeVisible();
    await expect.element(page.getByLabelText('Add a note')).toHaveValue('');
    expect(s.onadd).toHaveBeenCalledOnce();
  });

  it('shows each photo’s progress while it is sent, and nothing can be removed meanwhile', async () => {
    const s = setup();
    let finish: (o: UploadOutcome) => void = () => {};
    s.send.mockImplementationOnce(({ onprogress }) => {
      onprogress?.(0.5);
      return new Promise((resolve) => (finish = resolve));
    });
    await show(s);
    await page.getByLabelText('Add a note').fill('Seal worn');
    await userEvent.upload(picker(), [jpeg('a.jpg')]);
    await submit().click();
    await expect.element(page.getByText('Sending… 50 %')).toBeVisible();
    await expect
      .element(page.getByRole('progressbar', { name: 'a.jpg' }))
      .toHaveAttribute('value', '50');
    await expect.element(page.getByRole('button', { name: 'Remove a.jpg' })).toBeDisabled();
    await expect.element(page.getByRole('button', { name: 'Sending photos…' })).toBeDisabled();
    finish({ ok: true, photo: { id: 'a', noteId: 'n-1', url: '/u', thumbnailUrl: '/t' } });
    await expect.element(page.getByText('1 photo sent.')).toBeVisible();
  });
});
