/**
 * Changes to a step's fields and overrides and to the pipeline-wide settings: the forms' actions,
 * apart from actions.ts so that they load with the forms rather than before the first paint (a
 * module of the first load carries every export any chunk uses).
 */
import { dropUndefined, updateGraph, updateStep, ActionError } from './actions';
import type { KfpConfig, OverrideEntry, Parameter, Pipeline, Step, Variable } from './types';

// ---------------------------------------------------------------------------------------------
// Step fields and overrides

/** Sets plain fields of a step (command, command_type, max_attempts, iterate_on…); undefined removes one. */
export function setStepFields(pipeline: Pipeline, stepPath: string, fields: Record<string, unknown>): Pipeline {
  if ('name' in fields || 'type' in fields) throw new ActionError('use renameStep / changeStepType');
  return updateStep(pipeline, stepPath, (step) => dropUndefined({ ...step, ...fields } as Step));
}

/** Overrides one kfp setting on a step, in place if already overridden (keeping §7.1 order), else last. */
export function setStepOverride(pipeline: Pipeline, stepPath: string, key: string, value: OverrideEntry['value']): Pipeline {
  return updateStep(pipeline, stepPath, (step) => ({ ...step, kfp: upsertEntry(step.kfp ?? [], key, value) }));
}

/** Back to inheriting the global (or profile) value. */
export function resetStepOverride(pipeline: Pipeline, stepPath: string, key: string): Pipeline {
  return updateStep(pipeline, stepPath, (step) => {
    const kfp = (step.kfp ?? []).filter((e) => e.key !== key);
    return dropUndefined({ ...step, kfp: kfp.length > 0 ? kfp : undefined });
  });
}

export function upsertEntry(entries: readonly OverrideEntry[], key: string, value: OverrideEntry['value']): OverrideEntry[] {
  return entries.some((e) => e.key === key) ? entries.map((e) => (e.key === key ? { key, value } : e)) : [...entries, { key, value }];
}

// ---------------------------------------------------------------------------------------------
// Pipeline-wide settings

type ExecutorSettingKey = Exclude<keyof KfpConfig, 'profiles' | 'extra'>;

/** Sets a global kfp setting; undefined goes back to magnus's default. */
export function setExecutorSetting<K extends ExecutorSettingKey>(pipeline: Pipeline, key: K, value: KfpConfig[K] | undefined): Pipeline {
  const executor = { ...pipeline.executor, [key]: value };
  if (value === undefined) delete executor[key];
  return { ...pipeline, executor };
}

export function setProfiles(pipeline: Pipeline, profiles: KfpConfig['profiles']): Pipeline {
  return { ...pipeline, executor: { ...pipeline.executor, profiles } };
}

export const setParameters = (pipeline: Pipeline, parameters: Parameter[]): Pipeline => ({ ...pipeline, parameters });
export const setVariables = (pipeline: Pipeline, variables: Variable[]): Pipeline => ({ ...pipeline, variables });
export const setFiles = (pipeline: Pipeline, files: Pipeline['files']): Pipeline => ({ ...pipeline, files: dropUndefined({ ...files }) });
export const setServices = (pipeline: Pipeline, services: Pipeline['services']): Pipeline => ({ ...pipeline, services });

/** The `magnus execute --tag` every step's command passes on; empty removes it. */
export const setTag = (pipeline: Pipeline, tag: string): Pipeline => dropUndefined({ ...pipeline, tag: tag === '' ? undefined : tag });

export function setDescription(pipeline: Pipeline, graphPath: string, description: string | undefined): Pipeline {
  return updateGraph(pipeline, graphPath, (g) => dropUndefined({ ...g, description: description === '' ? undefined : description }));
}
