import { AppError } from './app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids come from clients; a malformed one is bad input, not a database error. */
export function assertUuid(value: string, field = 'id'): string {
  if (!isUuid(value)) throw AppError.badInput(`${field} is not a valid id`, { field });
  return value.toLowerCase();
}

/** Escapes LIKE wildcards so that a search for "50%" matches the text "50%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
