import { isEmail } from 'class-validator';

export const EMAIL_MAX = 254;

/** Addresses are stored and compared trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An account's (normalised) sign-in address: a plain address, no display name, ≤ 254 chars. */
export function isValidAccountEmail(email: string): boolean {
  return (
    email.length <= EMAIL_MAX && isEmail(email, { allow_display_name: false, require_tld: false })
  );
}
