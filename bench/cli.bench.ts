/**
 * Issue 13's CLI goal: `kfp-designer transpile` of a 5-step pipeline in ≤ 150 ms wall time and ≤ 3×
 * a bare `node -e 0` start. Every command is run alternately with `node -e 0` (medians of
 * BENCH_CLI_RUNS, 15), so the ratio holds on a loaded machine: the bin as `npx` runs it (node
 * bin/kfp-designer.cjs: the built bundle), the same from the TypeScript sources through tsx (what
 * every start cost before the bundle, but for the checkers' build-time data), and `npx` itself, whose
 * own start (npm's CLI) comes on top of any package's and is no part of ours.
 *
 * BENCH_CLI_BASELINE=<checkout>: also runs that checkout's bin (e.g. a worktree of main), alternately,
 * for a before/after in one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleStaleness } from '../bin/bundle.cjs';
import { exportMagnus } from '../src/core/magnus/export';
import { generatePipeline } from './generate';
import { median, ms, type GoalRow } from './goals';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const BASELINE = process.env.BENCH_CLI_BASELINE;

interface Command {
  label: string;
  argv: string[];
  cwd?: string;
}

function pipelineFiles(dir: string): string[] {
  const files = exportMagnus(generatePipeline(5));
  writeFileSync(join(dir, 'dag.yaml'), files.dag);
  writeFileSync(join(dir, 'config.yaml'), files.config);
  writeFileSync(join(dir, 'params.yaml'), files.parameters ?? '');
  return ['dag.yaml', '--config', 'config.yaml', '--parameters', 'params.yaml'];
}

/**
 * CPU time (user + system) of the children this process has waited for, in ms, from /proc (Linux;
 * undefined elsewhere). Under load a start's wall time swings several-fold, its CPU time far less.
 */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command's name: cutime and cstime are the 14th and 15th, in clock ticks (100/s).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

const cpuTotals = new Map<string, number>();

function wallMs(command: Command): number {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const run = spawnSync(command.argv[0], command.argv.slice(1), { cwd: command.cwd, encoding: 'utf8' });
  const elapsed = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  if (run.status !== 0) throw new Error(`${command.label} exited ${run.status}: ${run.stderr}`);
  if (cpuBefore !== undefined && cpuAfter !== undefined) cpuTotals.set(command.label, (cpuTotals.get(command.label) ?? 0) + cpuAfter - cpuBefore);
  return elapsed;
}

export function measureCli(): GoalRow[] {
  if (bundleStaleness(ROOT)) {
    console.log('\nbuilding the CLI (npm run build:cli): it is older than the sources …');
    const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0 || bundleStaleness(ROOT)) throw new Error('npm run build:cli failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kfp-designer-bench-cli-'));
  try {
    const input = pipelineFiles(dir);
    const node = process.execPath;
    // A baseline checkout from before the bin became CommonJS has bin/kfp-designer.mjs only.
    const bin = (root: string) => (existsSync(join(root, 'bin', 'kfp-designer.cjs')) ? join(root, 'bin', 'kfp-designer.cjs') : join(root, 'bin', 'kfp-designer.mjs'));
    const sources = ['--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(ROOT, 'src', 'cli', 'bin.ts')];
    const commands: Command[] = [
      { label: 'node -e 0', argv: [node, '-e', '0'] },
      { label: '--help', argv: [node, bin(ROOT), '--help'] },
      { label: 'transpile (kfp-v2)', argv: [node, bin(ROOT), 'transpile', ...input, '-o', 'out.yaml'], cwd: dir },
      { label: 'transpile --target argo', argv: [node, bin(ROOT), 'transpile', ...input, '-t', 'argo', '-o', 'out.yaml'], cwd: dir },
      { label: 'validate', argv: [node, bin(ROOT), 'validate', ...input], cwd: dir },
      { label: '--help, from sources (tsx)', argv: [node, ...sources, '--help'], cwd: ROOT },
      { label: 'transpile, from sources (tsx)', argv: [node, ...sources, 'transpile', ...input, '-o', 'out.yaml'], cwd: dir },
      ...(BASELINE
        ? [
            { label: `--help, ${BASELINE}`, argv: [node, bin(BASELINE), '--help'] },
            { label: `transpile, ${BASELINE}`, argv: [node, bin(BASELINE), 'transpile', ...input, '-o', 'out.yaml'], cwd: dir },
          ]
        : []),
    ];
    const times = new Map(commands.map((c) => [c.label, [] as number[]]));
    for (const command of commands) wallMs(command); // warm the file cache
    for (let i = 0; i < RUNS; i++) for (const command of commands) times.get(command.label)!.push(wallMs(command));
    // npx: npm's own start dominates; fewer runs, alternated with a bin that does nothing.
    const npxRuns = Math.max(3, Math.round(RUNS / 3));
    const npx: Record<string, number[]> = { 'npx kfp-designer transpile (kfp-v2)': [], 'npx <a bin that does nothing>': [] };
    const noop = join(dir, 'noop');
    mkdirSync(join(noop, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(noop, 'package.json'), JSON.stringify({ name: 'noop', version: '1.0.0', private: true }));
    writeFileSync(join(noop, 'node_modules', '.bin', 'noop'), '#!/usr/bin/env node\n', { mode: 0o755 });
    const absolute = input.map((a) => (a.endsWith('.yaml') ? join(dir, a) : a));
    for (let i = 0; i < npxRuns; i++) {
      npx['npx kfp-designer transpile (kfp-v2)'].push(wallMs({ label: 'npx', argv: ['npx', '--no-install', 'kfp-designer', 'transpile', ...absolute, '-o', join(dir, 'out.yaml')], cwd: ROOT }));
      npx['npx <a bin that does nothing>'].push(wallMs({ label: 'npx noop', argv: ['npx', '--no-install', 'noop'], cwd: noop }));
    }

    const base = median(times.get('node -e 0')!);
    // The warm-up run above counts in the totals: the mean is over RUNS + 1 runs.
    const cpu = (label: string) => (cpuTotals.has(label) ? cpuTotals.get(label)! / (RUNS + 1) : undefined);
    const baseCpu = cpu('node -e 0');
    console.log(`\ncommand line, wall time (median of ${RUNS}, alternately; ratio to node -e 0), and CPU time (mean, the process's threads):`);
    for (const [label, values] of [...times, ...Object.entries(npx)]) {
      const value = median(values);
      const used = cpu(label);
      const cpuColumn = used === undefined || baseCpu === undefined ? '' : `   CPU ${ms(used).padStart(9)}  ${(used / baseCpu).toFixed(2)}×`;
      console.log(`  ${label.padEnd(40)} ${ms(value).padStart(9)}  ${(value / base).toFixed(1)}×${cpuColumn}`);
    }
    const transpile = median(times.get('transpile (kfp-v2)')!);
    const transpileCpu = cpu('transpile (kfp-v2)');
    const cpuRatio = transpileCpu === undefined || baseCpu === undefined ? undefined : transpileCpu / baseCpu;
    const help = median(times.get('--help')!);
    return [
      {
        what: 'kfp-designer transpile, 5-step pipeline (wall)',
        goal: '≤ 150 ms; ≤ 3× node -e 0',
        now: `${ms(transpile)}; ${(transpile / base).toFixed(1)}× (node -e 0: ${ms(base)}; --help ${ms(help)})${cpuRatio === undefined ? '' : `; CPU ${cpuRatio.toFixed(2)}× node -e 0's`}`,
        met: transpile <= 150 && transpile <= 3 * base,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
