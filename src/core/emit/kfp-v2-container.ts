import type { EffectiveSettings } from '../model/effective';
import type { SecretEntry } from '../model/types';
import { parseSecretRef } from '../validate/names';
import { quantityToCores, quantityToDecimalGigabytes } from '../validate/quantity';
import { renderValue, type RenderedYaml } from '../yaml/stringify';
import { wrapInShell } from './command';
import { remember } from './fragment-cache';
import type { PlannedVolume } from './plan';

/** KFP substitutes the run's UUID only where this is the whole constant of a task input (driver/resolve.go). */
export const JOB_UUID = '{{$.pipeline_job_uuid}}';
export const RUN_ID_INPUT = 'run_id';
export const ITERATE_ON_OUTPUT = 'iterate_on';
/** The output of a status-wrapped container: `succeeded` or `failed` (docs/composite-emission.md). */
export const STATUS_OUTPUT = 'status';
export const inputPlaceholder = (name: string) => `{{$.inputs.parameters['${name}']}}`;
const outputFile = (name: string) => `{{$.outputs.parameters['${name}'].output_file}}`;

type Yaml = Record<string, unknown>;

export interface V2ContainerJob {
  name: string;
  /** The magnus argv, with KFP input placeholders where run-time values go. */
  argv: string[];
  settings: EffectiveSettings;
  /** Environment variables to export from inputs of the same name (the run's `MAGNUS_PRM_*`). */
  exports: { env: string; input: string }[];
  /** Input parameters of the component besides run_id (pipeline parameters, map variables). */
  inputs: string[];
  /** A map's fan-out: its list, copied from magnus's /tmp/output.txt to the KFP output parameter. */
  outputsIterateOn?: boolean;
  /** An explicit fail step, which must fail the run (see StepJob.failsTheRun). */
  failsTheRun?: boolean;
  /** Runs magnus this many times at most, records the outcome in the `status` output and succeeds. */
  recordsStatus?: { attempts: number };
}

export interface V2Parts {
  components: Yaml;
  executors: Yaml;
  platformExecutors: Yaml;
}

export const emptyParts = (): V2Parts => ({ components: {}, executors: {}, platformExecutors: {} });

/** Where the parts of one container sit in the two documents (the keys' indentation + 2). */
const INDENT = { component: 4, executor: 6, platform: 10, rootTask: 8 } as const;

/**
 * `addV2Container` for a step's container, reusing its rendered parts while the step and its
 * context (the cache key) are unchanged; `job` is only called when they have to be built.
 */
export function addCachedV2Container(parts: V2Parts, owner: object, key: string, name: string, job: () => V2ContainerJob, volumes: PlannedVolume[]): void {
  const rendered = remember(owner, `container|${key}`, () => {
    const own = emptyParts();
    addV2Container(own, job(), volumes);
    const executor = `exec-${name}`;
    return {
      component: renderValue(own.components[`comp-${name}`], INDENT.component),
      executor: renderValue(own.executors[executor], INDENT.executor),
      platform: renderValue(own.platformExecutors[executor], INDENT.platform),
    };
  });
  parts.components[`comp-${name}`] = rendered.component;
  parts.executors[`exec-${name}`] = rendered.executor;
  parts.platformExecutors[`exec-${name}`] = rendered.platform;
}

/** A task of the pipeline's own DAG (`root.dag.tasks`), rendered once per step and context. */
export function cachedRootTask(owner: object, key: string, task: () => Yaml): RenderedYaml {
  return remember(owner, `task|${key}`, () => renderValue(task(), INDENT.rootTask));
}

/** Adds the component, executor and kfp-kubernetes config of one container to the spec being built. */
export function addV2Container(parts: V2Parts, job: V2ContainerJob, volumes: PlannedVolume[]): void {
  const executor = `exec-${job.name}`;
  parts.components[`comp-${job.name}`] = {
    executorLabel: executor,
    inputDefinitions: { parameters: Object.fromEntries([RUN_ID_INPUT, ...job.inputs].map((name) => [name, { parameterType: 'STRING' }])) },
    ...(job.outputsIterateOn ? { outputDefinitions: { parameters: { [ITERATE_ON_OUTPUT]: { parameterType: 'LIST' } } } } : {}),
    ...(job.recordsStatus ? { outputDefinitions: { parameters: { [STATUS_OUTPUT]: { parameterType: 'STRING' } } } } : {}),
  };
  parts.executors[executor] = {
    container: {
      ...commandOf(job),
      ...(job.settings.docker_image.value !== undefined ? { image: job.settings.docker_image.value } : {}),
      resources: resourceSpec(job.settings),
    },
  };
  parts.platformExecutors[executor] = platformConfig(job.settings, volumes);
}

