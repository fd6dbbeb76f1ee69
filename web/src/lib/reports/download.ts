import { session } from '#lib/session/session.svelte.ts';

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the object URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Text made here (a table) as a CSV file. */
export function saveCsv(text: string, filename: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}

/** Why a download failed, as the server said it (its HTTP status). */
export class DownloadError extends Error {
  constructor(readonly status: number) {
    super(`download: ${status}`);
  }
}

/**
 * A file from the API. The export routes want the bearer token (a plain link cannot send it),
 * so the file is fetched with it and saved from memory.
 */
export async function downloadWithToken(url: string, filename: string): Promise<void> {
  const token = await session.token();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new DownloadError(res.status);
  saveBlob(await res.blob(), filename);
}
