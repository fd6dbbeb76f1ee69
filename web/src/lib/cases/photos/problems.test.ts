import { describe, expect, it } from 'vitest';
import { formatBytes, photoProblem, readRefusal } from './problems.ts';

// A refused photo in words a shop-floor worker understands, from the server's real answers.
const refusal = (status: number, code: string | null, details: Record<string, unknown> = {}) =>
  readRefusal(status, JSON.stringify({ error: { code, message: 'server words', details } }));

describe('why a photo was not taken', () => {
  it('too large: says the limit', () => {
    expect(photoProblem(refusal(413, 'PAYLOAD_TOO_LARGE', { limitBytes: 20 * 1024 * 1024 }))).toBe(
      'This photo is too large. The limit is 20 MB.',
    );
    expect(photoProblem(refusal(413, 'PAYLOAD_TOO_LARGE', { limitBytes: 1536 * 1024 }))).toBe(
      'This photo is too large. The limit is 1.5 MB.',
    );
    // A proxy's own 413 without our body still says what it is.
    expect(photoProblem(readRefusal(413, '<html>Request Entity Too Large</html>'))).toBe(
      'This photo is too large.',
    );
  });

  it('not a photo, damaged, too many pixels', () => {
    expect(
      photoProblem(refusal(415, 'UNSUPPORTED_MEDIA_TYPE', { detected: 'image/svg+xml' })),
    ).toBe('This is not a photo. Send a JPEG, PNG or WebP picture.');
    expect(photoProblem(refusal(422, 'IMAGE_UNREADABLE'))).toBe(
      'This photo is damaged and cannot be read. Take it again.',
    );
    expect(photoProblem(refusal(422, 'IMAGE_TOO_MANY_PIXELS', { maxPixels: 1e8 }))).toBe(
      'This picture has too many pixels. Take it again with the normal camera.',
    );
  });

  it('storage full: the plant’s or the case’s', () => {
    expect(photoProblem(refusal(422, 'QUOTA_EXCEEDED', { scope: 'plant' }))).toBe(
      'There is no more room for photos. Ask a manager to free some space.',
    );
    expect(photoProblem(refusal(422, 'QUOTA_EXCEEDED', { scope: 'case' }))).toBe(
      'This case has no more room for photos.',
    );
  });

  it('empty file, not allowed, signed out, no connection, anything else', () => {
    expect(photoProblem(refusal(400, 'BAD_USER_INPUT', { reason: 'EMPTY_FILE' }))).toBe(
      'This file is empty.',
    );
    expect(photoProblem(refusal(403, 'FORBIDDEN'))).toBe('You may not add photos to this case.');
    expect(photoProblem(refusal(401, 'UNAUTHENTICATED'))).toMatch(/signed out/);
    expect(photoProblem({ status: 0, code: null, details: {} })).toMatch(/no connection/);
    expect(photoProblem(readRefusal(502, 'Bad gateway'))).toBe(
      'The photo could not be sent. Try again.',
    );
  });

  it('sizes as people say them', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(800 * 1024)).toBe('800 kB');
  });
});
