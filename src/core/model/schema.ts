/**
 * The shape of the pipeline model as data, for what comes back from outside the program's own
 * hands — a save in the browser's storage, which an older or newer designer, another tab or a
 * person may have written. One description, checked against the model's types at compile time
 * (the `Same` assertions below fail the typecheck when the two drift apart), so a restore checks
 * every field the model has, and nothing the model does not have passes (objects are strict).
 */
import * as v from 'valibot';
import { LIST_SETTING_KEYS, STEP_SETTING_KEYS, type Branch, type Graph, type Json, type OverrideEntry, type Pipeline, type Step } from './types';

/** Exactly the same type, both ways (a plain `extends` would let either side drift). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(proof: Same<A, B>) => proof;

const isPlainRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A map with user keys. Valibot's `record` skips keys such as `constructor` and `__proto__`,
 * which users may well write (a step called `constructor`); every own key is checked here.
 */
const recordOf = <T>(entry: v.GenericSchema<T>) => v.custom<Record<string, T>>((value) => isPlainRecord(value) && Object.values(value).every((item) => v.is(entry, item)), 'a mapping');

/** Any JSON value. What JSON.parse gives is always one; the check walks it without recursion, whatever its depth. */
const JsonSchema = v.custom<Json>((value) => {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) continue;
    if (Array.isArray(item)) stack.push(...item);
    else if (isPlainRecord(item)) stack.push(...Object.values(item));
    else return false;
  }
  return true;
}, 'JSON data');

const SecretEntrySchema = v.strictObject({ env: v.string(), ref: v.string() });
const VolumeEntrySchema = v.strictObject({ claim: v.string(), mountPath: v.string(), readOnly: v.optional(v.boolean()) });
const NamedValueSchema = v.strictObject({ name: v.string(), value: v.string() });
const TolerationSchema = v.strictObject({
  key: v.optional(v.string()),
  operator: v.optional(v.string()),
  value: v.optional(v.string()),
  effect: v.optional(v.string()),
  tolerationSeconds: v.optional(v.string()),
});

/** Known list settings hold their normalised value (or null for "apply the placeholder"); other keys anything. */
const OverrideEntrySchema: v.GenericSchema<OverrideEntry> = v.union([
  v.strictObject({ key: v.literal('secrets_from_k8s'), value: v.nullable(v.array(SecretEntrySchema)) }),
  v.strictObject({ key: v.picklist(['env', 'node_selector']), value: v.nullable(v.array(NamedValueSchema)) }),
  v.strictObject({ key: v.literal('tolerations'), value: v.nullable(v.array(TolerationSchema)) }),
  v.strictObject({ key: v.pipe(v.string(), v.notValues([...LIST_SETTING_KEYS])), value: JsonSchema }),
]);

const ProfileSchema = v.strictObject({ name: v.string(), entries: v.array(OverrideEntrySchema) });

const stepSettings = {
  docker_image: v.optional(v.string()),
  cpu_limit: v.optional(v.string()),
  memory_limit: v.optional(v.string()),
  cpu_request: v.optional(v.string()),
  memory_request: v.optional(v.string()),
  gpu_limit: v.optional(v.string()),
  image_pull_policy: v.optional(v.string()),
  secrets_from_k8s: v.optional(v.array(SecretEntrySchema)),
  env: v.optional(v.array(NamedValueSchema)),
  node_selector: v.optional(v.array(NamedValueSchema)),
  tolerations: v.optional(v.array(TolerationSchema)),
  active_deadline_seconds: v.optional(v.string()),
  timeout: v.optional(v.string()),
  retry_limit: v.optional(v.string()),
  retry_policy: v.optional(v.string()),
  backoff_duration: v.optional(v.string()),
  backoff_factor: v.optional(v.string()),
  backoff_max_duration: v.optional(v.string()),
  parallelism: v.optional(v.string()),
} satisfies Record<(typeof STEP_SETTING_KEYS)[number], v.GenericSchema>;

const KfpConfigSchema = v.strictObject({
  ...stepSettings,
  output_file: v.optional(v.string()),
  enable_caching: v.optional(v.boolean()),
  enable_parallel: v.optional(v.boolean()),
  persistent_volumes: v.optional(v.array(VolumeEntrySchema)),
  generate_name: v.optional(v.string()),
  namespace: v.optional(v.string()),
  service_account: v.optional(v.string()),
  workflow_parallelism: v.optional(v.string()),
  workflow_active_deadline_seconds: v.optional(v.string()),
  log_level: v.optional(v.string()),
  secret_from_k8s: v.optional(v.string()),
  pvc_for_runnable: v.optional(v.string()),
  labels: v.optional(v.array(NamedValueSchema)),
  annotations: v.optional(v.array(NamedValueSchema)),
  profiles: v.array(ProfileSchema),
  extra: v.optional(recordOf(JsonSchema)),
  inDagFile: v.optional(v.boolean()),
});

const CatalogSchema = v.strictObject({ get: v.optional(v.array(v.string())), put: v.optional(v.array(v.string())), compute_data_folder: v.optional(v.string()) });

