import { CombinedError, type OperationResult } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { OpenFaultCaseInput, ReportFaultMutation } from '#lib/graphql/generated/graphql.ts';
import ReportFaultForm from './ReportFaultForm.svelte';

// The form's contract with the server is its input and the errors the API sends (the shapes
// of `server/src/graphql/errors.ts`); the end-to-end journey sends it for real.
type Send = (input: OpenFaultCaseInput) => Promise<OperationResult<ReportFaultMutation>>;

const answer = (data?: ReportFaultMutation, error?: CombinedError) =>
  ({ data, error }) as OperationResult<ReportFaultMutation>;

function badInput(field: string, constraints: string[]) {
  return new CombinedError({
    graphQLErrors: [
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          details: { fields: [{ field, constraints, problems: ['broken'] }] },
        },
      },
    ],
  });
}

function openedCase(input: OpenFaultCaseInput): ReportFaultMutation {
  return {
    openFaultCase: {
      id: 'case-1',
      severity: input.severity,
      status: 'OPEN',
      openedAt: new Date().toISOString(),
      resolvedAt: null,
      description: input.description,
      assignee: null,
      reportedBy: { kind: 'USER', name: 'Tom Technician' },
      machine: {
        id: String(input.machineId),
        name: 'Press 7',
        assetCode: 'PRS-07',
        location: 'Line 1',
        importance: 5,
        status: 'FAULT',
        statusSince: new Date().toISOString(),
        archived: false,
        building: { id: 'b1', name: 'Hall B' },
        technicians: [],
        activeWarnings: [],
        openFaultCase: null,
      },
    },
  };
}

const description = () => page.getByRole('textbox', { name: 'What is wrong?' });
const submitButton = () => page.getByRole('button', { name: /Report fault|Reporting/ });

describe('ReportFaultForm', () => {
  it('has a severity chosen already, so two taps and a sentence report a fault', async () => {
    const send = vi.fn<Send>(async (input) => answer(openedCase(input)));
    const onreported = vi.fn();
    await render(ReportFaultForm, { machineId: 'm1', onreported, send });

    await expect.element(page.getByRole('radio', { name: /Medium/ })).toBeChecked();
    await page.getByRole('radio', { name: /High/ }).click();
    await description().fill('  Hydraulic leak at main cylinder ');
    await submitButton().click();

    expect(send).toHaveBeenCalledWith({
      machineId: 'm1',
      severity: 'HIGH',
      description: 'Hydraulic leak at main cylinder',
    });
    await vi.waitFor(() => expect(onreported).toHaveBeenCalledOnce());
    expect(onreported.mock.calls[0]![0]).toMatchObject({ id: 'case-1', severity: 'HIGH' });
    // Ready for the next report.
    await expect.element(description()).toHaveValue('');
    await expect.element(page.getByRole('radio', { name: /Medium/ })).toBeChecked();
  });

  it('says at the field that a description is needed, without sending', async () => {
    const send = vi.fn<Send>();
    await render(ReportFaultForm, { machineId: 'm1', onreported: () => {}, send });

    await description().fill('   ');
    await submitButton().click();

    await expect.element(description()).toHaveAttribute('aria-invalid', 'true');
    await expect.element(description()).toHaveAccessibleDescription(/Required\./);
    await expect.element(description()).toHaveFocus();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Please check the marked fields.');
    expect(send).not.toHaveBeenCalled();
  });

  it('disables its button while sending, so a second tap sends nothing twice', async () => {
    let finish!: (result: OperationResult<ReportFaultMutation>) => void;
    const send = vi.fn<Send>(() => new Promise((resolve) => (finish = resolve)));
    await render(ReportFaultForm, { machineId: 'm1', onreported: () => {}, send });

    await description().fill('Belt torn');
    await submitButton().click();
    await expect.element(submitButton()).toBeDisabled();
    await expect.element(submitButton()).toHaveTextContent('Reporting…');
    await userEvent.keyboard('{Enter}');
    expect(send).toHaveBeenCalledOnce();

    finish(answer(openedCase({ machineId: 'm1', severity: 'MEDIUM', description: 'Belt torn' })));
    await expect.element(submitButton()).toBeEnabled();
    await expect.element(submitButton()).toHaveTextContent('Report fault');
  });

  it("shows the server's objection at the field and keeps what was typed and chosen", async () => {
    const send = vi.fn<Send>(async () => answer(undefined, badInput('description', ['maxLength'])));
    const onreported = vi.fn();
    await render(ReportFaultForm, { machineId: 'm1', onreported, send });

    await page.getByRole('radio', { name: /Critical/ }).click();
    await description().fill('Smoke from the motor housing');
    await submitButton().click();

    await expect.element(description()).toHaveAccessibleDescription(/Too long\./);
    await expect.element(description()).toHaveValue('Smoke from the motor housing');
    await expect.element(page.getByRole('radio', { name: /Critical/ })).toBeChecked();
    await expect.element(submitButton()).toBeEnabled();
    expect(onreported).not.toHaveBeenCalled();
  });

  it('keeps the text when the server cannot be reached, and says so in plain words', async () => {
    const send = vi.fn<Send>(async () =>
      answer(undefined, new CombinedError({ networkError: new TypeError('Failed to fetch') })),
    );
    await render(ReportFaultForm, { machineId: 'm1', onreported: () => {}, send });

    await description().fill('Conveyor jammed');
    await submitButton().click();

    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('The server cannot be reached. Check the network and try again.');
    await expect.element(description()).toHaveValue('Conveyor jammed');
  });

  it('points to a case already open on the machine', async () => {
    await render(ReportFaultForm, {
      machineId: 'm1',
      openCaseId: 'c-42',
      onreported: () => {},
      send: vi.fn<Send>(),
    });
    await expect.element(page.getByText(/already open/)).toBeVisible();
    await expect
      .element(page.getByRole('link', { name: 'View the case' }))
      .toHaveAttribute('href', '/cases/c-42');
  });
});
