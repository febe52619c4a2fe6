import { containerSecrets, type EffectiveSettings } from '../model/effective';
import type { SecretEntry, Toleration } from '../model/types';
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
  const env = job.settings.env.value;
  // own-keys: `exec-` and a Kubernetes name
  parts.executors[executor] = {
    container: {
      ...commandOf(job),
      // Literal values: the KFP driver copies env verbatim (no placeholders), as magnus needs them.
      ...(env.length > 0 ? { env: env.map((e) => ({ name: e.name, value: e.value })) } : {}),
      ...(job.settings.docker_image.value !== undefined ? { image: job.settings.docker_image.value } : {}),
      resources: resourceSpec(job.settings),
    },
  };
  parts.platformExecutors[executor] = platformConfig(job.settings, volumes); // own-keys: `exec-` and a Kubernetes name
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

/** The kfp-kubernetes executor config (KubernetesExecutorConfig), keys in alphabetical order as the SDK writes them; int64 as strings (proto3 JSON). */
function platformConfig(settings: EffectiveSettings, volumes: PlannedVolume[]): Yaml {
  const secrets = secretsByName(containerSecrets(settings));
  const labels = settings.workflowLabels;
  const annotations = settings.workflowAnnotations;
  return {
    ...(settings.active_deadline_seconds.value !== '' ? { activeDeadlineSeconds: settings.active_deadline_seconds.value } : {}),
    imagePullPolicy: settings.image_pull_policy.value,
    ...(settings.node_selector.value.length > 0 ? { nodeSelector: { labels: Object.fromEntries(settings.node_selector.value.map((l) => [l.name, l.value])) } } : {}),
    ...(labels.length > 0 || annotations.length > 0
      ? {
          podMetadata: {
            ...(annotations.length > 0 ? { annotations: Object.fromEntries(annotations.map((a) => [a.name, a.value])) } : {}),
            ...(labels.length > 0 ? { labels: Object.fromEntries(labels.map((l) => [l.name, l.value])) } : {}),
          },
        }
      : {}),
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
    ...(settings.tolerations.value.length > 0 ? { tolerations: settings.tolerations.value.map(v2Toleration) } : {}),
  };
}

function v2Toleration(t: Toleration): Yaml {
  return {
    ...(t.effect ? { effect: t.effect } : {}),
    ...(t.key ? { key: t.key } : {}),
    ...(t.operator ? { operator: t.operator } : {}),
    ...(t.tolerationSeconds ? { tolerationSeconds: t.tolerationSeconds } : {}),
    ...(t.value ? { value: t.value } : {}),
  };
}

/** kfp-kubernetes groups env vars by secret; order of first appearance is kept. */
function secretsByName(secrets: SecretEntry[]) {
  const groups = new Map<string, { secret: string; keys: { env: string; key: string }[] }>();
  for (const entry of secrets) {
    const ref = parseSecretRef(entry.ref);
    if (!ref) continue;
    let group = groups.get(ref.secret);
    if (!group) groups.set(ref.secret, (group = { secret: ref.secret, keys: [] }));
    group.keys.push({ env: entry.env, key: ref.key });
  }
  return [...groups.values()];
}

/** A container task, its keys in the alphabetical order the KFP SDK writes them. */
export function containerTask(
  name: string,
  options: { retries: number; caching: boolean; displayName: string; inputs: Yaml; dependentTasks?: string[]; triggerPolicy?: Yaml; backoff?: RetryBackoff },
): Yaml {
  return {
    cachingOptions: options.caching ? { enableCache: true } : {},
    componentRef: { name: `comp-${name}` },
    ...(options.dependentTasks && options.dependentTasks.length > 0 ? { dependentTasks: options.dependentTasks } : {}),
    inputs: { parameters: { [RUN_ID_INPUT]: { runtimeValue: { constant: JOB_UUID } }, ...options.inputs } },
    ...(options.retries > 0
      ? {
          retryPolicy: {
            backoffDuration: options.backoff?.duration ?? '0s',
            backoffFactor: options.backoff?.factor ?? 2,
            backoffMaxDuration: options.backoff?.maxDuration ?? '3600s',
            maxRetryCount: options.retries,
          },
        }
      : {}),
    taskInfo: { name: options.displayName },
    ...(options.triggerPolicy ? { triggerPolicy: options.triggerPolicy } : {}),
  };
}

export interface RetryBackoff {
  /** protobuf Durations (`120s`). */
  duration?: string;
  factor?: number;
  maxDuration?: string;
}

/**
 * The step's backoff as KFP's retryPolicy wants it (Durations in seconds), from the Argo-style
 * settings (`120`, `2m`, `1h30m`); undefined when none is set, so the SDK's defaults stay.
 */
export function retryBackoff(settings: EffectiveSettings): RetryBackoff | undefined {
  const duration = durationSeconds(settings.backoff_duration.value);
  const maxDuration = durationSeconds(settings.backoff_max_duration.value);
  const factor = settings.backoff_factor.value === '' ? undefined : Number(settings.backoff_factor.value);
  const backoff: RetryBackoff = {
    ...(duration !== undefined ? { duration: `${duration}s` } : {}),
    ...(factor !== undefined && Number.isFinite(factor) ? { factor } : {}),
    ...(maxDuration !== undefined ? { maxDuration: `${maxDuration}s` } : {}),
  };
  return Object.keys(backoff).length > 0 ? backoff : undefined;
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds of an Argo duration: plain seconds (`120`) or Go's `1h30m`; undefined when it is neither. */
export function durationSeconds(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (!/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(amount) * UNIT_SECONDS[unit];
  return Math.round(total * 1000) / 1000;
}
