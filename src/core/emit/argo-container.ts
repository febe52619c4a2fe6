import type { EffectiveSettings } from '../model/effective';
import type { Pipeline } from '../model/types';
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
    ...settings.secrets_from_k8s.value.map((secret) => {
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
    ...(volumes.length > 0 ? { volumeMounts: volumes.map((v) => ({ mountPath: v.mountPath, name: v.volumeName })) } : {}),
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
    ...(Object.keys(podMetadata).length > 0 ? { metadata: podMetadata } : {}),
    ...(job.retries > 0 ? { retryStrategy: { limit: String(job.retries) } } : {}),
    ...(volumes.length > 0
      ? {
          volumes: [...volumes]
            .sort((a, b) => compareNames(a.volumeName, b.volumeName))
            .map((v) => ({ name: v.volumeName, persistentVolumeClaim: { claimName: v.claim } })),
        }
      : {}),
  };
}
