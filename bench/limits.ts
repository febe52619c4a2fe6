/**
 * `npx tsx bench/limits.ts`: what the input budgets of src/core/limits.ts cost at their edges —
 * how long refusing a hostile file takes, and how long the largest accepted inputs take to read.
 * Prints CPU milliseconds (median of 3), for the README's "Limits" section.
 */
import { emitPipeline, EMIT_TARGETS } from '../src/core/emit/index';
import { MAX_FILE_BYTES } from '../src/core/limits';
import { exportMagnus } from '../src/core/magnus/export';
import { importMagnus } from '../src/core/magnus/import';
import { validatePipeline } from '../src/core/validate/validate';
import { generatePipeline } from './generate';

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = cpu();
    run();
    times.push(cpu() - start);
  }
  return times.sort((a, b) => a - b)[1];
}

const codes = (text: string) => importMagnus({ dag: { text } }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ');
// A fresh text each time, so the parse cache of long texts does not answer.
let variant = 0;
const fresh = (text: string) => `${text}# ${variant++}\n`;

function aliasBomb(levels: number): string {
  let text = 'laughs:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < levels; i++) text += `  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  return `${text}dag: {}\n`;
}

const rows: [string, string, string][] = [];
const row = (what: string, text: string) => rows.push([what, `${Math.round(median(() => importMagnus({ dag: { text: fresh(text) } })))}`, codes(text) || '—']);

row('alias bomb 9 levels of 10 (10⁹ nodes), refused', aliasBomb(9));
row('flow nesting 10,000 deep, refused', `dag: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
row('block nesting 2,000 deep, refused', `dag:\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(2 * i + 2)}k:`).join('\n')} 1\n`);
row(`text over ${MAX_FILE_BYTES / 1024 / 1024} MiB, refused`, `dag: {}\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`);

// The largest pipeline file accepted: as many generated steps as fit in the size limit.
let size = Math.floor(MAX_FILE_BYTES / (exportMagnus(generatePipeline(1_000)).dag.length / 1_000));
let largest = generatePipeline(size);
let largestDag = exportMagnus(largest).dag;
while (largestDag.length > MAX_FILE_BYTES) {
  size = Math.floor(size * 0.98);
  largest = generatePipeline(size);
  largestDag = exportMagnus(largest).dag;
}
rows.push([
  `largest file accepted: ${largest.dag.steps.length.toLocaleString('en-US')} steps, ${(largestDag.length / 1024 / 1024).toFixed(1)} MiB, import`,
  `${Math.round(median(() => importMagnus({ dag: { text: fresh(largestDag) } })))}`,
  codes(largestDag) || '—',
]);

const twenty = exportMagnus(generatePipeline(20_000));
const input = () => ({ dag: { text: fresh(twenty.dag) }, config: { text: twenty.config }, parameters: { text: twenty.parameters! } });
const imported = importMagnus(input()).pipeline!;
rows.push(['20,000 steps: import', `${Math.round(median(() => importMagnus(input())))}`, '—']);
rows.push(['20,000 steps: validate', `${Math.round(median(() => validatePipeline(imported)))}`, '—']);
for (const target of EMIT_TARGETS) rows.push([`20,000 steps: emit ${target}`, `${Math.round(median(() => emitPipeline(structuredClone(imported), { target }).text))}`, '—']);

console.log('| input | CPU ms | diagnostics |\n| --- | ---: | --- |');
for (const [what, ms, found] of rows) console.log(`| ${what} | ${Number(ms).toLocaleString('en-US')} | ${found} |`);
