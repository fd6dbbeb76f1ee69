import { CombinedError, type AnyVariables } from '@urql/core';
import type { CaseDetailFragment, CaseMachineFragment } from '#lib/graphql/generated/graphql.ts';
import type { CaseResult } from './case.svelte.ts';

// Test data for the case page's components: a case with sensible defaults, and the answers
// a write can get (the server's shapes, built here so components can be tested alone).

export const PEOPLE = {
  manager: { id: 'u-manager', name: 'Mia Manager' },
  technician: { id: 'u-tech', name: 'Tom Technician' },
  repair: { id: 'u-repair', name: 'Rick Repair' },
  otherRepair: { id: 'u-repair-2', name: 'Rita Repair' },
};

export function caseMachine(overrides: Partial<CaseMachineFragment> = {}): CaseMachineFragment {
  return {
    id: 'm-1',
    name: 'Press 7',
    assetCode: 'PRS-07',
    location: 'Line 1',
    status: 'FAULT',
    statusSince: new Date(Date.now() - 600_000).toISOString(),
    archived: false,
    building: { id: 'b-1', name: 'Hall B' },
    activeWarnings: [],
    ...overrides,
  };
}

export function caseDetail(overrides: Partial<CaseDetailFragment> = {}): CaseDetailFragment {
  return {
    id: 'c-1',
    status: 'OPEN',
    severity: 'HIGH',
    description: 'Hydraulic leak at main cylinder',
    version: 3,
    openedAt: new Date(Date.now() - 600_000).toISOString(),
    updatedAt: new Date(Date.now() - 300_000).toISOString(),
    reportedBy: { ...PEOPLE.technician, kind: 'USER' },
    assignee: null,
    assignedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    startedAt: null,
    startedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    reopenCount: 0,
    isRepeat: false,
    repeatOf: null,
    timeToResolveSeconds: null,
    machine: caseMachine(),
    ...overrides,
  };
}

/** A successful write's answer. */
export function answered(fc: CaseDetailFragment): CaseResult {
  return { data: fc, error: undefined, stale: false, hasNext: false } as unknown as CaseResult;
}

/** A refused write's answer, as urql hands it over. */
export function refused(code: string, message: string, details: Record<string, unknown> = {}) {
  return {
    data: undefined,
    error: new CombinedError({ graphQLErrors: [{ message, extensions: { code, details } }] }),
    stale: false,
    hasNext: false,
  } as unknown as CaseResult & { data: undefined } & { variables?: AnyVariables };
}
