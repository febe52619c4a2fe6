import { effectiveSettings, isTruthy, resolveSecret, taskSecretNames, type EffectiveSettings } from './effective';
import type { OverrideEntry, Pipeline, SecretEntry, Step } from './types';
import { variableMap } from './variables';

/**
 * Effective settings of a pipeline's steps, one object for the steps that set the same things: a
 * step's settings depend on the pipeline and on its own kfp entries and task secrets only, and most
 * steps set none. So a 1,000-step pipeline resolves a handful of settings, and the emitters render
 * the text that follows from them once per object (kfp-v2-container.ts), and the validator checks
 * them once per object. Treat them as read-only.
 */
export class StepSettings {
  private readonly bySignature = new Map<string, EffectiveSettings>();
  constructor(private readonly pipeline: Pipeline) {}

  /** The settings of a step (or of the pipeline's own containers, for none). */
  of(step: Step | undefined): EffectiveSettings {
    const secrets = taskSecretNames(step);
    const entries = step?.kfp ?? NONE;
    const signature = settingsSignature(entries, secrets);
    let settings = this.bySignature.get(signature);
    if (!settings) this.bySignature.set(signature, (settings = this.withOwnSecrets(step, entries, secrets) ?? effectiveSettings(this.pipeline, step, { resolveVariables: true })));
    return settings;
  }

  /** A step's settings, computed on first use: a cached step needs none (fragment-cache.ts). */
  lazy(step: Step): () => EffectiveSettings {
    let settings: EffectiveSettings | undefined;
    return () => (settings ??= this.of(step));
  }

  /**
   * The settings of a step whose last entry sets secrets_from_k8s: those of the same step without
   * that entry, with these secrets. Steps that read a secret of their own are each a settings
   * signature of their own, and resolving every other setting again for each (a map, a slot per
   * key, variables) was most of the cost of their settings; the rest is shared with the steps
   * that set the same things but the secrets. Undefined where that would not be what
   * effectiveSettings gives: a list that is not one (a falsy value could apply a profile), or a
   * variable left unresolved (its place in unresolvedVariables depends on the order of the keys).
   */
  private withOwnSecrets(step: Step | undefined, entries: readonly OverrideEntry[], taskSecrets: string[]): EffectiveSettings | undefined {
    const last = entries.at(-1);
    if (step === undefined || last?.key !== 'secrets_from_k8s' || !Array.isArray(last.value) || !isTruthy(last.value)) return undefined;
    const rest = entries.slice(0, -1);
    let base = this.bySignature.get(settingsSignature(rest, taskSecrets));
    if (base === undefined) this.bySignature.set(settingsSignature(rest, taskSecrets), (base = effectiveSettings(this.pipeline, { ...step, kfp: rest }, { resolveVariables: true })));
    if (base.unresolvedVariables.length > 0) return undefined;
    const unresolved = new Set<string>();
    const variables = variableMap(this.pipeline.variables);
    const value = (last.value as SecretEntry[]).map((secret) => resolveSecret(secret, variables, unresolved));
    if (unresolved.size > 0) return undefined;
    const settings: EffectiveSettings = { ...base, secrets_from_k8s: { value, source: { kind: 'step' } } };
    sameButSecrets.set(settings, base);
    return settings;
  }
}

const sameButSecrets = new WeakMap<EffectiveSettings, EffectiveSettings>();

/**
 * The settings these were made from by StepSettings with other secrets_from_k8s (every other
 * member the same object), or themselves: what follows from settings but their secrets (a
 * container's resources, most of its kfp-kubernetes config) is the same for both, and a writer
 * keeping it per settings object keeps it once for all the steps that differ only by a secret.
 */
export const besidesSecrets = (settings: EffectiveSettings): EffectiveSettings => sameButSecrets.get(settings) ?? settings;

const NONE: readonly OverrideEntry[] = [];

/** What of a step its effective settings read: '' for a step that sets nothing. */
function settingsSignature(entries: readonly OverrideEntry[], secrets: string[]): string {
  if (entries.length === 0 && secrets.length === 0) return '';
  return `${valueSignature(entries)}|${valueSignature(secrets)}`;
}
/** Tells apart every two values effectiveSettings could read differently (unlike JSON: 1 / "1", NaN / null, a key set to undefined). */
function valueSignature(value: unknown): string {
  // What valueSignature writes for text only (step entries mostly are) is its JSON: one native call.
  if (textOnly(value, 0)) return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return `${typeof value}:${String(value)}`;
  // Loops, not map/join: this runs for every step that sets something, in every cold emission.
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + valueSignature(value[i]);
    return `${text}]`;
  }
  text = '{';
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) text += `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:${valueSignature(record[keys[i]])}`;
  return `${text}}`;
}

/**
 * Whether `value` holds strings only, in arrays and in plain objects (own enumerable keys): there
 * JSON tells apart all that valueSignature does and writes the same. Not deeper than a few levels
 * (entries are shallow; a deeper value takes the slow way).
 */
function textOnly(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null || depth > 4) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!textOnly(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!textOnly(record[key], depth + 1)) return false;
  return true;
}
