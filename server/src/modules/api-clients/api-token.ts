import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in logs and secret scanners; followed by 256 random bits. */
export const API_TOKEN_PREFIX = 'sfk_';
const DISPLAY_PREFIX_LENGTH = 12;

export function generateApiToken(): { token: string; tokenHash: string; displayPrefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return {
    token,
    tokenHash: hashApiToken(token),
    displayPrefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
  };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}
