import { CombinedError, type OperationResult } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import BuildingNameForm from './BuildingNameForm.svelte';
import MachineForm from './MachineForm.svelte';
import type { MachineValues } from './machine-values.ts';

// The forms get the server's answer through `send`; here it is the answer the API gives
// (its error shapes as in server/src/graphql/errors.ts), so what is tested is how a form
// shows it: at the field, with what was typed kept, the button waiting while it is out.

const buildings = [
  { id: 'b1', name: 'Hall A' },
  { id: 'b2', name: 'Hall B' },
];

function failed(code: string, message: string, details: Record<string, unknown>) {
  return {
    data: undefined,
    error: new CombinedError({
      graphQLErrors: [{ message, extensions: { code, details } }],
    }),
  } as unknown as OperationResult<{ createMachine: { id: string } }>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function fillMachine() {
  await userEvent.fill(page.getByLabelText('Name'), 'CNC Mill 2');
  await userEvent.fill(page.getByLabelText(/Asset code/), 'CNC 02');
  await page.getByLabelText('Building').selectOptions('Hall B');
  await userEvent.fill(page.getByLabelText(/Place in the building/), 'Line 4');
  await page.getByLabelText('Importance').selectOptions('4 – high');
}

describe('MachineForm', () => {
  it('shows BAD_USER_INPUT at its field, keeps what was typed, waits while sending', async () => {
    const answer = deferred<OperationResult<{ createMachine: { id: string } }>>();
    const send = vi.fn((_v: MachineValues) => answer.promise);
    const onsaved = vi.fn();
    await render(MachineForm, { mode: 'create', buildings, send, onsaved });
    await fillMachine();

    const button = page.getByRole('button', { name: 'Add machine' });
    await button.click();
    // While the request is out: the button is disabled and says so; a second click sends nothing.
    const busy = page.getByRole('button', { name: 'Adding…' });
    await expect.element(busy).toBeDisabled();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toEqual({
      name: 'CNC Mill 2',
      assetCode: 'CNC 02',
      buildingId: 'b2',
      location: 'Line 4',
      importance: 4,
    });

    // class-validator's answer for the asset code (server/src/graphql/errors.ts).
    answer.resolve(
      failed('BAD_USER_INPUT', 'Invalid input', {
        fields: [
          {
            field: 'assetCode',
            problems: ['assetCode must be 1-40 letters, digits, dot, dash or underscore'],
            constraints: ['matches'],
          },
        ],
      }),
    );
    await expect.element(button).toBeEnabled();
    const code = page.getByLabelText(/Asset code/);
    await expect.element(code).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(code)
      .toHaveAccessibleDescription(/1 to 40 letters, digits, dot, dash or underscore, no spaces/);
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Please check the marked fields.');
    // Nothing typed is lost; the other fields are not marked.
    await expect.element(page.getByLabelText('Name')).toHaveValue('CNC Mill 2');
    await expect.element(code).toHaveValue('CNC 02');
    await expect.element(page.getByLabelText('Building')).toHaveValue('b2');
    await expect.element(page.getByLabelText(/Place in the building/)).toHaveValue('Line 4');
    await expect.element(page.getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('shows an asset code another machine has (CONFLICT) at the asset code', async () => {
    const send = vi.fn(async () =>
      failed('CONFLICT', 'Another machine already has this asset code', { assetCode: 'CNC-02' }),
    );
    await render(MachineForm, { mode: 'create', buildings, send, onsaved: vi.fn() });
    await fillMachine();
    await page.getByRole('button', { name: 'Add machine' }).click();
    await expect
      .element(page.getByLabelText(/Asset code/))
      .toHaveAccessibleDescription(/Another machine already has this asset code/);
    await expect.element(page.getByLabelText('Name')).toHaveValue('CNC Mill 2');
  });

  it('says so when the server cannot be reached, and keeps the form as it was', async () => {
    const send = vi.fn(
      async () =>
        ({
          data: undefined,
          error: new CombinedError({ networkError: new TypeError('Failed to fetch') }),
        }) as unknown as OperationResult<{ createMachine: { id: string } }>,
    );
    await render(MachineForm, { mode: 'create', buildings, send, onsaved: vi.fn() });
    await fillMachine();
    await page.getByRole('button', { name: 'Add machine' }).click();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('The server cannot be reached. Check the network and try again.');
    await expect.element(page.getByLabelText(/Asset code/)).toHaveValue('CNC 02');
  });

  it('hands the saved machine on when the server accepts it', async () => {
    const onsaved = vi.fn();
    const send = vi.fn(
      async () =>
        ({ data: { createMachine: { id: 'm1' } } }) as OperationResult<{
          createMachine: { id: string };
        }>,
    );
    await render(MachineForm, { mode: 'create', buildings, send, onsaved });
    await fillMachine();
    await page.getByRole('button', { name: 'Add machine' }).click();
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalledWith({ createMachine: { id: 'm1' } }));
  });
});

describe('BuildingNameForm', () => {
  it('shows a name another building has (CONFLICT, any case) at the name, typed text kept', async () => {
    const send = vi.fn(async () =>
      failed('CONFLICT', 'A building with this name already exists', {
        field: 'name',
        name: 'hall b',
        existing: 'Hall B',
      }),
    );
    await render(BuildingNameForm, {
      label: 'Name',
      submitLabel: 'Add building',
      busyLabel: 'Adding…',
      send,
      onsaved: vi.fn(),
    });
    const input = page.getByLabelText('Name');
    await userEvent.fill(input, 'hall b');
    await page.getByRole('button', { name: 'Add building' }).click();
    await expect.element(input).toHaveAccessibleDescription(/"Hall B" already exists/);
    await expect.element(input).toHaveValue('hall b');
    await expect.element(input).toHaveAttribute('aria-invalid', 'true');
  });
});
