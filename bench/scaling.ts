/**
 * `npx tsx bench/scaling.ts [N]`: whether reading, validating and emitting stay linear on large
 * and hostile shapes (every name colliding, every edge dangling, thousands of branches, profiles,
 * secrets…). Prints the CPU time of import+validate and of the three emissions at N and 2N steps
 * (default 5,000) and their ratio: about 2 is linear, 4 is quadratic. The strict self-check is
 * left out (measured by `npm run bench`).
 */
import { emitPipeline, EMIT_TARGETS } from '../src/core/emit/index';
import { exportMagnus } from '../src/core/magnus/export';
import { importMagnus } from '../src/core/magnus/import';
import type { Pipeline, Step } from '../src/core/model/types';
import { validatePipeline } from '../src/core/validate/validate';
import { generatePipeline } from './generate';

const terminals: Step[] = [
  { name: 'success', type: 'success' },
  { name: 'fail', type: 'fail' },
];
const base = generatePipeline(1);
const withSteps = (steps: Step[], extra: Partial<Pipeline> = {}): Pipeline => ({ ...base, dag: { start_at: steps[0].name, steps: [...steps, ...terminals] }, ...extra });
const chain = (n: number, name: (i: number) => string, step: (i: number) => Partial<Step> = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({ name: name(i), type: 'task', command: `m.f${i}`, next: i + 1 < n ? name(i + 1) : 'success', ...step(i) }) as Step);

const SHAPES: Record<string, (n: number) => Pipeline> = {
  'linear chain': (n) => generatePipeline(n),
  // Different names that all sanitise to `step` (`step!`, `step@`, `step!!`…): each gets the next `-n`.
  'colliding Kubernetes names': (n) => withSteps(chain(n, (i) => `step ${[...i.toString(8)].map((d) => '!@#$%^&*'[Number(d)]).join('')}`)),
  'every next dangling': (n) => withSteps(chain(n, (i) => `s${i}`, (i) => ({ next: `missing ${i}` }))),
  'no edges at all': (n) => withSteps(chain(n, (i) => `s${i}`, () => ({ next: undefined }))),
  'one parallel, N branches': (n) =>
    withSteps([
      {
        name: 'fan',
        type: 'parallel',
        next: 'success',
        branches: Array.from({ length: n }, (_, i) => ({ name: `b${i}`, graph: { start_at: 'x', steps: [{ name: 'x', type: 'stub', next: 'success' }, ...terminals] } })),
      },
    ]),
  'N profiles, steps naming them': (n) =>
    withSteps(chain(n, (i) => `s${i}`, (i) => ({ kfp: [{ key: `p${i}`, value: null }] })), {
      executor: { ...base.executor, profiles: Array.from({ length: n }, (_, i) => ({ name: `p${i}`, entries: [{ key: 'cpu_limit', value: '1' }] })) },
    }),
  'N secrets and volumes': (n) =>
    withSteps(chain(10, (i) => `s${i}`), {
      executor: {
        ...base.executor,
        secrets_from_k8s: Array.from({ length: n }, (_, i) => ({ env: `E${i}`, ref: `s${i}:k` })),
        persistent_volumes: Array.from({ length: n }, (_, i) => ({ claim: `c${i}`, mountPath: `/m/${i}` })),
      },
    }),
  'N parameters': (n) => ({ ...generatePipeline(10), parameters: Array.from({ length: n }, (_, i) => ({ name: `p${i}`, value: i })) }),
};

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function measure(pipeline: Pipeline): { read: number; emit: number } {
  const files = exportMagnus(pipeline);
  let start = cpu();
  const imported = importMagnus({ dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}) });
  if (imported.pipeline) validatePipeline(imported.pipeline);
  const read = cpu() - start;
  start = cpu();
  for (const target of EMIT_TARGETS) void emitPipeline(pipeline, { target }).text;
  return { read, emit: cpu() - start };
}

const n = Number(process.argv[2] ?? 5_000);
console.log(`CPU ms at ${n.toLocaleString('en-US')} and ${(2 * n).toLocaleString('en-US')} (ratio; ~2 is linear)\n`);
console.log('| shape | import+validate | ratio | emit ×3 | ratio |\n| --- | ---: | ---: | ---: | ---: |');
for (const [name, make] of Object.entries(SHAPES)) {
  measure(make(Math.min(200, n))); // warm-up
  const small = measure(make(n));
  const large = measure(make(2 * n));
  const cell = (a: number, b: number) => `${Math.round(a)} → ${Math.round(b)} | ${(b / Math.max(a, 1)).toFixed(1)}`;
  console.log(`| ${name} | ${cell(small.read, large.read)} | ${cell(small.emit, large.emit)} |`);
}
