import { IMAGE_PULL_POLICIES, KFP_DEFAULTS } from '../../core/model/defaults';
import { POD_TEXT_SETTING_KEYS, WORKFLOW_TEXT_SETTING_KEYS, type StepSettingKey } from '../../core/model/types';
import type { Option } from './ChoiceFields';

/** Field labels of the kfp settings, the same in the pipeline settings and the step form. */
export const SETTING_LABELS: Record<StepSettingKey, string> = {
  docker_image: 'Docker image',
  cpu_limit: 'CPU limit',
  memory_limit: 'Memory limit',
  cpu_request: 'CPU request',
  memory_request: 'Memory request',
  gpu_limit: 'GPU limit',
  image_pull_policy: 'Image pull policy',
  secrets_from_k8s: 'Secrets',
  env: 'Environment variables',
  node_selector: 'Node selector',
  tolerations: 'Tolerations',
  active_deadline_seconds: 'Time limit (seconds)',
  timeout: 'Timeout',
  retry_limit: 'Retries',
  retry_policy: 'Retry policy',
  backoff_duration: 'Retry backoff',
  backoff_factor: 'Backoff factor',
  backoff_max_duration: 'Longest backoff',
  parallelism: 'Parallelism',
};

/** The text settings a step may override, in form order. */
export const TEXT_SETTING_KEYS = ['docker_image', 'cpu_limit', 'memory_limit', 'cpu_request', 'memory_request', 'gpu_limit'] as const;
export type TextSettingKey = (typeof TEXT_SETTING_KEYS)[number];

/** What magnus uses when the key is absent, in words ("250m", "the CPU limit"). */
export function defaultText(key: TextSettingKey | 'output_file'): string | undefined {
  if (key === 'docker_image') return undefined;
  if (key === 'cpu_request') return 'the CPU limit';
  if (key === 'memory_request') return 'the memory limit';
  return KFP_DEFAULTS[key];
}

export const PULL_POLICY_OPTIONS: Option[] = IMAGE_PULL_POLICIES.map((p) => ({ value: p, label: p }));

/** The pod settings of the Argo executors that are one text each, in form order. */
export const POD_TEXT_KEYS = POD_TEXT_SETTING_KEYS;
export type PodTextKey = (typeof POD_TEXT_KEYS)[number];

/** What each means, shown under its field. */
export const POD_HINTS: Record<PodTextKey, string> = {
  active_deadline_seconds: 'seconds a step may run before Kubernetes stops it; empty: no limit',
  timeout: 'Argo only (e.g. 2h): the step, pending time included; KFP v2 has none',
  retry_limit: "retries of a step that has no retry / max_attempts of its own; empty: none",
  retry_policy: 'Argo only: Always, OnFailure, OnError or OnTransientError; KFP v2 retries on any failure',
  backoff_duration: 'wait before the first retry: seconds or a duration (2m)',
  backoff_factor: 'each retry waits this many times longer (e.g. 2)',
  backoff_max_duration: 'longest wait between retries (e.g. 1h)',
  parallelism: 'parallel and map steps: how many branches or items run at once',
};

/** Settings of the whole workflow (Argo metadata and spec) that are one text each. */
export const WORKFLOW_TEXT_KEYS = WORKFLOW_TEXT_SETTING_KEYS;
export type WorkflowTextKey = (typeof WORKFLOW_TEXT_KEYS)[number];

export const WORKFLOW_LABELS: Record<WorkflowTextKey, string> = {
  generate_name: 'Workflow name prefix',
  namespace: 'Namespace',
  service_account: 'Service account',
  workflow_parallelism: 'Workflow parallelism',
  workflow_active_deadline_seconds: 'Workflow time limit (seconds)',
  log_level: 'Log level',
  secret_from_k8s: 'Secret of task secrets',
  pvc_for_runnable: 'Runnable volume claim',
};

export const WORKFLOW_HINTS: Record<WorkflowTextKey, string> = {
  generate_name: 'Argo and KFP v1 (e.g. train-); default magnus-dag-',
  namespace: 'Argo only; Kubeflow runs in the namespace of the run',
  service_account: 'Argo; Kubeflow takes it when the run is created',
  workflow_parallelism: 'Argo and KFP v1: pods of the whole run at once',
  workflow_active_deadline_seconds: 'Argo and KFP v1: the whole run',
  log_level: "magnus's --log-level in every container; default WARNING",
  secret_from_k8s: "the Secret a runnable task's `secrets: [X]` are read from, key X into env X",
  pvc_for_runnable: 'mounted at /tmp in every container, where runnable keeps run logs and catalog',
};

/** How the two name/value lists of a pod look, the same in the pipeline settings and the step form. */
export const NAMED_VALUE_LISTS = {
  env: { legend: 'Environment variables', noun: 'Environment variable', columns: ['Name', 'Value'], placeholders: ['MODE', 'batch'] },
  node_selector: { legend: 'Node selector', noun: 'Node label', columns: ['Key', 'Value'], placeholders: ['node-pool', 'gpu'] },
} as const;
