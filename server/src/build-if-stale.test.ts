import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_DIR } from './testing/build.js';

/**
 * `npm start` compiles the server only when it is stale (scripts/build-if-stale.mjs). Driven
 * here against a two-file project shaped like the server (src/, tsconfig.build.json excluding
 * tests), so that a compile takes a second, not the server's twenty.
 */
const SCRIPT = resolve(SERVER_DIR, '..', 'scripts', 'build-if-stale.mjs');
let project: string;
const mainJs = () => join(project, 'dist', 'main.js');

function buildIfStale(...args: string[]): number | null {
  const result = spawnSync(process.execPath, [SCRIPT, '--server-dir', project, ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0 && !args.includes('--check'))
    throw new Error(result.stdout + result.stderr);
  return result.status;
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'shopfloor-build-'));
  mkdirSync(join(project, 'src', 'testing'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        strict: true,
        rootDir: 'src',
        outDir: 'dist',
        types: [],
      },
      include: ['src/**/*.ts'],
    }),
  );
  writeFileSync(
    join(project, 'tsconfig.build.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      exclude: ['src/**/*.test.ts', 'src/testing/**'],
    }),
  );
  writeFileSync(join(project, 'src', 'main.ts'), "export const answer: string = 'first';\n");
  writeFileSync(join(project, 'src', 'main.test.ts'), 'export const t = 1;\n');
  writeFileSync(join(project, 'src', 'testing', 'helper.ts'), 'export const h = 1;\n');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('scripts/build-if-stale.mjs', () => {
  it('compiles when there is no build, then skips while nothing changed', () => {
    expect(buildIfStale('--check')).toBe(1);
    buildIfStale();
    expect(readFileSync(mainJs(), 'utf8')).toContain("'first'");
    expect(buildIfStale('--check')).toBe(0);

    const before = statSync(mainJs()).mtimeMs;
    buildIfStale();
    expect(statSync(mainJs()).mtimeMs).toBe(before);
  });

  it('compiles again when a source changes', () => {
    writeFileSync(join(project, 'src', 'main.ts'), "export const answer: string = 'second';\n");
    expect(buildIfStale('--check')).toBe(1);
    buildIfStale();
    expect(readFileSync(mainJs(), 'utf8')).toContain("'second'");
    expect(buildIfStale('--check')).toBe(0);
  });

  it('compiles again when a source is added, or the build settings change', () => {
    writeFileSync(join(project, 'src', 'extra.ts'), 'export const extra = 1;\n');
    expect(buildIfStale('--check')).toBe(1);
    buildIfStale();
    expect(existsSync(join(project, 'dist', 'extra.js'))).toBe(true);

    const settings = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    settings.compilerOptions.removeComments = true;
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(settings));
    expect(buildIfStale('--check')).toBe(1);
    buildIfStale();
    expect(buildIfStale('--check')).toBe(0);
  });

  it('does not compile for a changed test or test helper, which the build excludes', () => {
    writeFileSync(join(project, 'src', 'main.test.ts'), 'export const t = 2;\n');
    writeFileSync(join(project, 'src', 'testing', 'helper.ts'), 'export const h = 2;\n');
    expect(buildIfStale('--check')).toBe(0);
  });

  it('compiles when the output is gone, and keeps the stale state when the compile fails', () => {
    unlinkSync(mainJs());
    expect(buildIfStale('--check')).toBe(1);
    buildIfStale();
    expect(existsSync(mainJs())).toBe(true);

    writeFileSync(join(project, 'src', 'main.ts'), 'export const answer: string = 42;\n');
    expect(() => buildIfStale()).toThrow();
    // A failed compile records nothing: the next start tries again instead of running old code.
    expect(buildIfStale('--check')).toBe(1);
  });
});