const stepBase = {
  name: v.string(),
  kfp: v.optional(v.array(OverrideEntrySchema)),
  otherOverrides: v.optional(recordOf(JsonSchema)),
  extra: v.optional(recordOf(JsonSchema)),
};
const flowing = { next: v.optional(v.string()), on_failure: v.optional(v.string()) };
const attempts = v.optional(v.pipe(v.number(), v.finite()));

const GraphSchema: v.GenericSchema<Graph> = v.lazy(() =>
  v.strictObject({ start_at: v.optional(v.string()), description: v.optional(v.string()), steps: v.array(StepSchema), extra: v.optional(recordOf(JsonSchema)) }),
);
const BranchSchema: v.GenericSchema<Branch> = v.strictObject({ name: v.string(), graph: GraphSchema });

const TaskStepSchema = v.strictObject({
  ...stepBase,
  ...flowing,
  type: v.literal('task'),
  command: v.optional(v.string()),
  command_type: v.optional(v.string()),
  catalog: v.optional(CatalogSchema),
  max_attempts: attempts,
});
const StubStepSchema = v.strictObject({ ...stepBase, ...flowing, type: v.literal('stub'), max_attempts: attempts });
const SuccessStepSchema = v.strictObject({ ...stepBase, type: v.literal('success') });
const FailStepSchema = v.strictObject({ ...stepBase, type: v.literal('fail') });
const ParallelStepSchema = v.strictObject({ ...stepBase, ...flowing, type: v.literal('parallel'), branches: v.array(BranchSchema) });
const MapStepSchema = v.strictObject({ ...stepBase, ...flowing, type: v.literal('map'), iterate_on: v.optional(v.string()), iterate_as: v.optional(v.string()), branch: GraphSchema });
const DagStepSchema = v.strictObject({ ...stepBase, ...flowing, type: v.literal('dag'), dag_definition: v.optional(v.string()), graph: v.optional(GraphSchema) });

const StepSchema: v.GenericSchema<Step> = v.variant('type', [TaskStepSchema, StubStepSchema, SuccessStepSchema, FailStepSchema, ParallelStepSchema, MapStepSchema, DagStepSchema]);

const PositionSchema = v.strictObject({ x: v.pipe(v.number(), v.finite()), y: v.pipe(v.number(), v.finite()) });

export const PipelineSchema = v.strictObject({
  dag: GraphSchema,
  executor: KfpConfigSchema,
  services: v.array(v.strictObject({ key: v.string(), type: v.optional(v.string()), config: v.optional(recordOf(JsonSchema)), inDagFile: v.optional(v.boolean()) })),
  parameters: v.array(v.strictObject({ name: v.string(), value: JsonSchema })),
  variables: v.array(v.strictObject({ name: v.string(), value: v.string() })),
  files: v.strictObject({ dag: v.string(), config: v.optional(v.string()), parameters: v.optional(v.string()) }),
  tag: v.optional(v.string()),
  layout: recordOf(PositionSchema),
});

// The description is the model, field for field: these fail the typecheck when either changes alone.
same<v.InferOutput<typeof PipelineSchema>, Pipeline>(true);
same<v.InferOutput<typeof TaskStepSchema>, Extract<Step, { type: 'task' }>>(true);
same<v.InferOutput<typeof StubStepSchema>, Extract<Step, { type: 'stub' }>>(true);
same<v.InferOutput<typeof SuccessStepSchema>, Extract<Step, { type: 'success' }>>(true);
same<v.InferOutput<typeof FailStepSchema>, Extract<Step, { type: 'fail' }>>(true);
same<v.InferOutput<typeof ParallelStepSchema>, Extract<Step, { type: 'parallel' }>>(true);
same<v.InferOutput<typeof MapStepSchema>, Extract<Step, { type: 'map' }>>(true);
same<v.InferOutput<typeof DagStepSchema>, Extract<Step, { type: 'dag' }>>(true);
same<v.InferOutput<typeof KfpConfigSchema>, Pipeline['executor']>(true);

/** Where a value first departs from the model: `dag.steps[0]: expected an object, got null`. */
/** `path`: where the first problem is (keys and indexes), when the check got that far. */
export type ShapeCheck = { ok: true; pipeline: Pipeline } | { ok: false; problem: string; path?: (string | number)[] };

export function checkPipelineShape(value: unknown): ShapeCheck {
  let result: v.SafeParseResult<typeof PipelineSchema>;
  try {
    result = v.safeParse(PipelineSchema, value, { abortEarly: true });
  } catch (error) {
    // Nesting deeper than the stack (no designer writes that): not a pipeline it can restore.
    return { ok: false, problem: `it cannot be checked (${error instanceof Error ? error.message : String(error)})` };
  }
  // The value itself, not valibot's copy: a copy would drop keys such as `constructor` from maps.
  if (result.success) return { ok: true, pipeline: value as Pipeline };
  const issue = result.issues[0];
  const where = v.getDotPath(issue);
  const path = issue.path?.map((item) => item.key).filter((key): key is string | number => typeof key === 'string' || typeof key === 'number');
  return { ok: false, problem: `${where ?? 'the pipeline'}: ${describeIssue(issue)}`, ...(path ? { path } : {}) };
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'missing';
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'not a field of the pipeline model';
  return issue.kind === 'schema' && issue.expected ? `expected ${issue.expected}, found ${issue.received}` : issue.message;
}
