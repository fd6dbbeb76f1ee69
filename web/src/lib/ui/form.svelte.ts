import type { OperationResult } from '@urql/core';
import { describeProblem, type Problem } from '#lib/graphql/problems.ts';
import { messages } from '#lib/messages.ts';

/**
 * One form's sending state: `busy` while the request is out (the button is disabled), then
 * either the data or a Problem — its sentence for the form and its field messages for each
 * field. What the person typed is the form's own state and is never touched here.
 */
export class FormState {
  busy = $state(false);
  problem = $state<Problem | null>(null);

  /** The message for one field, if the last answer named it. */
  field(name: string): string | undefined {
    return this.problem?.fields[name];
  }

  /** Sends once (a second submit while busy is ignored); resolves to the data, or null. */
  async submit<T>(send: () => Promise<OperationResult<T>>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    this.problem = null;
    try {
      const result = await send();
      if (result.error || !result.data) {
        this.problem = result.error
          ? describeProblem(result.error)
          : { code: 'INTERNAL', message: describeFallback(), fields: {}, details: {} };
        return null;
      }
      return result.data;
    } finally {
      this.busy = false;
    }
  }

  /** A problem found before sending (a rule the page checks itself). */
  fail(problem: Problem): void {
    this.problem = problem;
  }

  /** A field the page found wrong before sending: said at the field, the form says to look. */
  failField(field: string, message: string): void {
    this.problem = {
      code: 'BAD_USER_INPUT',
      message: messages.problems.invalid,
      fields: { [field]: message },
      details: {},
    };
  }

  reset(): void {
    this.problem = null;
  }
}

function describeFallback(): string {
  return describeProblem({ graphQLErrors: [] } as never).message;
}
