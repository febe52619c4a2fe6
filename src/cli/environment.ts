import type { Json, Parameter, Variable } from '../core/model/types';

/** magnus's prefixes, then runnable's (0.6+, §11): a name set under both takes runnable's value. */
const VARIABLE_PREFIXES = ['MAGNUS_VAR_', 'RUNNABLE_VAR_'];
const PARAMETER_PREFIXES = ['MAGNUS_PRM_', 'RUNNABLE_PRM_'];

/** `MAGNUS_VAR_<name>` / `RUNNABLE_VAR_<name>`: the name after the prefix keeps its case (§6.2). Sorted, so runs are reproducible. */
export function environmentVariables(env: Record<string, string | undefined>): Variable[] {
  return byName(withPrefixes(env, VARIABLE_PREFIXES).map(({ name, text }) => ({ name, value: text })));
}

/** `MAGNUS_PRM_<name>` / `RUNNABLE_PRM_<name>`: names lower-cased, values JSON-decoded when they can be, as magnus read them (§5). */
export function environmentParameters(env: Record<string, string | undefined>): Parameter[] {
  return byName(withPrefixes(env, PARAMETER_PREFIXES).map(({ name, text }) => ({ name: name.toLowerCase(), value: decode(text) })));
}

function withPrefixes(env: Record<string, string | undefined>, prefixes: string[]): { name: string; text: string }[] {
  return prefixes.flatMap((prefix) =>
    Object.keys(env)
      .filter((key) => key.startsWith(prefix) && key.length > prefix.length)
      .sort()
      .map((key) => ({ name: key.slice(prefix.length), text: env[key] ?? '' })),
  );
}

/** One entry per name, the last one winning, in the order names first appear. */
function byName<T extends { name: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.name, item])).values()];
}

function decode(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
