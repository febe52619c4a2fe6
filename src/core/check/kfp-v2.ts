import { setOwn } from '../own.ts';
import { parsesAsStruct, protoJsonProblems, surelyParses } from './kfp-v2-proto.ts';
import { RepeatMemo } from './proto-json-accepts.ts';
import { pipelineSpecProblems } from './kfp-v2-rules.ts';
import { vouchesForKfpV2 } from './kfp-v2-vouch.ts';
import { KFP_V2_SAMPLE } from './kfp-v2-sample.ts';
import { resultOf, type CheckProblem, type CheckResult } from './types.ts';
import { at, exactJson, isObject, objectOrEmpty, type JsonObject } from './values.ts';
import { isRepeatedValue } from './yaml-block-reader.ts';
import { parseYamlDocuments } from './yaml-documents.ts';

const EXECUTORS_PATH = '/platforms/kubernetes/deploymentSpec/executors';
const EXECUTOR_CONFIG = 'kfp_kubernetes.KubernetesExecutorConfig';
const DEPLOYMENT_CONFIG = 'ml_pipelines.PipelineDeploymentConfig';

/**
 * Strict check of a KFP v2 pipeline: document 1 = PipelineSpec, optional document 2 = PlatformSpec.
 * Paths of problems in the platform document all start with `/platforms` (its only key), so they
 * never collide with PipelineSpec paths; other problems there say "platform spec" in the message.
 */
export function checkKfpV2(docs: unknown[]): CheckResult {
  if (docs.length === 0) return resultOf([{ path: '', message: 'expected a PipelineSpec document, found no YAML document' }]);
  if (docs.length > 2)
    return resultOf([
      {
        path: '',
        message: `expected at most 2 YAML documents (PipelineSpec, then PlatformSpec), found ${docs.length}; the KFP API server rejects more`,
      },
    ]);
  const [pipeline, platform] = docs;
  if (!isObject(pipeline)) return resultOf([{ path: '', message: 'the PipelineSpec document must be a YAML mapping' }]);
  // A block whose text repeats (an executor's config, its resources, a task's inputs) is one object
  // in the documents the block reader gives: the walks vouch for it once.
  const repeats = new RepeatMemo(isRepeatedValue);
  const problems = [...pipelineProblems(pipeline, repeats)];
  if (docs.length === 2) problems.push(...platformProblems(platform, pipeline, repeats));
  return resultOf(problems);
}

/** The strict check of a KFP v2 text: none when the vouch knows it is fine, else the full check. */
export function checkKfpV2Yaml(text: string): CheckResult {
  return vouchesForKfpV2(text) ? resultOf([]) : checkKfpV2YamlInFull(text);
}

/** Every rule read from the documents (what the vouch must agree with). */
export function checkKfpV2YamlInFull(text: string): CheckResult {
  if (!primed && text.length >= PRIME_FROM) primeKfpV2Check();
  const parsed = parseYamlDocuments(text);
  if (!parsed.docs) return resultOf(parsed.problems);
  return resultOf([...parsed.problems, ...checkKfpV2(parsed.docs).problems]);
}

/** A text this long (~100 steps) is read after the sample; for a smaller one it would not pay. */
const PRIME_FROM = 256 * 1024;
const PRIME_ROUNDS = 8;
let primed = false;

/**
 * Reads and checks a small pipeline holding every construct of the layout (KFP_V2_SAMPLE) a few
 * times, once per process, before its first large text. V8 compiles a function that runs long for
 * what it has seen it do so far: a branch first taken later — a construct that comes late in a large
 * text, such as the platform spec's lists of mappings, or a quoted value not met before — throws that
 * code away, and the function is compiled again with all it had inlined, at each such branch. In a
 * cold process (the CLI's, the bench's) the reader's functions were compiled four or five times over
 * at 4,000 steps; after the sample they are compiled once. Only the compiling changes: the sample's
 * verdict is not used, and no state a check keeps outlives it but the readers' caches of scalars.
 */
function primeKfpV2Check(): void {
  primed = true;
  for (let round = 0; round < PRIME_ROUNDS; round++) checkKfpV2YamlInFull(KFP_V2_SAMPLE);
}

/**
 * A value the typed walk vouches for as PipelineDeploymentConfig or KubernetesExecutorConfig surely
 * parses as the Struct the protos declare in its place too, so it is not walked as one as well: it
 * holds only strings, finite numbers, booleans, objects and arrays without holes, and its nesting is
 * bounded by the walk's depth limit — the two messages' types form no cycle and hold at most two
 * levels of lists or maps (kfp-v2.test.ts), which the walk's depth does not count, far under the
 * 100 levels bufbuild allows a Struct.
 */
