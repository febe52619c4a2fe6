/**
 * `npm run bench`: speed and memory of the transpiler core on generated pipelines of 100, 1,000 and
 * 10,000 steps, ~1,000 steps spread over nested parallel and map steps, and 1,000 steps with
 * on_failure on every tenth. Prints median times
 * (ms) of import+validate (from magnus YAML text), of each emitter on a pipeline it has not seen
 * ("cold": a fresh copy each time, so nothing is reused), of re-emitting KFP v2 after a one-step
 * edit (what the designer does on a keystroke), and the peak heap seen.
 * Targets: emit 1,000 steps ≤ 16 ms, 10,000 ≤ 200 ms.
 */
import { emitPipeline, EMIT_TARGETS } from '../src/core/emit/index';
import { exportMagnus } from '../src/core/magnus/export';
import { importMagnus } from '../src/core/magnus/import';
import { setStepOverride } from '../src/core/model/settings-actions';
import { walkSteps } from '../src/core/model/paths';
import type { Pipeline } from '../src/core/model/types';
import { validatePipeline } from '../src/core/validate/validate';
import { generateNestedPipeline, generateOnFailurePipeline, generatePipeline } from './generate';

let peakHeap = 0;

/** Median of `repetitions` timed runs; `prepare` runs untimed before each (e.g. a fresh copy). */
function median<T>(prepare: () => T, run: (input: T) => void, repetitions: number): number {
  run(prepare()); // warm-up: JIT and lazy initialisation are not what a user waits for on each edit
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const input = prepare();
    const start = performance.now();
    run(input);
    times.push(performance.now() - start);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Re-emitting after changing one step's memory limit, a different step each time. */
function editThenEmit(pipeline: Pipeline, repetitions: number): number {
  const steps = [...walkSteps(pipeline.dag)].filter((v) => v.step.type === 'task').map((v) => v.path);
  let current = pipeline;
  emitPipeline(current, { target: 'kfp-v2' });
  let n = 0;
  return median(
    () => (current = setStepOverride(current, steps[(n++ * 37) % steps.length], 'memory_limit', `${(n % 7) + 1}Gi`)),
    // The designer reads the pieces (YAML pane, edit-session.ts), not the joined text.
    (edited) => emitPipeline(edited, { target: 'kfp-v2' }).pieces,
    repetitions,
  );
}

const header = ['steps', 'import+validate', ...EMIT_TARGETS.map((t) => `emit ${t}`), 'edit→emit kfp-v2', 'validate', 'kfp-v2 size'];
const rows: string[][] = [header];

function measure(label: string, pipeline: Pipeline, repetitions: number, withImport: boolean) {
  const files = exportMagnus(pipeline);
  const importAndValidate = withImport
    ? median(
        () => undefined,
        () => validatePipeline(importMagnus({ dag: { text: files.dag }, config: { text: files.config }, parameters: { text: files.parameters! } }).pipeline!),
        repetitions,
      ).toFixed(1)
    : '–';
  const emits = EMIT_TARGETS.map((target) => median(() => structuredClone(pipeline), (copy) => emitPipeline(copy, { target }).text, repetitions));
  const validate = median(() => pipeline, (p) => validatePipeline(p), repetitions);
  const kilobytes = (emitPipeline(pipeline, { target: 'kfp-v2' }).text.length / 1024).toFixed(0);
  rows.push([label, importAndValidate, ...emits.map((ms) => ms.toFixed(1)), editThenEmit(pipeline, repetitions).toFixed(1), validate.toFixed(1), `${kilobytes} KB`]);
}

for (const size of [100, 1_000, 10_000]) measure(size.toLocaleString('en'), generatePipeline(size), size >= 10_000 ? 5 : 15, true);
const nested = generateNestedPipeline(1_000);
measure(`${[...walkSteps(nested.dag)].length.toLocaleString('en')} nested`, nested, 15, false);
measure('1,000 with on_failure', generateOnFailurePipeline(1_000), 15, false);

const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));
console.log(`\nmedian milliseconds; peak heap used ${(peakHeap / 1024 / 1024).toFixed(0)} MB (node ${process.version}); load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
