/**
 * Editing one setting on several steps at once. Each function is a pure change of the whole
 * pipeline built from the single-step actions, so the store applies it as ONE undo step and every
 * step ends up exactly as if the setting had been typed into its own form.
 */
import { resetStepOverride, setStepFields, setStepOverride } from '../../../core/model/settings-actions';
import { effectiveSettings } from '../../../core/model/effective';
import { findStep } from '../../../core/model/paths';
import type { LIST_SETTING_KEYS, Pipeline, SecretEntry, Step, StepSettingKey, StepType } from '../../../core/model/types';
import { overrideText } from '../step/step-fields';

/** What a batch field writes: a Kubeflow override (steps that run a container) or max_attempts (tasks and stubs). */
export type BatchFieldKind = 'override' | 'attempts';

/** Same rule as the single-step form: composites run no container of their own. */
const TAKES: Record<BatchFieldKind, ReadonlySet<StepType>> = {
  override: new Set(['task', 'stub', 'success', 'fail']),
  attempts: new Set(['task', 'stub']),
};

export interface BatchTargets {
  /** The selected steps the field applies to, in selection order. */
  applies: string[];
  /** The others, with their type, so the form can say why they were left out. */
  skipped: { path: string; type: StepType }[];
}

export function batchTargets(pipeline: Pipeline, paths: readonly string[], kind: BatchFieldKind): BatchTargets {
  const applies: string[] = [];
  const skipped: BatchTargets['skipped'] = [];
  for (const path of paths) {
    const step = findStep(pipeline, path)?.step;
    if (!step) continue;
    if (TAKES[kind].has(step.type)) applies.push(path);
    else skipped.push({ path, type: step.type });
  }
  return { applies, skipped };
}

const stepAt = (pipeline: Pipeline, path: string): Step => findStep(pipeline, path)!.step;

function forEachTarget(pipeline: Pipeline, paths: readonly string[], kind: BatchFieldKind, change: (p: Pipeline, path: string) => Pipeline): Pipeline {
  return batchTargets(pipeline, paths, kind).applies.reduce(change, pipeline);
}

export const setOverrideOnAll = (pipeline: Pipeline, paths: readonly string[], key: StepSettingKey, value: string): Pipeline =>
  forEachTarget(pipeline, paths, 'override', (p, path) => setStepOverride(p, path, key, value));

/** Back to inheriting, on every selected step that overrides `key` (the others are left untouched). */
export const resetOverrideOnAll = (pipeline: Pipeline, paths: readonly string[], key: StepSettingKey): Pipeline =>
  forEachTarget(pipeline, paths, 'override', (p, path) => (writesKey(stepAt(p, path), key) ? resetStepOverride(p, path, key) : p));

/** undefined: magnus's default (run once). */
export const setAttemptsOnAll = (pipeline: Pipeline, paths: readonly string[], attempts: number | undefined): Pipeline =>
  forEachTarget(pipeline, paths, 'attempts', (p, path) => (attemptsOf(stepAt(p, path)) === attempts ? p : setStepFields(p, path, { max_attempts: attempts })));

/**
 * A step's secrets replace the pipeline's whole list (magnus does not merge them), so adding one
 * writes the step's effective list plus the new secret, the way the single-step form does. A step
 * that already maps the variable gets the new reference in that row.
 */
export const addSecretToAll = (pipeline: Pipeline, paths: readonly string[], entry: SecretEntry): Pipeline =>
  forEachTarget(pipeline, paths, 'override', (p, path) => {
    const current = effectiveSettings(p, stepAt(p, path)).secrets_from_k8s.value;
    const has = current.findIndex((s) => s.env === entry.env);
    if (has >= 0 && current[has].ref === entry.ref) return p;
    const next = has >= 0 ? current.map((s, i) => (i === has ? { ...entry } : s)) : [...current, { ...entry }];
    return setStepOverride(p, path, 'secrets_from_k8s', next);
  });

/** Removes the variable from every selected step that has it (inherited or its own). */
export const removeSecretFromAll = (pipeline: Pipeline, paths: readonly string[], env: string): Pipeline =>
  forEachTarget(pipeline, paths, 'override', (p, path) => {
    const current = effectiveSettings(p, stepAt(p, path)).secrets_from_k8s.value;
    if (!current.some((s) => s.env === env)) return p;
    return setStepOverride(p, path, 'secrets_from_k8s', current.filter((s) => s.env !== env));
  });

const writesKey = (step: Step, key: string) => step.kfp?.some((e) => e.key === key) ?? false;
const attemptsOf = (step: Step) => (step.type === 'task' || step.type === 'stub' ? step.max_attempts : undefined);

/** What a batch field shows: the value all targets share, or that they differ, and how many override it. */
export interface BatchValue {
  /** The text the field holds: the override all targets write, if they all write the same one. */
  text: string;
  /** The effective value all targets run with; undefined when they differ ("mixed"). */
  common: string | undefined;
  mixed: boolean;
  overridden: number;
  total: number;
}

export function batchOverrideValue(pipeline: Pipeline, targets: readonly string[], key: Exclude<StepSettingKey, (typeof LIST_SETTING_KEYS)[number]>): BatchValue {
  const effective = new Set<string>();
  const written = new Set<string | undefined>();
  let overridden = 0;
  for (const path of targets) {
    const step = stepAt(pipeline, path);
    const setting = effectiveSettings(pipeline, step)[key];
    effective.add(setting.value ?? '');
    const own = setting.source.kind === 'step' ? overrideText(step, key) : undefined;
    written.add(own);
    if (own !== undefined) overridden++;
  }
  return summary(effective, written, overridden, targets.length);
}

export function batchAttemptsValue(pipeline: Pipeline, targets: readonly string[]): BatchValue {
  const values = targets.map((path) => attemptsOf(stepAt(pipeline, path)));
  const effective = new Set(values.map((v) => String(v ?? 1)));
  const written = new Set(values.map((v) => (v === undefined ? undefined : String(v))));
  return summary(effective, written, values.filter((v) => v !== undefined).length, targets.length);
}

function summary(effective: Set<string>, written: Set<string | undefined>, overridden: number, total: number): BatchValue {
  const mixed = effective.size > 1;
  const [only] = written;
  return { text: written.size === 1 && only !== undefined ? only : '', common: mixed ? undefined : [...effective][0], mixed, overridden, total };
}

/** Every secret variable any target runs with, with the steps that have it, in first-seen order. */
export function batchSecrets(pipeline: Pipeline, targets: readonly string[]): { env: string; refs: string[]; steps: number }[] {
  const byEnv = new Map<string, { env: string; refs: string[]; steps: number }>();
  for (const path of targets) {
    for (const s of effectiveSettings(pipeline, stepAt(pipeline, path)).secrets_from_k8s.value) {
      const row = byEnv.get(s.env) ?? { env: s.env, refs: [], steps: 0 };
      if (!row.refs.includes(s.ref)) row.refs.push(s.ref);
      row.steps++;
      byEnv.set(s.env, row);
    }
  }
  return [...byEnv.values()];
}

/** How many targets write their own list of secrets (Reset then means something). */
export const secretsOverridden = (pipeline: Pipeline, targets: readonly string[]): number =>
  targets.filter((path) => writesKey(stepAt(pipeline, path), 'secrets_from_k8s')).length;
