/**
 * Issue 13's core goals: the cold KFP v2 emission (against `JSON.stringify` of the same output data,
 * and its peak heap at 10,000 steps), and the strict self-check of the output against the emission
 * at 1,000, 4,000 and 10,000 steps, both in CPU time, one after the other in fresh processes as the
 * CLI runs them: a ratio holds on a shared machine, absolute times do not (the emission's CPU time
 * is printed beside its wall time for the same reason). Run with
 * `node --expose-gc` (npm run bench does): the emission timings start from a collected heap.
 *
 * BENCH_EMIT_BASELINE=<checkout> (a tree of the sources with node_modules and the checkers'
 * generated data, e.g. a worktree of main): also runs that checkout's emitter, alternated with this
 * one in the same process, and its self-check probe, alternated in fresh processes, for a
 * before/after in one run; printed as "baseline → this".
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseYamlDocuments } from '../src/core/check/yaml-documents';
import { emitPipeline, type EmitTarget } from '../src/core/emit/index';
import type { Pipeline } from '../src/core/model/types';
import { generatePipeline } from './generate';
import { median, ms, type GoalRow } from './goals';

const gc = (globalThis as { gc?: () => void }).gc;
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Wall and CPU milliseconds of `run`, from a collected heap. The CPU time is the process's (V8's
 * GC helper threads included): on a machine shared with other work it swings far less than the wall time.
 */
function timed(run: () => unknown): { wall: number; cpu: number } {
  gc?.();
  const [wall, cpu] = [performance.now(), cpuNow()];
  run();
  return { wall: performance.now() - wall, cpu: cpuNow() - cpu };
}

interface Timing {
  emit: number;
  stringify: number;
  emitCpu: number;
  stringifyCpu: number;
}

type Emit = typeof emitPipeline;
const BASELINE = process.env.BENCH_EMIT_BASELINE;

/**
 * Median times of a cold emission (a fresh copy each time: nothing reused) and of JSON.stringify of
 * its data, alternated; with a baseline's emitter, that one's too (which goes first swapped each time).
 */
function coldEmission(pipeline: Pipeline, repetitions: number, baseline?: Emit): { now: Timing; baseline?: Timing } {
  const data = parseYamlDocuments(emitPipeline(pipeline, { target: 'kfp-v2' }).text).docs;
  const emitters = baseline ? [emitPipeline, baseline] : [emitPipeline];
  if (baseline && baseline(structuredClone(pipeline), { target: 'kfp-v2' }).text !== emitPipeline(structuredClone(pipeline), { target: 'kfp-v2' }).text)
    throw new Error('the baseline emits another text');
  const emit = emitters.map(() => [] as { wall: number; cpu: number }[]);
  const stringify: { wall: number; cpu: number }[] = [];
  for (let i = 0; i <= repetitions; i++) {
    const runs = emitters.map((emitter) => {
      const copy = structuredClone(pipeline);
      // The text read, as the CLI reads it (a KFP v2 result joins its pieces on first read).
      return () => timed(() => emitter(copy, { target: 'kfp-v2' }).text);
    });
    const times = i % 2 ? runs.map((run) => run()) : runs.reverse().map((run) => run()).reverse();
    const s = timed(() => JSON.stringify(data));
    if (i === 0) continue; // warm-up
    times.forEach((time, k) => emit[k].push(time));
    stringify.push(s);
  }
  const timing = (own: { wall: number; cpu: number }[]): Timing => ({
    emit: median(own.map((t) => t.wall)),
    stringify: median(stringify.map((t) => t.wall)),
    emitCpu: median(own.map((t) => t.cpu)),
    stringifyCpu: median(stringify.map((t) => t.cpu)),
  });
  return { now: timing(emit[0]), ...(baseline ? { baseline: timing(emit[1]) } : {}) };
}

const cpuRatio = (t: Timing) => `CPU ${ms(t.emitCpu)} vs ${ms(t.stringifyCpu)}, ${(t.emitCpu / t.stringifyCpu).toFixed(1)}×`;

/**
 * The most the JS heap held during one cold emission of `size` steps (the pipeline model included),
 * in a fresh process: the largest "used before" of V8's --trace-gc lines while it ran, or what is
 * used at its end when that is more.
 */
