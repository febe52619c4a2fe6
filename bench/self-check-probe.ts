// One cold emission and its strict self-check in a fresh process, as `kfp-designer transpile` runs
// them (no warm-up, no forced collection); prints their CPU times as JSON for bench/emission.bench.ts,
// with JSON.parse of the same documents written as JSON as a floor for the check (reading the text
// alone, natively, with no YAML and no rule).
import { checkArgoWorkflowYaml } from '../src/core/check/argo';
import { checkKfpV2Yaml } from '../src/core/check/kfp-v2';
import { parseYamlDocuments } from '../src/core/check/yaml-documents';
import { emitPipeline, type EmitTarget } from '../src/core/emit/index';
import { generatePipeline } from './generate';

const [size, target] = [Number(process.argv[2]), process.argv[3] as EmitTarget];
const pipeline = generatePipeline(size);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let start = cpuMs();
const { text } = emitPipeline(pipeline, { target });
const emit = cpuMs() - start;
start = cpuMs();
const { ok } = (target === 'kfp-v2' ? checkKfpV2Yaml : checkArgoWorkflowYaml)(text);
const check = cpuMs() - start;
if (!ok) throw new Error(`the ${target} output of ${size} steps failed its self-check`);
const json = JSON.stringify(parseYamlDocuments(text).docs);
start = cpuMs();
JSON.parse(json);
const parse = cpuMs() - start;
console.log(JSON.stringify({ emit, check, parse }));