function commandOf(job: V2ContainerJob): Yaml {
  if (job.exports.length === 0 && !job.outputsIterateOn && !job.failsTheRun && !job.recordsStatus) return { command: job.argv };
  const { command, args } = wrapInShell(job.argv, {
    exports: job.exports.map((e) => ({ env: e.env, value: inputPlaceholder(e.input) })),
    ...(job.outputsIterateOn ? { copyOutputTo: outputFile(ITERATE_ON_OUTPUT) } : {}),
    ...(job.recordsStatus ? { recordStatus: { file: outputFile(STATUS_OUTPUT), attempts: job.recordsStatus.attempts } } : {}),
    failAfterwards: job.failsTheRun,
  });
  return { args, command };
}

function resourceSpec(settings: EffectiveSettings): Yaml {
  const gpu = Number(settings.gpu_limit.value);
  const cpu = (text: string) => safeNumber('cpu', text);
  const memory = (text: string) => safeNumber('memory', text);
  return {
    ...(gpu > 0
      ? {
          accelerator: {
            count: settings.gpu_limit.value,
            resourceCount: settings.gpu_limit.value,
            resourceType: 'nvidia.com/gpu',
            type: 'nvidia.com/gpu',
          },
        }
      : {}),
    ...numeric('cpuLimit', cpu(settings.cpu_limit.value)),
    ...numeric('cpuRequest', cpu(settings.cpu_request.value)),
    ...numeric('memoryLimit', memory(settings.memory_limit.value)),
    ...numeric('memoryRequest', memory(settings.memory_request.value)),
    resourceCpuLimit: settings.cpu_limit.value,
    resourceCpuRequest: settings.cpu_request.value,
    resourceMemoryLimit: settings.memory_limit.value,
    resourceMemoryRequest: settings.memory_request.value,
  };
}

/** The deprecated numeric fields are left out when the text is no quantity; validation reports it. */
const numeric = (key: string, value: number | undefined) => (value === undefined ? {} : { [key]: value });

/** Exact conversions are costly and pipelines repeat a handful of values, so each text is converted once. */
const conversions = new Map<string, number | undefined>();
function safeNumber(kind: 'cpu' | 'memory', text: string): number | undefined {
  const key = `${kind}:${text}`;
  if (!conversions.has(key)) {
    if (conversions.size > 10_000) conversions.clear();
    const value = kind === 'cpu' ? quantityToCores(text) : quantityToDecimalGigabytes(text);
    conversions.set(key, Number.isFinite(value) ? value : undefined);
  }
  return conversions.get(key);
}

function platformConfig(settings: EffectiveSettings, volumes: PlannedVolume[]): Yaml {
  const secrets = secretsByName(settings.secrets_from_k8s.value);
  return {
    imagePullPolicy: settings.image_pull_policy.value,
    ...(volumes.length > 0
      ? { pvcMount: volumes.map((v) => ({ constant: v.claim, mountPath: v.mountPath, pvcNameParameter: { runtimeValue: { constant: v.claim } } })) }
      : {}),
    ...(secrets.length > 0
      ? {
          secretAsEnv: secrets.map(({ secret, keys }) => ({
            keyToEnv: keys.map((k) => ({ envVar: k.env, secretKey: k.key })),
            optional: false,
            secretName: secret,
            secretNameParameter: { runtimeValue: { constant: secret } },
          })),
        }
      : {}),
  };
}

/** kfp-kubernetes groups env vars by secret; order of first appearance is kept. */
function secretsByName(secrets: SecretEntry[]) {
  const groups: { secret: string; keys: { env: string; key: string }[] }[] = [];
  for (const entry of secrets) {
    const ref = parseSecretRef(entry.ref);
    if (!ref) continue;
    let group = groups.find((g) => g.secret === ref.secret);
    if (!group) groups.push((group = { secret: ref.secret, keys: [] }));
    group.keys.push({ env: entry.env, key: ref.key });
  }
  return groups;
}

/** A container task, its keys in the alphabetical order the KFP SDK writes them. */
export function containerTask(
  name: string,
  options: { retries: number; caching: boolean; displayName: string; inputs: Yaml; dependentTasks?: string[]; triggerPolicy?: Yaml },
): Yaml {
  return {
    cachingOptions: options.caching ? { enableCache: true } : {},
    componentRef: { name: `comp-${name}` },
    ...(options.dependentTasks && options.dependentTasks.length > 0 ? { dependentTasks: options.dependentTasks } : {}),
    inputs: { parameters: { [RUN_ID_INPUT]: { runtimeValue: { constant: JOB_UUID } }, ...options.inputs } },
    ...(options.retries > 0
      ? { retryPolicy: { backoffDuration: '0s', backoffFactor: 2, backoffMaxDuration: '3600s', maxRetryCount: options.retries } }
      : {}),
    taskInfo: { name: options.displayName },
    ...(options.triggerPolicy ? { triggerPolicy: options.triggerPolicy } : {}),
  };
}