function peakHeapOfEmission(size: number, checkout = ROOT): number {
  const script = join(checkout, 'bench/emission-heap.ts');
  const run = spawnSync(process.execPath, ['--trace-gc', '--import', 'tsx', script, String(size)], { cwd: checkout, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`emission-heap.ts failed: ${run.stderr}`);
  const lines = run.stdout.split('\n');
  const begin = lines.indexOf('BEGIN');
  const end = lines.findIndex((line) => line.startsWith('END '));
  const usedBefore = lines
    .slice(begin + 1, end)
    .map((line) => /(?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^0-9]*([\d.]+) \(/.exec(line)?.[1])
    .filter((mb): mb is string => mb !== undefined)
    .map(Number);
  return Math.max(Number(lines[end].split(' ')[1]), ...usedBefore);
}

interface SelfCheckRow {
  target: EmitTarget;
  size: number;
  emit: number;
  check: number;
  /** JSON.parse of the same documents as JSON text: the floor of any reading of the output. */
  parse: number;
  /** A line scan in JavaScript that builds and checks nothing (line-scan.ts): the floor of a check written in it; a baseline may not print it. */
  scan?: number;
  /** KFP v2: whether the WebAssembly vouch answered (else the full check ran); a baseline may not print it. */
  vouched?: boolean;
}

type ProbeRun = Omit<SelfCheckRow, 'target' | 'size'>;

/**
 * CPU time of a cold emission and of its strict self-check, each pair in a fresh process, as
 * `kfp-designer transpile` runs them (bench/self-check-probe.ts); medians.
 */
function selfCheck(target: EmitTarget, size: number, repetitions: number): { now: SelfCheckRow; baseline?: SelfCheckRow } {
  const checkouts = BASELINE ? [ROOT, BASELINE] : [ROOT];
  const runs = checkouts.map(() => [] as ProbeRun[]);
  for (let i = 0; i < repetitions; i++)
    for (const k of i % 2 ? checkouts.keys() : [...checkouts.keys()].reverse()) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(checkouts[k], 'bench/self-check-probe.ts'), String(size), target], { cwd: checkouts[k], encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`self-check-probe.ts of ${checkouts[k]} failed: ${run.stderr}`);
      runs[k].push(JSON.parse(run.stdout) as ProbeRun);
    }
  const row = (own: ProbeRun[]): SelfCheckRow => {
    const scans = own.flatMap((r) => (r.scan === undefined ? [] : [r.scan]));
    return {
      target,
      size,
      emit: median(own.map((r) => r.emit)),
      check: median(own.map((r) => r.check)),
      parse: median(own.map((r) => r.parse)),
      ...(scans.length > 0 ? { scan: median(scans) } : {}),
      // Every run of a size checks the same text: the way it went is one answer.
      ...(own[0]?.vouched === undefined ? {} : { vouched: own[0].vouched }),
    };
  };
  return { now: row(runs[0]), ...(BASELINE ? { baseline: row(runs[1]) } : {}) };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const before = (baseline: string | undefined, now: string) => (baseline === undefined ? now : `${baseline} → ${now}`);

export async function measureEmission(): Promise<GoalRow[]> {
  if (!gc) throw new Error('run with node --expose-gc (npm run bench)');
  const baseline = BASELINE ? ((await import(pathToFileURL(join(BASELINE, 'src/core/emit/index.ts')).href)) as { emitPipeline: Emit }).emitPipeline : undefined;
  const rows: GoalRow[] = [];
  const thousandRun = coldEmission(generatePipeline(1_000), 15, baseline);
  const tenThousandRun = coldEmission(generatePipeline(10_000), 5, baseline);
  const [thousand, tenThousand] = [thousandRun.now, tenThousandRun.now];
  const peak = peakHeapOfEmission(10_000);
  console.log('\ncold KFP v2 emission (median ms) and JSON.stringify of the same output data:');
  if (baseline) console.log(`  (baseline → this tree, alternated in this process; baseline: ${BASELINE})`);
  for (const [label, run] of [
    ['1,000 steps', thousandRun],
    ['10,000 steps', tenThousandRun],
  ] as const) {
    const { now, baseline: was } = run;
    console.log(
      `  ${label}: emit ${before(was && ms(was.emit), ms(now.emit))}, JSON.stringify ${ms(now.stringify)} (${before(was && (was.emit / now.stringify).toFixed(1) + '×', (now.emit / now.stringify).toFixed(1) + '×')}); ${before(was && cpuRatio(was), cpuRatio(now))}`,
    );
  }
  console.log(`  10,000 steps: peak heap ${before(BASELINE && `${peakHeapOfEmission(10_000, BASELINE).toFixed(0)} MB`, `${peak.toFixed(0)} MB`)}`);
  rows.push(
    {
      what: 'cold KFP v2 emission, 1,000 steps',
      goal: '≤ 16 ms and ≤ 2× JSON.stringify',
      now: `${ms(thousand.emit)}; ${(thousand.emit / thousand.stringify).toFixed(1)}× (${ms(thousand.stringify)}); ${cpuRatio(thousand)}`,
      met: thousand.emit <= 16 && thousand.emit <= 2 * thousand.stringify,
    },
    {
      what: 'cold KFP v2 emission, 10,000 steps; peak heap',
      goal: '≤ 200 ms; ≤ 200 MB',
      now: `${ms(tenThousand.emit)}; ${peak.toFixed(0)} MB`,
      met: tenThousand.emit <= 200 && peak <= 200,
    },
  );

  const selfChecks: SelfCheckRow[] = [];
  const baselineChecks: SelfCheckRow[] = [];
  for (const target of ['kfp-v2', 'argo'] as const)
    for (const size of [1_000, 4_000, 10_000]) {
      const { now, baseline: was } = selfCheck(target, size, size >= 10_000 ? 3 : 5);
      selfChecks.push(now);
      if (was) baselineChecks.push(was);
    }
  console.log(
    '\nstrict self-check of the output against its cold emission, in fresh processes as the CLI runs them (median CPU ms; per 1,000 steps shows linearity; KFP v2: "vouched for" when the WebAssembly vouch answered, "full check" when it left the text to the full check; JSON.parse of the same documents as JSON is the floor of any reading; a line scan in JavaScript that builds and checks nothing, the floor of a check written in it):',
  );
  const printChecks = (checks: SelfCheckRow[]) => {
    for (const { target, size, emit, check, parse, scan, vouched } of checks)
      console.log(
        `  ${target.padEnd(6)} ${size.toLocaleString('en').padStart(6)} steps: emit ${ms(emit).padStart(9)}, check ${ms(check).padStart(9)} (${(check / emit).toFixed(2)}×${vouched === undefined ? '' : vouched ? ', vouched for' : ', full check'}), check per 1,000 steps ${ms((check / size) * 1000)}, JSON.parse ${ms(parse)} (check ${(check / parse).toFixed(1)}×)` +
          (scan === undefined ? '' : `, line scan ${ms(scan)} (${(scan / emit).toFixed(2)}× the emission)`),
      );
  };
  if (BASELINE) {
    console.log(`  baseline (${BASELINE}), alternated with this tree:`);
    printChecks(baselineChecks);
    console.log('  this tree:');
  }
  printChecks(selfChecks);
  for (const target of ['kfp-v2', 'argo'] as const) {
    const own = selfChecks.filter((r) => r.target === target);
    const perStep = own.map((r) => r.check / r.size);
    const growth = perStep[perStep.length - 1] / perStep[0];
    const atFour = own.find((r) => r.size === 4_000)!;
    rows.push({
      what: `strict self-check (${target}), 4,000 steps; 1,000–10,000`,
      goal: '≤ the emission; linear',
      now: `${ms(atFour.check)} CPU vs ${ms(atFour.emit)}; ≤ ${Math.max(...own.map((r) => r.check / r.emit)).toFixed(2)}× the emission at every size; per step ×${growth.toFixed(2)} from 1,000 to 10,000`,
      met: own.every((r) => r.check <= r.emit) && growth <= 1.5,
    });
  }
  return rows;
}
