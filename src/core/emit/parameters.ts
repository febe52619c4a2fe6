import type { Json, Parameter } from '../model/types';

/**
 * A parameter's value as the text a workflow parameter carries. magnus JSON-decodes
 * `MAGNUS_PRM_*` values when it can (§5), so a string is passed raw only when decoding would not
 * change it; `"3"` or `"true"` (strings that look like JSON) and lists/mappings travel as JSON.
 */
export function parameterText(value: Json): string {
  if (typeof value === 'string') return decodesToOtherThanItself(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

function decodesToOtherThanItself(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const parameterEnvName = (parameter: Parameter) => `MAGNUS_PRM_${parameter.name}`;
