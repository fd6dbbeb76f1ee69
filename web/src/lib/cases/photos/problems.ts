import { locale } from '#lib/i18n/locale.svelte.ts';
import { messages } from '#lib/messages.ts';

/** A refused upload as the server answers it: `{ error: { code, message, details } }`. */
export interface UploadRefusal {
  status: number;
  code: string | null;
  details: Record<string, unknown>;
}

/** Bytes in the person's language, as a limit is said: "20 MB", "1,5 MB", "800 kB". */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const [value, unit] = mb >= 1 ? [mb, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(locale.current, {
    style: 'unit',
    unit,
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** Reads the refusal out of a failed answer's status and body (any body, even none). */
export function readRefusal(status: number, body: string): UploadRefusal {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; details?: unknown } };
    const code = typeof parsed.error?.code === 'string' ? parsed.error.code : null;
    const details =
      parsed.error?.details && typeof parsed.error.details === 'object'
        ? (parsed.error.details as Record<string, unknown>)
        : {};
    return { status, code, details };
  } catch {
    return { status, code: null, details: {} };
  }
}

/**
 * Why a photo was not taken, in words a shop-floor worker understands. Status 0 is a request
 * that never got an answer (no connection).
 */
export function photoProblem({ status, code, details }: UploadRefusal): string {
  const p = messages.photos.problems;
  if (status === 0) return p.network;
  if (code === 'PAYLOAD_TOO_LARGE' || status === 413) {
    const limit = details.limitBytes;
    return typeof limit === 'number' && limit > 0
      ? p.tooLarge(formatBytes(limit))
      : p.tooLargeNoLimit;
  }
  if (code === 'UNSUPPORTED_MEDIA_TYPE' || status === 415) return p.notAPhoto;
  if (code === 'IMAGE_UNREADABLE') return p.unreadable;
  if (code === 'IMAGE_TOO_MANY_PIXELS') return p.tooManyPixels;
  if (code === 'QUOTA_EXCEEDED') return details.scope === 'case' ? p.caseFull : p.storageFull;
  if (details.reason === 'EMPTY_FILE') return p.empty;
  if (status === 401 || code === 'UNAUTHENTICATED') return p.signedOut;
  if (status === 403 || code === 'FORBIDDEN') return p.forbidden;
  return p.generic;
}
