import { OracleUnsupported } from './scenario';

/** Reading parsed YAML without trusting its shape: a wrong shape is reported, never coerced. */

export type Vars = Record<string, string>;

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new OracleUnsupported(what, `expected a mapping, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

export function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new OracleUnsupported(what, `expected a list, got ${JSON.stringify(value)}`);
  return value;
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new OracleUnsupported(what, `expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Argo's `{{name}}` substitution (Argo ignores spaces inside the braces). A name the engine could
 * not resolve would stay in the command or fail validation; either way the oracle cannot go on.
 */
export function substitute(text: string, vars: Vars, where: string): string {
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new OracleUnsupported(where, `the placeholder {{${name}}} has no value here`);
    return vars[name];
  });
}

/** Attempts in all from a retry limit written as a number or a string. */
export function attempts(limit: unknown, where: string): number {
  const retries = typeof limit === 'number' ? limit : typeof limit === 'string' ? Number(limit) : NaN;
  if (!Number.isInteger(retries) || retries < 0) throw new OracleUnsupported(where, `retry limit ${JSON.stringify(limit)}`);
  return retries + 1;
}
