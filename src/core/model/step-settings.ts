import { effectiveSettings, taskSecretNames, type EffectiveSettings } from './effective';
import type { Pipeline, Step } from './types';

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
    const signature = settingsSignature(step);
    let settings = this.bySignature.get(signature);
    if (!settings) this.bySignature.set(signature, (settings = effectiveSettings(this.pipeline, step, { resolveVariables: true })));
    return settings;
  }

  /** A step's settings, computed on first use: a cached step needs none (fragment-cache.ts). */
  lazy(step: Step): () => EffectiveSettings {
    let settings: EffectiveSettings | undefined;
    return () => (settings ??= this.of(step));
  }
}

/** What of a step its effective settings read: '' for a step that sets nothing. */
function settingsSignature(step: Step | undefined): string {
  const secrets = taskSecretNames(step);
  const entries = step?.kfp ?? [];
  if (entries.length === 0 && secrets.length === 0) return '';
  return `${valueSignature(entries)}|${valueSignature(secrets)}`;
}

/** Tells apart every two values effectiveSettings could read differently (unlike JSON: 1 / "1", NaN / null, a key set to undefined). */
function valueSignature(value: unknown): string {
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
