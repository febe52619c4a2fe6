import { parseAllDocuments } from 'yaml';
import type { Json } from '../core/model/types';
import { DeployError, isRecord } from './errors';

/** The IR's `parameterType` names (pipeline_spec.proto ParameterType), and what the API takes for each. */
export type ParameterType = 'STRING' | 'NUMBER_INTEGER' | 'NUMBER_DOUBLE' | 'BOOLEAN' | 'LIST' | 'STRUCT';

/** A run parameter as the pipeline file declares it. */
export interface DeclaredParameter {
  name: string;
  type: ParameterType;
  defaultValue?: Json;
  optional: boolean;
}

export type PipelineFormat = 'kfp-v2' | 'kfp-v1';

/** The old IR's `type` (PrimitiveType), which older compilers wrote instead of `parameterType`. */
const PRIMITIVE_TYPES: ReadonlyMap<string, ParameterType> = new Map([
  ['INT', 'NUMBER_INTEGER'],
  ['DOUBLE', 'NUMBER_DOUBLE'],
  ['STRING', 'STRING'],
]);
const PARAMETER_TYPES: ReadonlySet<string> = new Set(['STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT']);

/**
 * The run parameters a pipeline file declares: KFP v2 `root.inputDefinitions.parameters`, KFP v1
 * (Argo) `spec.arguments.parameters` (always strings).
 */
export function declaredParameters(text: string, format: PipelineFormat): DeclaredParameter[] {
  const document = parseAllDocuments(text, { uniqueKeys: false })[0];
  const root: unknown = document && !('empty' in document) ? document.toJS({ maxAliasCount: 0 }) : undefined;
  if (format === 'kfp-v1') {
    const parameters = isRecord(root) && isRecord(root.spec) && isRecord(root.spec.arguments) ? root.spec.arguments.parameters : undefined;
    return (Array.isArray(parameters) ? parameters : [])
      .filter(isRecord)
      .filter((p) => typeof p.name === 'string')
      .map((p) => ({ name: p.name as string, type: 'STRING' as const, ...(typeof p.value === 'string' ? { defaultValue: p.value } : {}), optional: typeof p.value === 'string' }));
  }
  const definitions = isRecord(root) && isRecord(root.root) && isRecord(root.root.inputDefinitions) ? root.root.inputDefinitions.parameters : undefined;
  if (!isRecord(definitions)) return [];
  return Object.entries(definitions)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([name, spec]) => {
      const declared = typeof spec.parameterType === 'string' && PARAMETER_TYPES.has(spec.parameterType) ? (spec.parameterType as ParameterType) : undefined;
      const type = declared ?? (typeof spec.type === 'string' ? PRIMITIVE_TYPES.get(spec.type) : undefined) ?? 'STRING';
      const hasDefault = spec.defaultValue !== undefined;
      return { name, type, ...(hasDefault ? { defaultValue: spec.defaultValue as Json } : {}), optional: spec.isOptional === true || hasDefault };
    });
}

/**
 * A value typed by text as the IR declares it (kfp-api README §3.6): the v2 API refuses a number
 * sent as a string. `where` names the value in messages ("--param epochs").
 */
export function typedValue(text: string, type: ParameterType, where: string): Json {
  const refuse = (expected: string) => new DeployError('usage', `${where}: \`${text}\` is not ${expected}, as the pipeline declares the parameter`);
  switch (type) {
    case 'STRING':
      return text;
    case 'NUMBER_INTEGER': {
      const value = Number(text.trim());
      if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw refuse('an integer');
      return value;
    }
    case 'NUMBER_DOUBLE': {
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value)) throw refuse('a number');
      return value;
    }
    case 'BOOLEAN': {
      const lower = text.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw refuse('true or false');
      return lower === 'true';
    }
    case 'LIST':
    case 'STRUCT': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw refuse(type === 'LIST' ? 'a JSON list' : 'a JSON object');
      }
      if (type === 'LIST' ? !Array.isArray(value) : !isRecord(value)) throw refuse(type === 'LIST' ? 'a JSON list' : 'a JSON object');
      return value as Json;
    }
  }
}

/** An Argo expression such as `{{workflow.uid}}`: a default the workflow fills in, not a value to send. */
const isArgoExpression = (value: Json | undefined) => typeof value === 'string' && value.includes('{{');

/**
 * The run's parameters: each declared one with its default, overridden by `overrides` (text, as
 * typed on the command line or in the dialog). Unknown names and missing required values are
 * refused before anything is created. Names are data: a Map, never object keys.
 */
export function runParameters(
  declared: readonly DeclaredParameter[],
  overrides: ReadonlyMap<string, string>,
  label: (name: string) => string = (name) => `--param ${name}`,
): Map<string, Json> {
  const byName = new Map(declared.map((p) => [p.name, p]));
  for (const name of overrides.keys()) {
    if (!byName.has(name)) {
      const known = declared.map((p) => p.name).filter((n) => !isArgoExpression(byName.get(n)?.defaultValue));
      throw new DeployError('usage', `${label(name)}: the pipeline has no parameter \`${name}\` (${known.length > 0 ? `it has ${known.join(', ')}` : 'it has none'})`);
    }
  }
  const values = new Map<string, Json>();
  for (const parameter of declared) {
    const override = overrides.get(parameter.name);
    if (override !== undefined) values.set(parameter.name, typedValue(override, parameter.type, label(parameter.name)));
    else if (parameter.defaultValue !== undefined) {
      if (!isArgoExpression(parameter.defaultValue)) values.set(parameter.name, parameter.defaultValue);
    } else if (!parameter.optional) throw new DeployError('usage', `the pipeline's parameter \`${parameter.name}\` has no default: give it a value (${label(parameter.name)})`);
  }
  return values;
}

/** v1beta1 wants every value as a string, lists and mappings JSON-encoded (README §4). */
export const v1ParameterValue = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));
