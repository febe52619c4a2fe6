/**
 * `npm run fuzz [-- --cases N --seed S --budget-ms MS]`: runs the fuzzer (test/fuzz/fuzz.ts) and
 * prints the figures; each failure is written to reports/fuzz/<case>/ with the files of its input.
 * `--case I` replays case I alone and prints what it found. Exit status 1 when anything failed.
 * SIGINT or SIGTERM stops a long run after its current slice of 100 cases, with the figures so far.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePrecompiledCheckers } from './precompile-checkers';

// The checkers' generated data must exist before the fuzzer's modules load (a checkout where
// `npm ci` skipped `prepare` has none), so the fuzzer is imported only after making it.
await ensurePrecompiledCheckers();
const { mutatedCase, runCase, runFuzz, seedInputs } = await import('../test/fuzz/fuzz');
type FuzzFailure = import('../test/fuzz/fuzz').FuzzFailure;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    'budget-ms': { type: 'string', default: '3000' },
    case: { type: 'string' },
  },
});
const seed = Number(values.seed);
const budgetMs = Number(values['budget-ms']);
const number = (n: number) => Math.round(n).toLocaleString('en-US');

if (values.case !== undefined) {
  const { input, mutations } = mutatedCase(seedInputs(), seed, Number(values.case));
  console.log(`case ${values.case} (seed ${seed}): ${mutations.join(' | ')}\n`);
  console.log(`--- dag\n${input.dag.text}`);
  if (input.config) console.log(`--- config\n${input.config.text}`);
  if (input.parameters) console.log(`--- parameters\n${input.parameters.text}`);
  const start = performance.now();
  const result = runCase(input);
  console.log(`\n${number(performance.now() - start)} ms; imported: ${result.imported}, emitted: ${result.emitted}, checked: ${result.checked}`);
  for (const failure of result.failures) console.log(`${failure.kind}: ${failure.detail}`);
  process.exitCode = result.failures.length > 0 ? 1 : 0;
} else {
  const reports = join('reports', 'fuzz');
  rmSync(reports, { recursive: true, force: true });
  const shown = new Map<string, number>();
  const onFailure = (failure: FuzzFailure) => {
    const seen = shown.get(failure.kind) ?? 0;
    shown.set(failure.kind, seen + 1);
    if (seen >= 5) return; // the first few of each kind are enough to start from
    const dir = join(reports, String(failure.caseNumber));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dag.yaml'), failure.input.dag.text);
    if (failure.input.config) writeFileSync(join(dir, 'config.yaml'), failure.input.config.text);
    if (failure.input.parameters) writeFileSync(join(dir, 'parameters.yaml'), failure.input.parameters.text);
    writeFileSync(join(dir, 'failure.txt'), `${failure.kind}\n${failure.mutations.join('\n')}\n\n${failure.detail}\n`);
    console.log(`case ${failure.caseNumber}: ${failure.kind}: ${failure.detail.split('\n')[0].slice(0, 300)}\n  (${failure.mutations.join(' | ').slice(0, 300)})`);
  };
  const cases = Number(values.cases);
  let done = 0;
  const figures = { cases: 0, milliseconds: 0, imported: 0, emitted: 0, checked: 0, counts: {} as Record<string, number> };
  // In slices, so a long run shows it is alive, and can be stopped (SIGINT, SIGTERM) with the figures of what it ran.
  const slice = 100;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const failures = () => Object.values(figures.counts).reduce((a, b) => a + b, 0);
  while (done < cases && !stopped) {
    const part = runFuzz({ cases: Math.min(slice, cases - done), seed, budgetMs, first: done, onFailure });
    figures.cases += part.cases;
    figures.milliseconds += part.milliseconds;
    figures.imported += part.imported;
    figures.emitted += part.emitted;
    figures.checked += part.checked;
    for (const [kind, n] of Object.entries(part.counts)) figures.counts[kind] = (figures.counts[kind] ?? 0) + n;
    done += part.cases;
    if (done % 1_000 === 0) console.error(`… ${number(done)} cases, ${number(figures.milliseconds / 1000)} s, ${number(failures())} failed`);
    await new Promise((resolve) => setImmediate(resolve)); // lets a signal in
  }
  if (stopped) console.log(`\nstopped by a signal after ${number(done)} of ${number(cases)} cases`);
  const failed = failures();
  console.log(`\nfuzz: ${number(figures.cases)} cases (seed ${seed}) in ${number(figures.milliseconds / 1000)} s, ${(figures.milliseconds / figures.cases).toFixed(1)} ms a case`);
  console.log(`  imported ${number(figures.imported)}, emitted without errors ${number(figures.emitted)}, strictly checked ${number(figures.checked)}`);
  console.log(`  exceptions              ${number(figures.counts.exception)}`);
  console.log(`  budget overruns (>${number(budgetMs)} ms CPU)  ${number(figures.counts['budget overrun'])}`);
  console.log(`  E_IMPORT_INTERNAL       ${number(figures.counts.E_IMPORT_INTERNAL)}`);
  console.log(`  other internal errors   ${number(figures.counts['other internal error'])}`);
  console.log(`  checker rejections      ${number(figures.counts['checker rejection'])}`);
  console.log(`  round-trip failures     ${number(figures.counts['round-trip failure'])}`);
  if (failed > 0) console.log(`\nfailing inputs: ${reports}/<case>/ (replay one with --case <case> --seed ${seed})`);
  process.exitCode = failed > 0 ? 1 : 0;
}
