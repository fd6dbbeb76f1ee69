import type { Client } from '@urql/core';
import type { CaseRow } from './case-list.svelte.ts';

let next = 1;

/** A case row with sensible defaults; override what the test is about. */
export function caseRow(
  overrides: Partial<Omit<CaseRow, 'machine'>> & { machine?: Partial<CaseRow['machine']> } = {},
): CaseRow {
  const n = next++;
  const { machine, ...rest } = overrides;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'OPEN',
    severity: 'HIGH',
    openedAt: new Date(Date.now() - n * 60_000).toISOString(),
    acknowledgedAt: null,
    startedAt: null,
    resolvedAt: null,
    isRepeat: false,
    description: `Fault ${n}`,
    assignee: null,
    ...rest,
    machine: {
      id: `m${n}`,
      name: `Machine ${n}`,
      assetCode: `M-${String(n).padStart(2, '0')}`,
      location: 'Line 1',
      importance: 3,
      building: { id: 'b1', name: 'Hall A' },
      ...machine,
    },
  };
}

/** One answer a fake client gives: data, or an error like urql's. */
export type Answer = { data: unknown } | { error: unknown };

/**
 * A stand-in for the urql client that answers queries from a script (in order of asking) and
 * records what was asked; an answer can be held back until the test releases it.
 */
export function scriptedClient() {
  const asked: { variables: Record<string, unknown> }[] = [];
  const waiting: ((answer: Answer) => void)[] = [];
  const client = {
    query: (_document: unknown, variables: Record<string, unknown>) => {
      asked.push({ variables });
      return { toPromise: () => new Promise<Answer>((resolve) => waiting.push(resolve)) };
    },
  } as unknown as Client;
  return {
    client,
    asked,
    /** Answers the oldest question still open. */
    answer(answer: Answer) {
      const resolve = waiting.shift();
      if (!resolve) throw new Error('nothing was asked');
      resolve(answer);
    },
    get open() {
      return waiting.length;
    },
  };
}
