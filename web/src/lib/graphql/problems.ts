import type { CombinedError } from '@urql/core';
import { locale } from '#lib/i18n/locale.svelte.ts';
import { messages } from '#lib/messages.ts';

/** One failed request, told for people: what went wrong, and which fields were wrong. */
export interface Problem {
  /** The server's code (`BAD_USER_INPUT`, `CONFLICT`, …), or `NETWORK` when it was not reached. */
  code: string;
  /** A sentence for the person, in their language. */
  message: string;
  /** Field name (as in the operation's input) → what is wrong with it. */
  fields: Record<string, string>;
  /** The server's `extensions.details`, for views that show more (a conflict's current state). */
  details: Record<string, unknown>;
}

interface FieldEntry {
  field?: unknown;
  problems?: unknown;
  constraints?: unknown;
}

// class-validator's rule names → the words a person reads at the field.
const CONSTRAINT_PROBLEM: Record<string, keyof typeof messages.fieldProblems> = {
  isNotEmpty: 'required',
  isDefined: 'required',
  maxLength: 'tooLong',
  arrayMaxSize: 'tooLong',
  minLength: 'tooShort',
  arrayMinSize: 'tooShort',
  isEmail: 'email',
  min: 'range',
  max: 'range',
};

function fieldProblem(entry: FieldEntry): string {
  const constraints = Array.isArray(entry.constraints) ? (entry.constraints as string[]) : [];
  for (const constraint of constraints) {
    const key = CONSTRAINT_PROBLEM[constraint];
    if (key) return messages.fieldProblems[key];
  }
  // The server's own sentence is English: it beats a vague line for English readers only.
  const problems = Array.isArray(entry.problems) ? entry.problems : [];
  return typeof problems[0] === 'string' && locale.current === 'en'
    ? problems[0]
    : messages.fieldProblems.invalid;
}

/** What the person should read for a server code, when no field says more. */
export function messageForCode(code: string, serverMessage?: string): string {
  switch (code) {
    case 'NETWORK':
      return messages.problems.unreachable;
    case 'SERVICE_UNAVAILABLE':
      return messages.problems.unavailable;
    case 'FORBIDDEN':
      return messages.problems.forbidden;
    case 'NOT_FOUND':
      return messages.problems.notFound;
    case 'CONFLICT':
      return messages.problems.conflict;
    case 'TOO_MANY_REQUESTS':
      return messages.problems.tooMany;
    case 'UNAUTHENTICATED':
      return messages.problems.signedOut;
    case 'BAD_USER_INPUT':
      // Rules the server states in a sentence ("Only active technicians can be assigned")
      // say more than a generic line.
      return serverMessage && serverMessage !== 'Invalid input' && locale.current === 'en'
        ? serverMessage
        : messages.problems.invalid;
    default:
      return messages.problems.generic;
  }
}

/** Reads urql's error into a Problem. */
export function describeProblem(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  if (!first) {
    return { code: 'NETWORK', message: messageForCode('NETWORK'), fields: {}, details: {} };
  }
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL';
  const details = (first.extensions?.details ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  if (code === 'BAD_USER_INPUT') {
    if (Array.isArray(details.fields)) {
      for (const entry of details.fields as FieldEntry[]) {
        if (typeof entry.field === 'string') fields[entry.field] = fieldProblem(entry);
      }
    }
    if (typeof details.field === 'string') {
      fields[details.field.replace(/^input\./, '')] =
        locale.current === 'en' ? first.message : messages.fieldProblems.invalid;
    }
  }
  // With fields named, the sentence stays at the fields and the form says to look there.
  const message =
    Object.keys(fields).length > 0
      ? messages.problems.invalid
      : messageForCode(code, first.message);
  return { code, message, fields, details };
}
