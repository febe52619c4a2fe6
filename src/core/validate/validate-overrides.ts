import type { Diagnostic } from '../diagnostics';
import { isTruthy } from '../model/effective';
import { pipelineSteps } from './visits';
import { STEP_SETTING_KEYS, type OverrideEntry, type Pipeline } from '../model/types';
import { listNames, quote, stepTarget, warning, type Target } from './report';
import { isStepSettingKey } from './written';

/**
 * Override entries that do nothing (§7.1, §9.2): keys the kfp executor reads only from its own
 * config, unknown keys, and empty values meant to apply a profile that does not exist.
 */
export function validateOverrides(pipeline: Pipeline): Diagnostic[] {
  const profiles = pipeline.executor.profiles.map((p) => p.name);
  const diagnostics: Diagnostic[] = [];
  for (const profile of pipeline.executor.profiles) {
    for (const entry of profile.entries) {
      if (!isStepSettingKey(entry.key)) diagnostics.push(ignoredKey(entry.key, { field: `profiles.${profile.name}.${entry.key}` }, 'in a profile'));
    }
  }
  for (const visit of pipelineSteps(pipeline)) {
    for (const entry of visit.step.kfp ?? []) {
      const target = stepTarget(visit, `kfp.${entry.key}`);
      const problem = stepEntryProblem(entry, profiles, target);
      if (problem) diagnostics.push(problem);
    }
  }
  return diagnostics;
}

/** Keys of the kfp executor config that it reads only globally. */
const GLOBAL_ONLY_KEYS = new Set(['output_file', 'enable_caching', 'enable_parallel', 'persistent_volumes', 'placeholders', 'overrides']);

function stepEntryProblem(entry: OverrideEntry, profiles: string[], target: Target): Diagnostic | undefined {
  const namesProfile = profiles.includes(entry.key);
  if (isStepSettingKey(entry.key)) return undefined;
  if (namesProfile && isTruthy(entry.value)) {
    return warning(
      'W_PROFILE_WITH_VALUE',
      `${quote(entry.key)} names a profile, but it has a value, so magnus sets a key ${quote(entry.key)} instead of applying the profile; write \`${entry.key}:\` with nothing after it`,
      target,
    );
  }
  if (namesProfile) return undefined;
  // `enable_caching: false` means the setting, not a profile, whatever its value.
  if (!isTruthy(entry.value) && !GLOBAL_ONLY_KEYS.has(entry.key)) {
    const known = profiles.length > 0 ? ` (profiles: ${listNames(profiles)})` : '';
    return warning(
      'W_PROFILE_UNKNOWN',
      `\`${entry.key}:\` with no value applies a profile, but there is no placeholder profile named ${quote(entry.key)}${known}; define it in the executor config or fix the name`,
      target,
    );
  }
  return ignoredKey(entry.key, target, 'per step');
}

function ignoredKey(key: string, target: Target, where: 'per step' | 'in a profile'): Diagnostic {
  const reason = GLOBAL_ONLY_KEYS.has(key)
    ? `the kfp executor reads ${quote(key)} only from its own config, not ${where}`
    : `${quote(key)} is not a setting the kfp executor applies ${where}`;
  return warning('W_OVERRIDE_IGNORED', `${reason}, so this has no effect (it can set: ${STEP_SETTING_KEYS.join(', ')})`, target);
}
