import { IMAGE_PULL_POLICIES, KFP_DEFAULTS } from '../../core/model/defaults';
import type { StepSettingKey } from '../../core/model/types';
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
