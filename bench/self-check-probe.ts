// One cold emission and its strict self-check in a fresh process, as `kfp-designer transpile` runs
// them (no warm-up, no forced collection); prints their CPU times as JSON for bench/emission.bench.ts,
// with JSON.parse of the same documents written as JSON as a floor for the check (reading the text
// alone, natively, with no YAML and no rule), and a line scan in JavaScript (line-scan.ts) as the
// floor of a check written in it.
//
// Each phase's clock runs until the process is idle again: V8 optimizes hot code and collects
// garbage on helper threads, and a clock stopped when the call returns left the emission's compiles
// to the check's (at 1,000 steps, ~30 ms of an Argo check had been the emitter's code optimized).
import { checkArgoWorkflowYaml } from '../src/core/check/argo';
import { checkKfpV2Yaml, checkKfpV2YamlInFull } from '../src/core/check/kfp-v2';
import { vouchesForKfpV2 } from '../src/core/check/kfp-v2-vouch';
import { parseYamlDocuments } from '../src/core/check/yaml-documents';
import { emitPipeline, type EmitTarget } from '../src/core/emit/index';
import { generatePipeline } from './generate';
import { scanLines } from './line-scan';

// `full` after the target: the KFP v2 check without its vouch, as a text the vouch leaves to it costs.
const [size, target, full] = [Number(process.argv[2]), process.argv[3] as EmitTarget, process.argv[4] === 'full'];
const pipeline = generatePipeline(size);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
/** Idle: this many windows running in which the process used (almost) no CPU. */
const QUIET = { windows: 4, windowMs: 25, cpuMs: 0.5 };
const pause = () => new Promise((resolve) => setTimeout(resolve, QUIET.windowMs));
/** The CPU clock once the helper threads have done what the phase left them (at most ~5 s). */
async function settledCpuMs(): Promise<number> {
  let settled = cpuMs();
  for (let quiet = 0, waited = 0; quiet < QUIET.windows && waited < 200; waited++) {
    await pause();
    const now = cpuMs();
    if (now - settled < QUIET.cpuMs * (quiet + 1)) quiet++;
    else [settled, quiet] = [now, 0];
  }
  return settled;
}

await settledCpuMs(); // what generating the pipeline left is no phase's
let start = cpuMs();
const { text } = emitPipeline(pipeline, { target });
const emit = (await settledCpuMs()) - start;
start = cpuMs();
const { ok } = (target === 'kfp-v2' ? (full ? checkKfpV2YamlInFull : checkKfpV2Yaml) : checkArgoWorkflowYaml)(text);
const check = (await settledCpuMs()) - start;
if (!ok) throw new Error(`the ${target} output of ${size} steps failed its self-check`);
const json = JSON.stringify(parseYamlDocuments(text).docs);
start = cpuMs();
JSON.parse(json);
const parse = cpuMs() - start;
start = cpuMs();
if (scanLines(text) === 0) throw new Error('the line scan found no key');
const scan = (await settledCpuMs()) - start;
// Which way the KFP v2 check went (asked after the clocks: it runs the vouch again, warm).
const vouched = target === 'kfp-v2' ? !full && vouchesForKfpV2(text) : undefined;
console.log(JSON.stringify({ emit, check, parse, scan, vouched }));
