import { KFP_DEFAULTS } from './defaults';
import { substituteVariables, variableMap } from './variables';
import {
  STEP_SETTING_KEYS,
  type Json,
  type NamedValue,
  type OverrideEntry,
  type Pipeline,
  type SecretEntry,
  type Step,
  type StepSettingKey,
  type Toleration,
} from './types';

/** Where an effective value comes from, so the step form can say "inherited" or "overridden". */
export type SettingSource =
  | { kind: 'default' }
  | { kind: 'global' }
  | { kind: 'profile'; profile: string }
  | { kind: 'step' };

export interface EffectiveSetting<T> {
  value: T;
  source: SettingSource;
}

export interface EffectiveSettings {
  docker_image: EffectiveSetting<string | undefined>;
  cpu_limit: EffectiveSetting<string>;
  memory_limit: EffectiveSetting<string>;
  /** '' in the config means "the limit"; here it is already resolved to the limit. */
  cpu_request: EffectiveSetting<string>;
  memory_request: EffectiveSetting<string>;
  gpu_limit: EffectiveSetting<string>;
  image_pull_policy: EffectiveSetting<string>;
  secrets_from_k8s: EffectiveSetting<SecretEntry[]>;
  /**
   * runnable's task secrets: each name of a task's `secrets: [X]` read from the executor's
   * `secret_from_k8s` Secret into env `X` (§6.3). Kept apart from secrets_from_k8s, which is what
   * the user wrote; see containerSecrets.
   */
  taskSecrets: SecretEntry[];
  env: EffectiveSetting<NamedValue[]>;
  node_selector: EffectiveSetting<NamedValue[]>;
  tolerations: EffectiveSetting<Toleration[]>;
  /** '' = not set, for these and the other optional pod settings below. */
  active_deadline_seconds: EffectiveSetting<string>;
  timeout: EffectiveSetting<string>;
  retry_limit: EffectiveSetting<string>;
  retry_policy: EffectiveSetting<string>;
  backoff_duration: EffectiveSetting<string>;
  backoff_factor: EffectiveSetting<string>;
  backoff_max_duration: EffectiveSetting<string>;
  parallelism: EffectiveSetting<string>;
  /** The workflow's labels and annotations (global only): KFP v2 has no workflow metadata and puts them on each pod. */
  workflowLabels: NamedValue[];
  workflowAnnotations: NamedValue[];
  /** Profiles this step applies, in order. */
  profiles: string[];
  /** Override keys the kfp executor does not honour per step (they have no effect). */
  ignoredKeys: string[];
  /** Variables referenced by the resolved values but not supplied. */
  unresolvedVariables: string[];
}

type Value = OverrideEntry['value'] | undefined;
interface Slot {
  value: Value;
  source: SettingSource;
}

/** Python truthiness, which decides between "replace" and "apply a placeholder" (§7.1). */
export function isTruthy(value: Value): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

const isStepSettingKey = (key: string): key is StepSettingKey => (STEP_SETTING_KEYS as readonly string[]).includes(key);

/**
 * The settings a step runs with, by magnus's own algorithm (§7.1, identical for 0.5's named
 * `overrides`): start from the whole executor config; apply the step's kfp entries in order — a
 * truthy value replaces, a falsy value naming a placeholder merges that placeholder, any other
 * falsy value is set as is. Requests left empty fall back to the effective limits.
 */
