import { KFP_DEFAULTS } from './defaults';
import { substituteVariables, variableMap } from './variables';
import {
  STEP_SETTING_KEYS,
  type Json,
  type OverrideEntry,
  type Pipeline,
  type SecretEntry,
  type Step,
  type StepSettingKey,
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
    if (options.resolveVariables) {
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
    profiles,
    ignoredKeys: [...ignored],
    unresolvedVariables: [...unresolved],
  };
}

function defaultFor(key: StepSettingKey): Json | SecretEntry[] | undefined {
  if (key === 'secrets_from_k8s') return [];
  if (key === 'docker_image') return undefined;
  return KFP_DEFAULTS[key];
}

function resolveSecret(secret: SecretEntry, variables: ReadonlyMap<string, string>, unresolved: Set<string>): SecretEntry {
  const env = substituteVariables(secret.env, variables);
  const ref = substituteVariables(secret.ref, variables);
  [...env.unresolved, ...ref.unresolved].forEach((name) => unresolved.add(name));
  return { env: env.text, ref: ref.text };
}
