import { AppError } from '../../common/app-error.js';
import { isCommonPassword } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * SECURITY.md 18 (NIST 800-63B style): length only, counted in Unicode code points so an
 * emoji or an accented letter is one character; accepted exactly as typed (no trimming, no
 * composition rules); very common passwords and the account's own e-mail or name refused.
 */
export function assertPasswordPolicy(
  password: string,
  field = 'password',
  account: { email?: string; name?: string } = {},
): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw AppError.badInput(
      `${field} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
      { field, reason: 'length' },
    );
  }
  if (isCommonPassword(password)) {
    throw AppError.badInput(`${field} is too common; choose another`, { field, reason: 'common' });
  }
  const lower = password.toLowerCase();
  const own = [account.email, account.email?.split('@')[0], account.name]
    .filter((v): v is string => !!v && v.length >= PASSWORD_MIN_LENGTH)
    .map((v) => v.trim().toLowerCase());
  if (own.includes(lower)) {
    throw AppError.badInput(`${field} must not be the account's e-mail or name`, {
      field,
      reason: 'personal',
    });
  }
}
