import { isTruthy } from '../model/effective';
import { type StepVisit } from '../model/paths';
import { pipelineSteps } from './visits';
import { substituteVariables, variableMap } from '../model/variables';
import { STEP_SETTING_KEYS, type OverrideEntry, type Pipeline, type StepSettingKey } from '../model/types';
import { quote, stepTarget, type Target } from './report';

/**
 * One setting where the user wrote it: in the executor config, in a profile, or in a step's
 * override. Rules report there, once, rather than on every step that inherits the value.
 */
export interface WrittenSetting {
  key: StepSettingKey;
  value: OverrideEntry['value'] | undefined;
  /** `executor.cpu_limit`, `profiles.big.cpu_limit`, `kfp.cpu_limit`. */
  field: string;
  target: Target;
  /** "the executor config", "profile `big`", "step `train`". */
  where: string;
}

export const isStepSettingKey = (key: string): key is StepSettingKey => (STEP_SETTING_KEYS as readonly string[]).includes(key);

export function* writtenSettings(pipeline: Pipeline): Generator<WrittenSetting> {
  yield* writtenGlobalSettings(pipeline);
  for (const visit of pipelineSteps(pipeline)) {
    for (const entry of visit.step.kfp ?? []) {
      if (!isStepSettingKey(entry.key) || appliesProfile(pipeline, entry)) continue;
      const field = `kfp.${entry.key}`;
      yield { key: entry.key, value: entry.value, field, target: stepTarget(visit, field), where: `step ${quote(visit.path)}` };
    }
  }
}

/** The settings written in the executor config and its profiles: writtenSettings without the steps' overrides. */
export function* writtenGlobalSettings(pipeline: Pipeline): Generator<WrittenSetting> {
  const { executor } = pipeline;
  for (const key of STEP_SETTING_KEYS) {
    if (executor[key] === undefined) continue;
    const field = `executor.${key}`;
    yield { key, value: executor[key], field, target: { field }, where: 'the executor config' };
  }
  for (const profile of executor.profiles) {
    for (const entry of profile.entries) {
      if (!isStepSettingKey(entry.key)) continue;
      const field = `profiles.${profile.name}.${entry.key}`;
      yield { key: entry.key, value: entry.value, field, target: { field }, where: `profile ${quote(profile.name)}` };
    }
  }
}

/** A falsy value under a profile's name merges that profile instead of setting the key (§7.1). */
export function appliesProfile(pipeline: Pipeline, entry: OverrideEntry): boolean {
  return !isTruthy(entry.value) && pipeline.executor.profiles.some((p) => p.name === entry.key);
}

/** A scalar setting as text, as magnus would pass it on; undefined for lists and mappings. */
export function settingText(value: WrittenSetting['value']): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The text with the pipeline's variables substituted, or undefined when some variable has no value:
 * the variable rule reports that, and checking the literal `${x}` would only add noise.
 */
export function resolvedText(pipeline: Pipeline, text: string): string | undefined {
  const substituted = substituteVariables(text, variableMap(pipeline.variables));
  return substituted.unresolved.length > 0 ? undefined : substituted.text;
}

/** Steps that run in a container of their own (composites only fan out). */
export const isExecutable = (visit: StepVisit) => ['task', 'stub', 'success', 'fail'].includes(visit.step.type);