function pipelineProblems(pipeline: JsonObject, repeats: RepeatMemo): CheckProblem[] {
  const deployment = pipeline.deploymentSpec;
  const deploymentVouched = deployment !== undefined && surelyParses(DEPLOYMENT_CONFIG, deployment, repeats);
  return [
    ...protoJsonProblems('ml_pipelines.PipelineSpec', withStructSkipped(pipeline, 'deploymentSpec', 'deployment_spec', deploymentVouched, repeats), '', repeats),
    // A free Struct in PipelineSpec; the backend reads it as PipelineDeploymentConfig. It drops unknown
    // keys there, but a dropped key is a setting that silently does nothing, so we are strict.
    ...(deployment === undefined || deploymentVouched ? [] : protoJsonProblems(DEPLOYMENT_CONFIG, deployment, '/deploymentSpec', repeats)),
    ...pipelineSpecProblems(pipeline),
  ];
}

function platformProblems(platform: unknown, pipeline: JsonObject, repeats: RepeatMemo): CheckProblem[] {
  if (!isObject(platform)) return [{ path: '', message: 'the platform spec (document 2) must be a YAML mapping' }];
  const executors = executorsOf(platform);
  const labels = Object.keys(executors);
  // Index loops, not entries destructured: a platform spec has an executor per step, and this code runs cold.
  const vouched: boolean[] = [];
  let allVouched = true;
  for (let i = 0; i < labels.length; i++) {
    const surely = surelyParses(EXECUTOR_CONFIG, executors[labels[i]], repeats);
    vouched.push(surely);
    allVouched &&= surely;
  }
  const problems = protoJsonProblems('ml_pipelines.PlatformSpec', withExecutorStructsSkipped(platform, allVouched ? executors : undefined, repeats), '', repeats).map(
    (problem) => (problem.path.startsWith('/platforms') ? problem : { ...problem, message: `platform spec (document 2): ${problem.message}` }),
  );
  const known = objectOrEmpty(objectOrEmpty(pipeline.deploymentSpec).executors);
  // A config that surely parses (nearly all) is not parsed; the others mostly share one config (the same
  // volumes and secrets), so each distinct one is parsed once.
  const verdicts = new Map<string, CheckProblem[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    // The path is built only for a problem.
    if (!vouched[i]) {
      const config = executors[label];
      const key = exactJson(config);
      let relative = key === undefined ? undefined : verdicts.get(key);
      if (relative === undefined) {
        relative = protoJsonProblems(EXECUTOR_CONFIG, config, '');
        if (key !== undefined) verdicts.set(key, relative);
      }
      const path = at(EXECUTORS_PATH, label);
      for (const problem of relative) problems.push({ ...problem, path: path + problem.path });
    }
    if (!Object.hasOwn(known, label))
      problems.push({ path: at(EXECUTORS_PATH, label), message: `platform executor "${label}" is not an executor in deploymentSpec.executors of the PipelineSpec` });
  }
  return problems;
}

/**
 * `holder` with `{}` for its Struct-typed member `key` when that member will parse as a Struct
 * (`vouched` by the typed walk, or parsesAsStruct): it is checked as a typed message. A key also
 * spelt the proto way is left alone.
 */
function withStructSkipped(holder: JsonObject, key: string, protoName: string, vouched: boolean, repeats: RepeatMemo): JsonObject {
  if (!Object.hasOwn(holder, key) || Object.hasOwn(holder, protoName) || !(vouched || parsesAsStruct(holder[key], repeats))) return holder;
  return { ...holder, [key]: {} };
}

/**
 * The platform spec with `{}` for each platform's `deploymentSpec.executors` map of Structs, when they
 * all parse: `vouched` (the typed walk vouched for each of its configs) or by parsesAsStruct.
 */
function withExecutorStructsSkipped(platform: JsonObject, vouched: JsonObject | undefined, repeats: RepeatMemo): JsonObject {
  if (!isObject(platform.platforms)) return platform;
  const platforms: JsonObject = { ...platform.platforms };
  for (const [name, single] of Object.entries(platforms)) {
    if (!isObject(single) || Object.hasOwn(single, 'deployment_spec') || !isObject(single.deploymentSpec)) continue;
    const { executors } = single.deploymentSpec;
    if (!isObject(executors) || (executors !== vouched && !allParseAsStructs(executors, repeats))) continue;
    setOwn<unknown>(platforms, name, { ...single, deploymentSpec: { ...single.deploymentSpec, executors: {} } });
  }
  return { ...platform, platforms };
}

function allParseAsStructs(configs: JsonObject, repeats: RepeatMemo): boolean {
  const labels = Object.keys(configs);
  for (let i = 0; i < labels.length; i++) if (!parsesAsStruct(configs[labels[i]], repeats)) return false;
  return true;
}

function executorsOf(platform: JsonObject): JsonObject {
  const kubernetes = objectOrEmpty(objectOrEmpty(platform.platforms).kubernetes);
  return objectOrEmpty(objectOrEmpty(kubernetes.deploymentSpec).executors);
}
