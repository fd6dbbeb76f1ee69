import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaSdl } from '../graphql/schema.js';

/** The committed SDL at the repository root; src/cli and dist/cli are both three levels below it. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));

/**
 * `npm run schema:print` writes schema.graphql; `--check` only compares, so CI can fail when a
 * resolver change was committed without the regenerated schema.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const sdl = await printSchemaSdl();
  if (check) {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== sdl) {
      process.stderr.write(`${SCHEMA_FILE} is out of date: run \`npm run schema:print\`\n`);
      process.exit(1);
    }
    process.stdout.write(`${SCHEMA_FILE} is up to date\n`);
    return;
  }
  await writeFile(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