export function effectiveSettings(pipeline: Pipeline, step: Step | undefined, options: { resolveVariables?: boolean } = {}): EffectiveSettings {
  const { executor } = pipeline;
  const slots = new Map<string, Slot>();
  for (const key of STEP_SETTING_KEYS) {
    const global = executor[key];
    slots.set(key, global !== undefined ? { value: global, source: { kind: 'global' } } : { value: defaultFor(key), source: { kind: 'default' } });
  }
  const profiles: string[] = [];
  const ignored = new Set<string>();
  const set = (key: string, value: Value, source: SettingSource) => {
    if (isStepSettingKey(key)) slots.set(key, { value, source });
    else ignored.add(key);
  };
  for (const entry of step?.kfp ?? []) {
    const profile = executor.profiles.find((p) => p.name === entry.key);
    if (!isTruthy(entry.value) && profile) {
      profiles.push(profile.name);
      for (const inner of profile.entries) set(inner.key, inner.value, { kind: 'profile', profile: profile.name });
    } else {
      set(entry.key, entry.value, { kind: 'step' });
    }
  }

  const variables = variableMap(pipeline.variables);
  const unresolved = new Set<string>();
  const text = (key: StepSettingKey): EffectiveSetting<string> => {
    const slot = slots.get(key)!;
    let value = slot.value === null || slot.value === undefined ? '' : typeof slot.value === 'object' ? JSON.stringify(slot.value) : String(slot.value);
    // No `$`, nothing to substitute: most values, and no Substitution to allocate for each.
    if (options.resolveVariables && value.includes('$')) {
      const substituted = substituteVariables(value, variables);
      substituted.unresolved.forEach((name) => unresolved.add(name));
      value = substituted.text;
    }
    return { value, source: slot.source };
  };

  const cpuLimit = text('cpu_limit');
  const memoryLimit = text('memory_limit');
  const cpuRequest = text('cpu_request');
  const memoryRequest = text('memory_request');
  const image = text('docker_image');
  const secretsSlot = slots.get('secrets_from_k8s')!;
  const secrets = Array.isArray(secretsSlot.value) ? (secretsSlot.value as SecretEntry[]) : [];
  const resolve = (value: string) => {
    if (!options.resolveVariables || !value.includes('$')) return value;
    const substituted = substituteVariables(value, variables);
    substituted.unresolved.forEach((name) => unresolved.add(name));
    return substituted.text;
  };
  const named = (key: 'env' | 'node_selector'): EffectiveSetting<NamedValue[]> => {
    const slot = slots.get(key)!;
    const list = Array.isArray(slot.value) ? (slot.value as NamedValue[]) : [];
    return { value: list.map((entry) => ({ name: resolve(entry.name), value: resolve(entry.value) })), source: slot.source };
  };
  const tolerationSlot = slots.get('tolerations')!;
  const tolerations = Array.isArray(tolerationSlot.value) ? (tolerationSlot.value as Toleration[]) : [];
  return {
    docker_image: { value: image.value === '' ? undefined : image.value, source: image.source },
    cpu_limit: cpuLimit,
    memory_limit: memoryLimit,
    cpu_request: cpuRequest.value === '' ? { value: cpuLimit.value, source: cpuRequest.source } : cpuRequest,
    memory_request: memoryRequest.value === '' ? { value: memoryLimit.value, source: memoryRequest.source } : memoryRequest,
    gpu_limit: text('gpu_limit'),
    image_pull_policy: text('image_pull_policy'),
    secrets_from_k8s: {
      value: options.resolveVariables ? secrets.map((s) => resolveSecret(s, variables, unresolved)) : secrets,
      source: secretsSlot.source,
    },
    taskSecrets: taskSecrets(pipeline, step).map((s) => (options.resolveVariables ? resolveSecret(s, variables, unresolved) : s)),
    env: named('env'),
    node_selector: named('node_selector'),
    tolerations: {
      value: tolerations.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, resolve(String(v))])) as Toleration),
      source: tolerationSlot.source,
    },
    active_deadline_seconds: text('active_deadline_seconds'),
    timeout: text('timeout'),
    retry_limit: text('retry_limit'),
    retry_policy: text('retry_policy'),
    backoff_duration: text('backoff_duration'),
    backoff_factor: text('backoff_factor'),
    backoff_max_duration: text('backoff_max_duration'),
    parallelism: text('parallelism'),
    workflowLabels: (executor.labels ?? []).map((l) => ({ name: resolve(l.name), value: resolve(l.value) })),
    workflowAnnotations: (executor.annotations ?? []).map((l) => ({ name: resolve(l.name), value: resolve(l.value) })),
    profiles,
    ignoredKeys: [...ignored],
    unresolvedVariables: [...unresolved],
  };
}

function defaultFor(key: StepSettingKey): OverrideEntry['value'] | undefined {
  if (key === 'secrets_from_k8s' || key === 'env' || key === 'node_selector' || key === 'tolerations') return [];
  if (key === 'docker_image') return undefined;
  return Object.hasOwn(KFP_DEFAULTS, key) ? KFP_DEFAULTS[key as keyof typeof KFP_DEFAULTS] : '';
}

/**
 * The names a runnable task reads from its environment (`secrets: [X, …]`, §11), each taken from
 * key X of the executor's `secret_from_k8s` Secret, as runnable's Argo executor does (§6.3).
 */
export function taskSecretNames(step: Step | undefined): string[] {
  if (!step || step.type !== 'task' || !step.extra || !Object.hasOwn(step.extra, 'secrets')) return [];
  const raw = step.extra.secrets;
  if (Array.isArray(raw)) return raw.filter((name): name is string => typeof name === 'string' && name !== '');
  return [];
}

function taskSecrets(pipeline: Pipeline, step: Step | undefined): SecretEntry[] {
  const secret = pipeline.executor.secret_from_k8s;
  if (!secret) return [];
  return taskSecretNames(step).map((name) => ({ env: name, ref: `${secret}:${name}` }));
}

/** Every secret env var of a container: the written ones, then the task's own that they do not already set. */
export function containerSecrets(settings: Pick<EffectiveSettings, 'secrets_from_k8s' | 'taskSecrets'>): SecretEntry[] {
  const written = settings.secrets_from_k8s.value;
  const names = new Set(written.map((s) => s.env));
  return [...written, ...settings.taskSecrets.filter((s) => !names.has(s.env))];
}

export function resolveSecret(secret: SecretEntry, variables: ReadonlyMap<string, string>, unresolved: Set<string>): SecretEntry {
  const env = substituteVariables(secret.env, variables);
  const ref = substituteVariables(secret.ref, variables);
  [...env.unresolved, ...ref.unresolved].forEach((name) => unresolved.add(name));
  return { env: env.text, ref: ref.text };
}
