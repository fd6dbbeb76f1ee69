import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl } from './schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));

describe('schema.graphql', () => {
  it('is the SDL the resolvers produce (run `npm run schema:print` after changing the API)', async () => {
    const generated = await printSchemaSdl();
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => undefined);
    // Compare as a boolean first so the failure names the fix instead of a 1,000-line diff.
    expect(committed !== undefined, 'schema.graphql is missing: run `npm run schema:print`').toBe(
      true,
    );
    expect(
      committed === generated,
      'schema.graphql is out of date: run `npm run schema:print`',
    ).toBe(true);
  });

  it('documents role requirements as directives', async () => {
    const sdl = await printSchemaSdl();
    expect(sdl).toMatch(
      /\bcreateMachine\(input: CreateMachineInput!\): Machine! @auth\(requires: \[MANAGER\]\)/,
    );
    expect(sdl).toContain('directive @auth(');
  });
});
