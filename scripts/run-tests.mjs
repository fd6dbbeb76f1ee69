// `npm test`: runs vitest in each workspace that has tests and ends with one plain line,
// "N passed, N failed[, N skipped]", that CI and people can read at a glance. Exits non-zero
// when a test failed, a suite crashed (e.g. a file that does not import) or nothing ran.
// Extra arguments are passed to vitest: `npm test -- src/modules/machines`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const extraArgs = process.argv.slice(2);

/** The server always; the web app once its package.json has a `test` script. */
function workspaces() {
  const list = ['server'];
  const webPackage = join(root, 'web', 'package.json');
  if (existsSync(webPackage)) {
    const scripts = JSON.parse(readFileSync(webPackage, 'utf8')).scripts ?? {};
    if (scripts.test) list.push('web');
  }
  return list;
}

const outDir = mkdtempSync(join(tmpdir(), 'shopfloor-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Names of skipped tests, so a run on the embedded fallback says what it did not check. */
const skippedTests = [];
/** Failed tests with the first line of their message, repeated at the end: CI logs keep only the tail. */
const failedTests = [];
const problems = [];

try {
  for (const workspace of workspaces()) {
    const outputFile = join(outDir, `${workspace}.json`);
    const args = [
      vitest,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${outputFile}`,
      ...(extraArgs.length > 0 ? ['--passWithNoTests', ...extraArgs] : []),
    ];
    // process.execPath: the same Node 24 that npm put first on PATH for this script.
    const run = spawnSync(process.execPath, args, {
      cwd: join(root, workspace),
      stdio: 'inherit',
      env: process.env,
    });
    if (run.error) problems.push(`${workspace}: could not start vitest (${run.error.message})`);

    if (!existsSync(outputFile)) {
      problems.push(`${workspace}: vitest wrote no report (exit code ${run.status ?? run.signal})`);
      continue;
    }
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') {
          skippedTests.push(`${workspace}: ${test.fullName}`);
        }
        if (test.status === 'failed') {
          const file = suite.name ? suite.name.slice(root.length + 1) : workspace;
          const reason = (test.failureMessages ?? [])[0]?.split('\n')[0] ?? '';
          failedTests.push(`${file} > ${test.fullName}${reason ? `\n      ${reason}` : ''}`);
        }
      }
    }
    const crashed = (report.testResults ?? []).filter(
      (suite) =>
        suite.status === 'failed' &&
        (suite.assertionResults ?? []).every((a) => a.status !== 'failed'),
    );
    for (const suite of crashed) {
      problems.push(
        `${workspace}: suite crashed: ${suite.name}${suite.message ? `: ${suite.message.split('\n')[0]}` : ''}`,
      );
    }
    if (
      (report.numFailedTestSuites ?? 0) > 0 &&
      crashed.length === 0 &&
      (report.numFailedTests ?? 0) === 0
    ) {
      problems.push(`${workspace}: ${report.numFailedTestSuites} suite(s) failed`);
    }
    if (run.status !== 0 && (report.numFailedTests ?? 0) === 0 && problems.length === 0) {
      problems.push(`${workspace}: vitest exited with code ${run.status ?? run.signal}`);
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

if (totals.passed + totals.failed === 0) problems.push('no test ran');
if (skippedTests.length > 0) {
  console.log(`\nSkipped (${skippedTests.length}):`);
  for (const name of skippedTests) console.log(`  - ${name}`);
}
if (failedTests.length > 0) {
  console.log(`\nFailed (${failedTests.length}):`);
  for (const name of failedTests) console.log(`  - ${name}`);
}
for (const problem of problems) console.error(`error: ${problem}`);

const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`;
console.log(summary);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
