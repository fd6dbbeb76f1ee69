import type { FaultStatus } from '#lib/graphql/generated/graphql.ts';
import type { Problem } from '#lib/graphql/problems.ts';
import { messages } from '#lib/messages.ts';

const STATUSES: readonly string[] = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];
const isStatus = (v: unknown): v is FaultStatus => typeof v === 'string' && STATUSES.includes(v);

/**
 * A refused case write in the words of the case page. The server states its lifecycle rules
 * in English sentences with machine-readable details (`from`/`to`, `reason`, `field`): the
 * details pick the sentence here, in the person's language.
 */
export function caseProblem(problem: Problem): Problem {
  const d = problem.details;
  const p = messages.cases.problems;
  if (problem.code === 'FORBIDDEN') return { ...problem, message: p.forbidden };
  if (problem.code !== 'BAD_USER_INPUT') return problem;
  if (isStatus(d.from) && isStatus(d.to))
    return { ...problem, message: p.transition(d.from, d.to) };
  if (d.reason === 'MACHINE_ARCHIVED') return { ...problem, message: p.machineArchived };
  if (d.status === 'RESOLVED') return { ...problem, message: p.resolved };
  if (typeof d.assigneeId === 'string')
    return {
      ...problem,
      message: p.assignee,
      fields: { ...problem.fields, assigneeId: p.assignee },
    };
  if (typeof d.field === 'string') {
    // "body must not be blank" / "… at most 5000 characters": the rule, not the sentence.
    const word =
      typeof d.max === 'number' ? messages.fieldProblems.tooLong : messages.fieldProblems.required;
    return {
      ...problem,
      message: messages.problems.invalid,
      fields: { ...problem.fields, [d.field.replace(/^input\./, '')]: word },
    };
  }
  return problem;
}

/** What a form shows: a CONFLICT has its own view (what changed), so the form stays quiet. */
export function formProblem(problem: Problem | null): Problem | null {
  if (!problem || problem.code === 'CONFLICT') return null;
  return caseProblem(problem);
}
