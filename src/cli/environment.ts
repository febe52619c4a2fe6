import type { Json, Parameter, Variable } from '../core/model/types';

const VARIABLE_PREFIX = 'MAGNUS_VAR_';
const PARAMETER_PREFIX = 'MAGNUS_PRM_';

/** `MAGNUS_VAR_<name>`: the name after the prefix keeps its case (§6.2). Sorted, so runs are reproducible. */
export function environmentVariables(env: Record<string, string | undefined>): Variable[] {
  return Object.keys(env)
    .filter((key) => key.startsWith(VARIABLE_PREFIX) && key.length > VARIABLE_PREFIX.length)
    .sort()
    .map((key) => ({ name: key.slice(VARIABLE_PREFIX.length), value: env[key] ?? '' }));
}

/** `MAGNUS_PRM_<name>`: names lower-cased, values JSON-decoded when they can be, as magnus read them (§5). */
export function environmentParameters(env: Record<string, string | undefined>): Parameter[] {
  return Object.keys(env)
    .filter((key) => key.startsWith(PARAMETER_PREFIX) && key.length > PARAMETER_PREFIX.length)
    .sort()
    .map((key) => ({ name: key.slice(PARAMETER_PREFIX.length).toLowerCase(), value: decode(env[key] ?? '') }));
}

function decode(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
