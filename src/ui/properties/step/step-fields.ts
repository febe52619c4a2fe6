import type { Catalog, OverrideEntry, Step } from '../../../core/model/types';
import type { Parsed } from '../../forms/DraftField';

/** The catalog with one list replaced; empty lists and an empty catalog disappear rather than export as `[]`. */
export function withCatalogList(catalog: Catalog | undefined, key: 'get' | 'put', globs: readonly string[]): Catalog | undefined {
  const next: Catalog = { ...catalog };
  if (globs.length > 0) next[key] = [...globs]; // own-keys: get or put
  else delete next[key];
  return Object.keys(next).length > 0 ? next : undefined;
}

export const globsText = (globs: readonly string[] | undefined) => (globs ?? []).join('\n');

/** One glob per line; blank lines are spacing, not globs. */
export const parseGlobs = (text: string): Parsed<string[]> => ({ value: text.split('\n').map((line) => line.trim()).filter((line) => line !== '') });

export const attemptsText = (attempts: number | undefined) => (attempts === undefined ? '' : String(attempts));

/**
 * Any number is kept (the validator explains why 0 or 1.5 will not do); only text that is no
 * number at all is refused, since the model could not hold it.
 */
export function parseAttempts(text: string): Parsed<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return { error: `${JSON.stringify(trimmed)} is not a number; write how many attempts in all (e.g. 3)` };
  return { value: number };
}

/** A written override value as the text its field shows. */
export function overrideText(step: Step, key: string): string | undefined {
  const entry = step.kfp?.find((e) => e.key === key);
  if (!entry) return undefined;
  return valueText(entry.value);
}

export function valueText(value: OverrideEntry['value']): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
