import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import argoSchema from './schemas/argo-workflow.schema.json' with { type: 'json' };
import type { CheckProblem } from './types.ts';
import { at, isObject } from './values.ts';

const WORKFLOW_DEFINITION = 'io.argoproj.workflow.v1alpha1.Workflow';

/** Vendor keywords of the Kubernetes OpenAPI dialect; registered so ajv's strict mode stays on for everything else. */
const KUBERNETES_KEYWORDS = [
  'x-kubernetes-group-version-kind',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-unions',
];

let cachedValidator: ValidateFunction | undefined;

/** Compiling takes a few hundred ms, so it happens on first use and is shared afterwards. */
function workflowValidator(): ValidateFunction {
  if (!cachedValidator) {
    // allErrors: report every problem, not the first; verbose: keep the offending value for the message.
    const ajv = new Ajv2020({ allErrors: true, verbose: true });
    ajv.addVocabulary(KUBERNETES_KEYWORDS);
    addFormats(ajv);
    ajv.addSchema(closedSchema(argoSchema), 'argo');
    // The schema's root is a oneOf over five kinds (a WorkflowTemplate would pass it), so validate the Workflow only.
    cachedValidator = ajv.getSchema(`argo#/definitions/${WORKFLOW_DEFINITION}`);
    if (!cachedValidator) throw new Error(`Argo schema has no definition ${WORKFLOW_DEFINITION}`);
  }
  return cachedValidator;
}

/**
 * The published schema is open: misspelt keys (`imagePullPolicyy`, `retries`) pass it, and Argo's
 * lenient Go decoder would then drop them silently. Closing every object definition turns them into errors.
 */
function closedSchema(schema: typeof argoSchema): object {
  const copy = structuredClone(schema) as { definitions: Record<string, Record<string, unknown>> };
  for (const definition of Object.values(copy.definitions))
    if (definition.properties && !('additionalProperties' in definition)) definition.additionalProperties = false;
  return copy;
}

export function argoSchemaProblems(doc: unknown): CheckProblem[] {
  const validate = workflowValidator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(toProblem);
}

function toProblem(error: ErrorObject): CheckProblem {
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
      return { path: error.instancePath, message: `must be ${describeType(params.type)}, got ${describeValue(error.data)}` };
    default:
      return { path: error.instancePath, message: error.message ?? error.keyword };
  }
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
