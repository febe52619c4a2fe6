/**
 * The reader worker's first half of an import of 1,000 steps (issue 13's import goal): telling the
 * files apart, importing and laying them out, cold, each run in a fresh Node process of an esbuild
 * bundle (bench/import-read-probe.ts), as a fresh worker runs it; files without and with the
 * designer's positions. Median CPU ms of each part.
 *
 * BENCH_READ_BASELINE=<checkout>: the same probe bundled from that tree too (e.g. main's), the two
 * alternated run by run. BENCH_READ_RUNS (9) runs each. BENCH_READ_PROF=<dir>: a --cpu-prof of each run there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { exportMagnus } from '../src/core/magnus/export';
import { generatePipeline, withPositions } from './generate';
import { median, ms, type GoalRow } from './goals';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE = process.env.BENCH_READ_BASELINE;
const RUNS = Number(process.env.BENCH_READ_RUNS ?? 9);
const PROF = process.env.BENCH_READ_PROF;
const PARTS = ['classify', 'import', 'layout', 'total'] as const;
type Figures = Record<(typeof PARTS)[number], number>;

function bundle(tree: string, dir: string, label: string): string {
  const outfile = join(dir, `${label}.cjs`);
  const probe = readProbe();
  buildSync({
    stdin: {
      contents: probe,
      resolveDir: join(tree, 'bench'),
      loader: 'ts',
      sourcefile: 'import-read-probe.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

const readProbe = () => readFileSync(join(ROOT, 'bench/import-read-probe.ts'), 'utf8');

function run(script: string, files: string, prof: string | undefined): Figures {
  const args = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, script, files] : [script, files];
  const out = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`${script}: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as Figures;
}

export function measureImportRead(size = 1000): GoalRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'import-read-'));
  const trees = BASELINE
    ? [
        { label: 'baseline', tree: BASELINE },
        { label: 'this', tree: ROOT },
      ]
    : [{ label: 'this', tree: ROOT }];
  const scripts = trees.map(({ label, tree }) => bundle(tree, dir, label));
  const rows: GoalRow[] = [];
  const loads: number[] = [];
  console.log(
    `\nimport, the reader worker's first half (classify, import, lay out), ${size.toLocaleString('en')} steps, cold, CPU ms, median of ${RUNS} fresh processes${BASELINE ? ` (baseline ${BASELINE} alternated with this tree)` : ''}:`,
  );
  for (const positioned of [false, true]) {
    const pipeline = positioned ? withPositions(generatePipeline(size)) : generatePipeline(size);
    const magnus = exportMagnus(pipeline);
    const files = join(dir, `files-${positioned}.json`);
    writeFileSync(
      files,
      JSON.stringify([
        { name: 'dag.yaml', text: magnus.dag },
        { name: 'config.yaml', text: magnus.config },
        { name: 'parameters.yaml', text: magnus.parameters ?? '' },
      ]),
    );
    const figures = trees.map(() => [] as Figures[]);
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? trees.map((_, k) => k) : trees.map((_, k) => trees.length - 1 - k);
      for (const k of order) {
        loads.push(loadavg()[0]);
        figures[k].push(run(scripts[k], files, PROF && join(PROF, `${trees[k].label}-${positioned ? 'positions' : 'plain'}`)));
      }
    }
    const medians = figures.map((list) => Object.fromEntries(PARTS.map((p) => [p, median(list.map((f) => f[p]))])) as Figures);
    console.log(`  files ${positioned ? 'with positions' : 'without positions'}:`);
    trees.forEach(({ label }, k) => {
      const ratio = k > 0 ? ` (${(medians[k].total / medians[0].total).toFixed(2)}×)` : '';
      console.log(`    ${label.padEnd(8)} ${PARTS.map((p) => `${p} ${medians[k][p].toFixed(1).padStart(6)}`).join('   ')}${ratio}`);
    });
    const now = medians[trees.length - 1].total;
    rows.push({
      what: `import, worker's first half (cold CPU), ${size.toLocaleString('en')} steps, ${positioned ? 'with' : 'without'} positions`,
      goal: 'a part of import → drawn ≤ 500 ms',
      now: ms(now),
      met: undefined,
    });
  }
  console.log(`  load average (1 min) during the runs: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on 2 CPUs`);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) measureImportRead();
