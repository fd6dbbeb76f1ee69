import { untrack } from 'svelte';
import { session } from '#lib/session/session.svelte.ts';

/**
 * A photo's bytes as an object URL. The photo routes want the bearer token (a plain `<img src>`
 * cannot send it), so the image is fetched with it; the caller revokes the URL when the image
 * is gone. Rejects when the image could not be had.
 */
export async function loadImage(url: string, signal?: AbortSignal): Promise<string> {
  const token = await session.token();
  const res = await fetch(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    signal,
  });
  if (!res.ok) throw new Error(`photo: ${res.status}`);
  return URL.createObjectURL(await res.blob());
}

/**
 * An image that follows `url()`: loads it, swaps it when the URL changes, revokes every object
 * URL it made. Use from a component: `const img = new AuthImage(() => photo.thumbnailUrl)`.
 */
export class AuthImage {
  src = $state<string | null>(null);
  failed = $state(false);

  constructor(url: () => string | null) {
    // The URL as a value: every read of the case brings new photo objects with the same URLs,
    // which must not fetch the image again (nor flash the placeholder).
    const current = $derived(url());
    $effect(() => {
      const wanted = current;
      this.src = null;
      this.failed = false;
      if (!wanted) return;
      const abort = new AbortController();
      let made: string | null = null;
      // Untracked: asking for the token reads the shared clock, whose every tick would
      // otherwise fetch the image again.
      untrack(() => loadImage(wanted, abort.signal)).then(
        (objectUrl) => {
          if (abort.signal.aborted) URL.revokeObjectURL(objectUrl);
          else this.src = made = objectUrl;
        },
        () => {
          if (!abort.signal.aborted) this.failed = true;
        },
      );
      return () => {
        abort.abort();
        if (made) URL.revokeObjectURL(made);
      };
    });
  }
}
