import type { ErrorObject } from 'ajv';
import validateWorkflow from './generated/argo-workflow-validator.js';
import type { CheckProblem } from './types.ts';
import { at, isObject } from './values.ts';

/**
 * The Argo Workflow schema, closed against unknown keys, as ajv's standalone code generated at build
 * time (scripts/precompile-checkers.ts): compiling the schema here took 0.5–1.3 s at every start.
 */
export function argoSchemaProblems(doc: unknown): CheckProblem[] {
  if (validateWorkflow(doc)) return [];
  return (validateWorkflow.errors ?? []).map((error) => toProblem(error, doc));
}

function toProblem(error: ErrorObject, doc: unknown): CheckProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        path: at(error.instancePath, String(params.additionalProperty)),
        message: `unknown key "${String(params.additionalProperty)}" (not in the Argo Workflow schema; Argo would silently ignore it)`,
      };
    case 'required':
      return { path: error.instancePath, message: `missing required key "${String(params.missingProperty)}"` };
    case 'const':
      return { path: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum':
      return { path: error.instancePath, message: `must be one of ${formatList(params.allowedValues)}` };
    case 'type':
      return { path: error.instancePath, message: `must be ${describeType(params.type)}, got ${describeValue(valueAt(doc, error.instancePath))}` };
    default:
      return { path: error.instancePath, message: error.message ?? error.keyword };
  }
}

/** The value a JSON pointer from ajv names (RFC 6901: `~1` is `/`, `~0` is `~`). */
function valueAt(doc: unknown, pointer: string): unknown {
  let value = doc;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    value = Array.isArray(value) ? value[Number(key)] : isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  }
  return value;
}

function describeType(type: unknown): string {
  const name = String(type);
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'a mapping';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function formatList(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : String(values);
}
