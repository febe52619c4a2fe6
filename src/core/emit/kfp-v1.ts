import type { Pipeline } from '../model/types';
import { parseSecretRef } from '../validate/names';
import { executeSingleNode } from './command';
import type { EmitOptions, EmitResult } from './index';
import { parameterEnvName, parameterText } from './parameters';
import { PIPELINE_NAME, planLinear, type PlannedTask, type PlannedVolume } from './plan';
import { toYaml } from '../yaml/stringify';

/** The KFP SDK the old plugin compiled with; the output imitates what it produced (§1.6). */
export const KFP_V1_SDK_VERSION = '1.8.22';
const RUN_ID = '{{workflow.parameters.run_id}}';
/** The legacy pipeline function's docstring, which kfp put into the pipeline_spec annotation. */
const LEGACY_DESCRIPTION = 'The function that makes the workflow';

type Yaml = Record<string, unknown>;

/**
 * KFP v1: the Argo Workflow the magnus kfp executor produced (§9.3, format doc §1.6), with two
 * deliberate corrections — N attempts become N − 1 retries, and every quantity, retry limit and
 * parameter value is a string. `kubeflow: false` gives the plain Argo Workflow (no KFP metadata).
 */
export function emitKfpV1(pipeline: Pipeline, options: EmitOptions, kubeflow = true): EmitResult {
  const plan = planLinear(pipeline);
  const parameters = pipeline.parameters.map((p) => ({ name: p.name, value: parameterText(p.value) }));
  const workflowParameters = [...parameters, { name: 'run_id', value: '{{workflow.uid}}' }];
  const caching = pipeline.executor.enable_caching === true;

  const containerTemplates = plan.tasks.map((task) => containerTemplate(pipeline, task, plan.volumes, caching, kubeflow));
  const dagTemplate = {
    name: plan.rootName,
    dag: {
      tasks: [...plan.tasks]
        .sort((a, b) => compareNames(a.name, b.name))
        .map((t) => ({ name: t.name, template: t.name, ...(t.after ? { dependencies: [t.after] } : {}) })),
    },
  };
  const templates = [dagTemplate, ...containerTemplates].sort((a, b) => compareNames(a.name, b.name));

  const metadata: Yaml = { generateName: `${plan.rootName}-` };
  if (kubeflow) {
    const description = pipeline.dag.description?.trim().split('\n')[0] || LEGACY_DESCRIPTION;
    metadata.annotations = {
      'pipelines.kubeflow.org/kfp_sdk_version': KFP_V1_SDK_VERSION,
      ...(options.timestamp ? { 'pipelines.kubeflow.org/pipeline_compilation_time': options.timestamp.toISOString().replace('Z', '') } : {}),
      'pipelines.kubeflow.org/pipeline_spec': pythonJson({
        description,
        inputs: workflowParameters.map((p) => ({ default: p.value, name: p.name })),
        name: PIPELINE_NAME,
      }),
    };
    metadata.labels = { 'pipelines.kubeflow.org/kfp_sdk_version': KFP_V1_SDK_VERSION };
  }
  const workflow = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata,
    spec: {
      entrypoint: plan.rootName,
      templates,
      arguments: { parameters: workflowParameters },
      ...(kubeflow ? { serviceAccountName: 'pipeline-runner' } : {}),
    },
  };
  return { text: toYaml(workflow), diagnostics: plan.diagnostics };
}

function containerTemplate(pipeline: Pipeline, task: PlannedTask, volumes: PlannedVolume[], caching: boolean, kubeflow: boolean): Yaml & { name: string } {
  const { settings } = task;
  const env = [
    ...settings.secrets_from_k8s.value.map((secret) => {
      const ref = parseSecretRef(secret.ref);
      return { name: secret.env, valueFrom: { secretKeyRef: { key: ref?.key ?? '', name: ref?.secret ?? secret.ref } } };
    }),
    ...(task.isStart ? pipeline.parameters.map((p) => ({ name: parameterEnvName(p), value: `{{workflow.parameters.${p.name}}}` })) : []),
  ];
  const gpu = Number(settings.gpu_limit.value);
  const container: Yaml = {
    command: executeSingleNode(pipeline, task.path, RUN_ID),
    ...(env.length > 0 ? { env } : {}),
    ...(settings.docker_image.value !== undefined ? { image: settings.docker_image.value } : {}),
    imagePullPolicy: settings.image_pull_policy.value,
    resources: {
      limits: {
        memory: settings.memory_limit.value,
        cpu: settings.cpu_limit.value,
        ...(gpu > 0 ? { 'nvidia.com/gpu': settings.gpu_limit.value } : {}),
      },
      requests: { memory: settings.memory_request.value, cpu: settings.cpu_request.value },
    },
    ...(volumes.length > 0 ? { volumeMounts: volumes.map((v) => ({ mountPath: v.mountPath, name: v.volumeName })) } : {}),
  };
  const podMetadata: Yaml = {};
  if (kubeflow && !caching) podMetadata.annotations = { 'pipelines.kubeflow.org/max_cache_staleness': 'P0D' };
  if (kubeflow) {
    podMetadata.labels = {
      'pipelines.kubeflow.org/kfp_sdk_version': KFP_V1_SDK_VERSION,
      'pipelines.kubeflow.org/pipeline-sdk-type': 'kfp',
      'pipelines.kubeflow.org/enable_caching': 'true',
    };
  }
  return {
    name: task.name,
    container,
    ...(Object.keys(podMetadata).length > 0 ? { metadata: podMetadata } : {}),
    ...(task.retries > 0 ? { retryStrategy: { limit: String(task.retries) } } : {}),
    ...(volumes.length > 0
      ? {
          volumes: [...volumes]
            .sort((a, b) => compareNames(a.volumeName, b.volumeName))
            .map((v) => ({ name: v.volumeName, persistentVolumeClaim: { claimName: v.claim } })),
        }
      : {}),
  };
}

/** Byte order, as Python's `sorted` did: locale-independent and stable everywhere. */
export const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `json.dumps(value, sort_keys=True)`: Python's default separators, keys sorted, non-ASCII escaped. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => compareNames(a, b));
    return `{${entries.map(([k, v]) => `${asciiJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return asciiJson(value);
}

const asciiJson = (value: unknown) =>
  (JSON.stringify(value) ?? 'null').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
