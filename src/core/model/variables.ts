import type { Variable } from './types';

/**
 * Python `string.Template.safe_substitute`, which magnus 0.4 ran over its files (§6.2): `$$` is a
 * literal `$`, `$name` and `${name}` are replaced when known and left untouched when not.
 * Identifiers are ASCII letters, digits and `_`, not starting with a digit (case-insensitive).
 */
const TEMPLATE = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g;

export interface Substitution {
  text: string;
  /** Names referenced but not supplied, in order of first use. */
  unresolved: string[];
}

export function substituteVariables(text: string, variables: ReadonlyMap<string, string>): Substitution {
  if (!text.includes('$')) return { text, unresolved: [] };
  const unresolved: string[] = [];
  const out = text.replace(TEMPLATE, (match, dollar: string | undefined, bare: string | undefined, braced: string | undefined) => {
    if (dollar) return '$';
    const name = (bare ?? braced)!;
    const value = variables.get(name);
    if (value !== undefined) return value;
    if (!unresolved.includes(name)) unresolved.push(name);
    return match;
  });
  return { text: out, unresolved };
}

/** Names a text refers to as variables, whether or not they are known. */
export function referencedVariables(text: string): string[] {
  return substituteVariables(text, new Map()).unresolved;
}

const maps = new WeakMap<readonly Variable[], ReadonlyMap<string, string>>();

/** Name → value; computed once per (immutable) variables list, as every step's settings ask for it. */
export function variableMap(variables: readonly Variable[]): ReadonlyMap<string, string> {
  let map = maps.get(variables);
  if (!map) maps.set(variables, (map = new Map(variables.map((v) => [v.name, v.value]))));
  return map;
}
