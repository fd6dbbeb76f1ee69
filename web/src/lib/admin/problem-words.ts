import type { Problem } from '#lib/graphql/problems.ts';
import { messages } from '#lib/messages.ts';

export interface FieldConflict {
  /**
   * The input field the conflict is about (a name or e-mail someone else has): the server
   * names it as `details.field`, or as a key of `details` (`{ assetCode }`).
   */
  field: string;
  /** What to say at the field; gets the server's `details`. */
  message: (details: Record<string, unknown>) => string;
}

/**
 * A form's problem told in this form's words:
 * - BAD_USER_INPUT that names fields: the words stay at the fields, the form says "check
 *   the marked fields" (not the server's English sentence about one of them);
 * - a CONFLICT about a value that must be unique: at its field, as BAD_USER_INPUT would be;
 * - `fieldWords` may replace a field's message (rules the server explains in `details`).
 * Everything else (network, permission, a conflict of state) stays as `describeProblem` said.
 */
export function inFormWords(
  problem: Problem | null,
  options: {
    conflict?: FieldConflict;
    fieldWords?: (field: string, details: Record<string, unknown>) => string | undefined;
  } = {},
): Problem | null {
  if (!problem) return null;
  const { conflict, fieldWords } = options;
  if (
    problem.code === 'CONFLICT' &&
    conflict &&
    (problem.details.field === conflict.field || conflict.field in problem.details)
  ) {
    return {
      ...problem,
      message: messages.problems.invalid,
      fields: { [conflict.field]: conflict.message(problem.details) },
    };
  }
  if (problem.code === 'BAD_USER_INPUT' && Object.keys(problem.fields).length > 0) {
    const fields: Record<string, string> = {};
    for (const [field, text] of Object.entries(problem.fields)) {
      fields[field] = fieldWords?.(field, problem.details) ?? text;
    }
    return { ...problem, message: messages.problems.invalid, fields };
  }
  return problem;
}
