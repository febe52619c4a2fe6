// `npm test`: typecheck, unit + property tests, build, end-to-end tests — every stage runs even
// when an earlier one failed (one run shows every problem), then one closing line
// "N passed, N failed" that CI reads. A failed typecheck or build counts as one failed test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const stages = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['e2e', 'npm', ['run', '--silent', 'test:e2e']],
].filter(([name]) => !(process.env.SKIP_STAGES ?? '').split(',').includes(name));

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports');
const failedStages = [];
for (const [name, command, args] of stages) {
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) failedStages.push(name);
}

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const vitest = read('reports/vitest.json');
const playwright = read('reports/playwright.json');
let passed = 0;
let failed = 0;
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
if (playwright) {
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + playwright.stats.flaky;
}
for (const stage of failedStages) {
  // A stage that failed without a failing test (type error, build error, runner crash) still fails the run.
  const counted = (stage === 'unit' && vitest?.numFailedTests > 0) || (stage === 'e2e' && playwright && playwright.stats.unexpected + playwright.stats.flaky > 0);
  if (!counted) failed += 1;
}
if (failedStages.length > 0) console.log(`\nfailed stages: ${failedStages.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
