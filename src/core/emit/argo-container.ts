import { containerSecrets, type EffectiveSettings } from '../model/effective';
import type { Pipeline, Toleration } from '../model/types';
import { parseSecretRef } from '../validate/names';
import { wrapInShell } from './command';
import { parameterEnvName } from './parameters';
import type { PlannedVolume } from './plan';
import { compareNames } from './python-json';

/** The KFP SDK the old plugin compiled with; the output imitates what it produced (§1.6). */
export const KFP_V1_SDK_VERSION = '1.8.22';

type Yaml = Record<string, unknown>;

/** Where a workflow's template entries sit: `spec:` → `templates:` → `- …`. */
export const TEMPLATE_INDENT = 4;

export interface ArgoContainerJob {
  name: string;
  command: string[];
  settings: EffectiveSettings;
  retries: number;
  /** The pipeline's start step: magnus reads the run's parameters from `MAGNUS_PRM_*` there. */
  receivesParameters: boolean;
  /** Input parameters of the template (map variables). */
  inputs: string[];
  /** A map's fan-out: the list it writes, as the output parameter `iterate-on`. */
  outputsIterateOn?: boolean;
  /** An explicit fail step, which must fail the run (see StepJob.failsTheRun). */
  failsTheRun?: boolean;
}

export interface ArgoOptions {
  kubeflow: boolean;
  caching: boolean;
  volumes: PlannedVolume[];
}

/** A container template as kfp 1.8's `_op_to_template` laid it out (§1.3), for one magnus container. */
export function argoContainerTemplate(pipeline: Pipeline, job: ArgoContainerJob, options: ArgoOptions): Yaml & { name: string } {
  const { settings } = job;
  const { volumes, kubeflow } = options;
  const env = [
    ...settings.env.value.map((e) => ({ name: e.name, value: e.value })),
    ...containerSecrets(settings).map((secret) => {
      const ref = parseSecretRef(secret.ref);
      return { name: secret.env, valueFrom: { secretKeyRef: { key: ref?.key ?? '', name: ref?.secret ?? secret.ref } } };
    }),
    ...(job.receivesParameters ? pipeline.parameters.map((p) => ({ name: parameterEnvName(p), value: `{{workflow.parameters.${p.name}}}` })) : []),
  ];
  const gpu = Number(settings.gpu_limit.value);
  const container: Yaml = {
    ...(job.failsTheRun ? wrapInShell(job.command, { failAfterwards: true }) : { command: job.command }),
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
    ...(volumes.length > 0 ? { volumeMounts: volumes.map((v) => ({ mountPath: v.mountPath, name: v.volumeName, ...(v.readOnly ? { readOnly: true } : {}) })) } : {}),
  };
  const podMetadata: Yaml = {};
  if (kubeflow && !options.caching) podMetadata.annotations = { 'pipelines.kubeflow.org/max_cache_staleness': 'P0D' };
  if (kubeflow) {
    podMetadata.labels = {
      'pipelines.kubeflow.org/kfp_sdk_version': KFP_V1_SDK_VERSION,
      'pipelines.kubeflow.org/pipeline-sdk-type': 'kfp',
      'pipelines.kubeflow.org/enable_caching': 'true',
    };
  }
  return {
    name: job.name,
    container,
    ...(job.inputs.length > 0 ? { inputs: { parameters: job.inputs.map((name) => ({ name })) } } : {}),
    ...(job.outputsIterateOn ? { outputs: { parameters: [{ name: 'iterate-on', valueFrom: { path: '/tmp/output.txt' } }] } } : {}),
    ...(settings.node_selector.value.length > 0 ? { nodeSelector: Object.fromEntries(settings.node_selector.value.map((l) => [l.name, l.value])) } : {}),
    ...(settings.tolerations.value.length > 0 ? { tolerations: settings.tolerations.value.map(argoToleration) } : {}),
    ...(Object.keys(podMetadata).length > 0 ? { metadata: podMetadata } : {}),
    ...(job.retries > 0 ? { retryStrategy: argoRetryStrategy(job.retries, settings) } : {}),
    ...(settings.active_deadline_seconds.value !== '' ? { activeDeadlineSeconds: settings.active_deadline_seconds.value } : {}),
    ...(settings.timeout.value !== '' ? { timeout: settings.timeout.value } : {}),
    ...(volumes.length > 0
      ? {
          volumes: [...volumes]
            .sort((a, b) => compareNames(a.volumeName, b.volumeName))
            .map((v) => ({ name: v.volumeName, persistentVolumeClaim: { claimName: v.claim } })),
        }
      : {}),
  };
}

/** A toleration as Kubernetes spells it; `tolerationSeconds` is a number there. */
export function argoToleration(t: Toleration): Yaml {
  return {
    ...(t.effect ? { effect: t.effect } : {}),
    ...(t.key ? { key: t.key } : {}),
    ...(t.operator ? { operator: t.operator } : {}),
    ...(t.tolerationSeconds ? { tolerationSeconds: Number(t.tolerationSeconds) } : {}),
    ...(t.value ? { value: t.value } : {}),
  };
}

/** `retryStrategy` as runnable writes it: the limit, and its policy and backoff when set (strings, as the schema types them). */
function argoRetryStrategy(retries: number, settings: EffectiveSettings): Yaml {
  const backoff = {
    ...(settings.backoff_duration.value ? { duration: settings.backoff_duration.value } : {}),
    // Argo's factor is a whole number (IntOrString).
    ...(settings.backoff_factor.value ? { factor: String(Math.floor(Number(settings.backoff_factor.value)) || 1) } : {}),
    ...(settings.backoff_max_duration.value ? { maxDuration: settings.backoff_max_duration.value } : {}),
  };
  return {
    limit: String(retries),
    ...(settings.retry_policy.value ? { retryPolicy: settings.retry_policy.value } : {}),
    ...(Object.keys(backoff).length > 0 ? { backoff } : {}),
  };
}
