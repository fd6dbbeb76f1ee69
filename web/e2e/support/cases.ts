import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accessibilityProblems } from './axe.ts';
import { PASSWORD, type Stack } from './stack.ts';

/** An access token for a seeded person (setting up through GraphQL, as their app would). */
export async function tokenFor(stack: Stack, email: string): Promise<string> {
  const { login } = await stack.gql<{ login: { accessToken: string } }>(
    `mutation ($e: String!, $p: String!) {
      login(email: $e, password: $p, deliverRefreshToken: BODY) { accessToken } }`,
    { e: email, p: PASSWORD },
  );
  return login.accessToken;
}

/** Opens a fault case on a machine as `token`'s person; returns its id. */
export async function openCase(
  stack: Stack,
  token: string,
  assetCode: string,
  description: string,
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL',
): Promise<string> {
  const { machine } = await stack.gql<{ machine: { id: string } }>(
    `query ($a: String) { machine(assetCode: $a) { id } }`,
    { a: assetCode },
    token,
  );
  const { openFaultCase } = await stack.gql<{ openFaultCase: { id: string } }>(
    `mutation ($i: OpenFaultCaseInput!) { openFaultCase(input: $i) { id } }`,
    { i: { machineId: machine.id, description, severity } },
    token,
  );
  return openFaultCase.id;
}

export async function assignCase(stack: Stack, caseId: string, userId: string): Promise<void> {
  await stack.gql(
    `mutation ($c: ID!, $u: ID!) { assignFaultCase(id: $c, assigneeId: $u) { id } }`,
    { c: caseId, u: userId },
    stack.managerToken,
  );
}

export interface CaseRow {
  status: string;
  severity: string;
  description: string;
  version: number;
  resolutionNote: string | null;
  notes: { body: string; author: { name: string } }[];
  machine: { status: string };
}

/** The case as the server has it (the truth the page is checked against). */
export async function readCase(stack: Stack, caseId: string): Promise<CaseRow> {
  const { faultCase } = await stack.gql<{ faultCase: CaseRow }>(
    `query ($id: ID!) { faultCase(id: $id) { status severity description version resolutionNote
      notes { body author { name } } machine { status } } }`,
    { id: caseId },
    stack.managerToken,
  );
  return faultCase;
}

/** The case page's header, once it shows the case in `status`. */
export function caseHeader(page: Page, status?: string) {
  return page.locator(status ? `header[data-case-status="${status}"]` : 'header[data-case]');
}

/** The page has no serious accessibility problem and nothing overflows sideways. */
export async function expectUsable(page: Page): Promise<void> {
  expect(await accessibilityProblems(page)).toEqual([]);
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width,
  );
}
