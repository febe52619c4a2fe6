import type { Pipeline, SecretEntry } from '../model/types';
import { parseSecretRef } from '../validate/names';
import { quantityToCores, quantityToDecimalGigabytes } from '../validate/quantity';
import { toYaml } from '../yaml/stringify';
import { executeSingleNode, shellQuote } from './command';
import type { EmitOptions, EmitResult } from './index';
import { parameterEnvName, parameterText } from './parameters';
import { planLinear, type PlannedTask, type PlannedVolume } from './plan';

export const SCHEMA_VERSION = '2.1.0';
/** Free text the backend does not read; says honestly who compiled the spec. */
export const SDK_VERSION = 'kfp-designer-0.1.0';
/** KFP substitutes the run's UUID only where this is the whole constant of a task input (driver/resolve.go). */
const JOB_UUID = '{{$.pipeline_job_uuid}}';
const RUN_ID_INPUT = 'run_id';
const inputPlaceholder = (name: string) => `{{$.inputs.parameters['${name}']}}`;

type Yaml = Record<string, unknown>;

/**
 * KFP v2: a PipelineSpec (IR) plus a kfp-kubernetes PlatformSpec, two YAML documents (format doc
 * §2, §4). One component/executor per container; both generations of resource fields and secret/PVC
 * name fields so that backends 2.0–2.4 and ≥2.5 read the same pipeline.
 */
export function emitKfpV2(pipeline: Pipeline, options: EmitOptions): EmitResult {
  void options;
  const plan = planLinear(pipeline);
  const components: Yaml = {};
  const executors: Yaml = {};
  const platformExecutors: Yaml = {};
  const tasks: Yaml = {};
  for (const task of plan.tasks) {
    const component = `comp-${task.name}`;
    const executor = `exec-${task.name}`;
    const taskParameters = task.isStart ? pipeline.parameters.map((p) => p.name) : [];
    components[component] = {
      executorLabel: executor,
      inputDefinitions: {
        parameters: Object.fromEntries([RUN_ID_INPUT, ...taskParameters].map((name) => [name, { parameterType: 'STRING' }])),
      },
    };
    executors[executor] = { container: containerSpec(pipeline, task) };
    platformExecutors[executor] = platformConfig(task, plan.volumes);
    tasks[task.name] = {
      cachingOptions: pipeline.executor.enable_caching === true ? { enableCache: true } : {},
      componentRef: { name: component },
      ...(task.after ? { dependentTasks: [task.after] } : {}),
      inputs: {
        parameters: {
          [RUN_ID_INPUT]: { runtimeValue: { constant: JOB_UUID } },
          ...Object.fromEntries(taskParameters.map((name) => [name, { componentInputParameter: name }])),
        },
      },
      ...(task.retries > 0
        ? { retryPolicy: { backoffDuration: '0s', backoffFactor: 2, backoffMaxDuration: '3600s', maxRetryCount: task.retries } }
        : {}),
      taskInfo: { name: task.step.name },
    };
  }
  const description = pipeline.dag.description?.trim();
  const spec = {
    components,
    deploymentSpec: { executors },
    pipelineInfo: { ...(description ? { description } : {}), name: plan.rootName },
    root: {
      dag: { tasks },
      ...(pipeline.parameters.length > 0
        ? {
            inputDefinitions: {
              parameters: Object.fromEntries(
                pipeline.parameters.map((p) => [p.name, { defaultValue: parameterText(p.value), isOptional: true, parameterType: 'STRING' }]),
              ),
            },
          }
        : {}),
    },
    schemaVersion: SCHEMA_VERSION,
    sdkVersion: SDK_VERSION,
  };
  const platform = { platforms: { kubernetes: { deploymentSpec: { executors: platformExecutors } } } };
  return { text: `${toYaml(spec)}---\n${toYaml(platform)}`, diagnostics: plan.diagnostics };
}

/**
 * IR env values are literal, so parameters that must stay overridable per run travel as task
 * inputs and a small shell exports them as `MAGNUS_PRM_*` (§2.6). `env` accepts names a shell
 * assignment would not (`MAGNUS_PRM_learning-rate`).
 */
function containerSpec(pipeline: Pipeline, task: PlannedTask): Yaml {
  const { settings } = task;
  const magnus = executeSingleNode(pipeline, task.path, inputPlaceholder(RUN_ID_INPUT));
  const parameters = task.isStart ? pipeline.parameters : [];
  const command =
    parameters.length === 0
      ? { command: magnus }
      : {
          args: [inputPlaceholder(RUN_ID_INPUT), ...parameters.map((p) => inputPlaceholder(p.name))],
          command: [
            'sh',
            '-c',
            [
              'exec env',
              ...parameters.map((p, i) => `${shellQuote(`${parameterEnvName(p)}=`)}"$${i + 1}"`),
              ...magnus.map((word, i) => (i === 2 ? '"$0"' : shellQuote(word))),
            ].join(' '),
          ],
        };
  return {
    ...command,
    ...(settings.docker_image.value !== undefined ? { image: settings.docker_image.value } : {}),
    resources: resourceSpec(task),
  };
}

function resourceSpec(task: PlannedTask): Yaml {
  const { settings } = task;
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

function platformConfig(task: PlannedTask, volumes: PlannedVolume[]): Yaml {
  const secrets = secretsByName(task.settings.secrets_from_k8s.value);
  return {
    imagePullPolicy: task.settings.image_pull_policy.value,
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
