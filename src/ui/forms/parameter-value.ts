import { parseDocument } from 'yaml';
import type { Json } from '../../core/model/types';

/**
 * Parameter values are typed (magnus passes `3` as an int, `abc` as a str), and are edited as one
 * line of YAML: what you would write after `name:` in the parameters file.
 */
export interface ParsedValue {
  value: Json;
  /** Set when the text was taken literally because it is not a YAML value. */
  note?: string;
}

export function parseParameterValue(text: string): ParsedValue {
  let document;
  try {
    document = parseDocument(text);
  } catch {
    return literal(text);
  }
  if (document.errors.length > 0) return literal(text);
  // A comment would be dropped on the way through the model; keep the text whole instead.
  const contents = document.contents as { comment?: string | null; commentBefore?: string | null } | null;
  if (document.comment || document.commentBefore || contents?.comment || contents?.commentBefore) return literal(text);
  const value: unknown = document.toJS();
  if (!isJson(value)) return literal(text);
  return { value };
}

const literal = (text: string): ParsedValue => ({ value: text, note: 'not a YAML value, so it is kept as text' });

/** Plain data only: `.inf`, `.nan` and the like have no JSON form, so the emitters could not carry them. */
function isJson(value: unknown): value is Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value as object).every(isJson);
  return false;
}

/** The text that parses back to `value`: strings that look like something else are quoted. */
export function parameterValueText(value: Json): string {
  if (typeof value === 'string') {
    const back = parseParameterValue(value);
    return back.note === undefined && back.value === value ? value : JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function valueTypeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
