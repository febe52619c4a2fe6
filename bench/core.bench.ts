/**
 * `npm run bench`: speed and memory of the transpiler core on generated pipelines of 100, 1,000 and
 * 10,000 steps. Prints median times (ms) of import+validate (from magnus YAML text) and of each
 * emitter, and the peak heap seen. Targets: emit 1,000 steps ≤ 16 ms, 10,000 ≤ 200 ms.
 */
import { emitPipeline, EMIT_TARGETS } from '../src/core/emit/index';
import { exportMagnus } from '../src/core/magnus/export';
import { importMagnus } from '../src/core/magnus/import';
import { validatePipeline } from '../src/core/validate/validate';
import { generateNestedPipeline, generatePipeline } from './generate';
import { walkSteps } from '../src/core/model/paths';

const SIZES = [100, 1_000, 10_000];
let peakHeap = 0;

function median(run: () => void, repetitions: number): number {
  run(); // warm-up: JIT and lazy initialisation are not what a user waits for on each edit
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows: string[][] = [['steps', 'import+validate', ...EMIT_TARGETS.map((t) => `emit ${t}`), 'validate only', 'kfp-v2 size']];
for (const size of SIZES) {
  const pipeline = generatePipeline(size);
  const files = exportMagnus(pipeline);
  const repetitions = size >= 10_000 ? 5 : 15;
  const importAndValidate = median(() => {
    const imported = importMagnus({ dag: { text: files.dag }, config: { text: files.config }, parameters: { text: files.parameters! } });
    validatePipeline(imported.pipeline!);
  }, repetitions);
  const emits = EMIT_TARGETS.map((target) => median(() => emitPipeline(pipeline, { target }), repetitions));
  const validate = median(() => validatePipeline(pipeline), repetitions);
  const kilobytes = (emitPipeline(pipeline, { target: 'kfp-v2' }).text.length / 1024).toFixed(0);
  rows.push([size.toLocaleString('en'), ...[importAndValidate, ...emits, validate].map((ms) => ms.toFixed(1)), `${kilobytes} KB`]);
}

{
  // Composite steps (issue: the bench prints emit times for 1,000 steps over nested parallel and map steps).
  const pipeline = generateNestedPipeline(1_000);
  const steps = [...walkSteps(pipeline.dag)].length;
  const emits = EMIT_TARGETS.map((target) => median(() => emitPipeline(pipeline, { target }), 15));
  const validate = median(() => validatePipeline(pipeline), 15);
  const kilobytes = (emitPipeline(pipeline, { target: 'kfp-v2' }).text.length / 1024).toFixed(0);
  rows.push([`${steps.toLocaleString('en')} nested`, '–', ...emits.map((ms) => ms.toFixed(1)), validate.toFixed(1), `${kilobytes} KB`]);
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));
console.log(`\nmedian milliseconds; peak heap used ${(peakHeap / 1024 / 1024).toFixed(0)} MB (node ${process.version})`);
