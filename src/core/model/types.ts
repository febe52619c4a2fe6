/**
 * The pipeline model: the single source of truth of the designer and the CLI.
 *
 * It mirrors magnus's semantics (docs/magnus-dag-spec.md) rather than any one file dialect, so
 * that every era imports into it and it exports back to the seed dialect. It deliberately keeps
 * invalid states representable (an empty `next`, a quantity like `1.5 cores`): the designer
 * edits through them, and the validator, not the type system, reports them.
 *
 * Ordered maps are arrays of entries, because YAML mapping order is meaningful to users and to
 * magnus (override precedence, volume names) and JS objects reorder integer-like keys.
 */

export type StepType = 'task' | 'stub' | 'success' | 'fail' | 'parallel' | 'map' | 'dag';

/** Any value YAML can carry once parsed (plain data only). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `EnvVar=SecretName:Key`: `ref` is kept raw ("SecretName:Key") so a malformed import stays visible. */
export interface SecretEntry {
  env: string;
  ref: string;
}

export interface VolumeEntry {
  claim: string;
  mountPath: string;
  /** runnable's `custom_volumes[].persistent_volume_claim.read_only`; absent = read-write. */
  readOnly?: boolean;
}

/**
 * A name and a text value, in the order written: a container's environment variable, a node
 * selector label, a workflow label or annotation. A `type`, not an interface, so it is plain data.
 */
export type NamedValue = { name: string; value: string };

/** A Kubernetes toleration as written (runnable's `tolerations`); values kept as text so bad ones stay visible. */
export type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: string };

/**
 * Pod settings of magnus's and runnable's Argo executors (§6.3, §10.1) that the kfp executor
 * never had. The model carries them in the same way (global value, profiles, step overrides);
 * export writes them into the kfp config, whose executor ignores keys it does not know (pydantic v1).
 */
export const POD_TEXT_SETTING_KEYS = ['active_deadline_seconds', 'timeout', 'retry_limit', 'retry_policy', 'backoff_duration', 'backoff_factor', 'backoff_max_duration', 'parallelism'] as const;
export const KUBERNETES_SETTING_KEYS = ['env', 'node_selector', 'tolerations', ...POD_TEXT_SETTING_KEYS] as const;

/** Settings of the whole workflow that are one text each (global only). */
export const WORKFLOW_TEXT_SETTING_KEYS = [
  'generate_name',
  'namespace',
  'service_account',
  'workflow_parallelism',
  'workflow_active_deadline_seconds',
  'log_level',
  'secret_from_k8s',
  'pvc_for_runnable',
] as const;

/** The kfp executor's own settings that are one text each. */
export const KFP_TEXT_SETTING_KEYS = ['docker_image', 'cpu_limit', 'memory_limit', 'cpu_request', 'memory_request', 'gpu_limit', 'image_pull_policy'] as const;
export type KubernetesSettingKey = (typeof KUBERNETES_SETTING_KEYS)[number];

/** Settings whose value is a list (of secrets, name/value pairs or tolerations), not one text. */
export const LIST_SETTING_KEYS = ['secrets_from_k8s', 'env', 'node_selector', 'tolerations'] as const;

/**
 * The keys of the kfp executor config a step may override (docs §9.2, "per-step override
 * honoured?" = yes). Values are strings in the model; `gpu_limit` too, so `"1.5"` stays visible.
 */
export const STEP_SETTING_KEYS = [...KFP_TEXT_SETTING_KEYS, 'secrets_from_k8s', ...KUBERNETES_SETTING_KEYS] as const;
export type StepSettingKey = (typeof STEP_SETTING_KEYS)[number];

export interface StepSettings {
  docker_image?: string;
  cpu_limit?: string;
  memory_limit?: string;
  cpu_request?: string;
  memory_request?: string;
  gpu_limit?: string;
  image_pull_policy?: string;
  secrets_from_k8s?: SecretEntry[];
  /** Plain environment variables of the container. */
  env?: NamedValue[];
  node_selector?: NamedValue[];
  tolerations?: Toleration[];
  /** Kubernetes `activeDeadlineSeconds` of the step's pod (runnable `activeDeadlineSeconds`, magnus 0.5 `max_step_duration_in_seconds`). */
  active_deadline_seconds?: string;
  /** Argo template `timeout` (a duration such as `2h`). */
  timeout?: string;
  /** Retries of the step's container when the step has no magnus `max_attempts`/`retry` of its own. */
  retry_limit?: string;
  retry_policy?: string;
  backoff_duration?: string;
  backoff_factor?: string;
  backoff_max_duration?: string;
  /** Branches (parallel) or items (map) run at once; only composite steps use it. */
  parallelism?: string;
}

/**
 * One `key: value` line of a step's `executor_config.kfp` (or of a placeholder profile), in the
 * order written. Magnus applies them in order (§7.1): a truthy value replaces the key; a falsy
 * value whose key names a placeholder merges that placeholder; any other falsy value is set as is.
 * Known keys hold normalised values (strings, SecretEntry[]); unknown keys are kept verbatim.
 */
export interface OverrideEntry {
  key: string;
  value: SettingValue;
}

/** What a setting can hold: text and YAML data, or one of the model's list shapes. */
export type SettingValue = Json | SecretEntry[] | NamedValue[] | Toleration[];

/** A named placeholder (0.4.x `placeholders`) or override (0.5 `overrides`) of the executor config. */
export interface Profile {
  name: string;
  entries: OverrideEntry[];
}

/** The global kfp executor config (`executor: {type: kfp, config: …}`); undefined = magnus default. */
export interface KfpConfig extends StepSettings {
  output_file?: string;
  enable_caching?: boolean;
  enable_parallel?: boolean;
  persistent_volumes?: VolumeEntry[];
  /**
   * runnable ≥0.20's `pvc_for_runnable`: a claim mounted at /tmp in every container, where
   * runnable's Argo pods keep file-system run logs (/tmp/run_logs) and catalogs (/tmp/catalog).
   */
  pvc_for_runnable?: string;
  /** runnable's `secret_from_k8s`: the Secret whose keys a task's `secrets: [X]` reads, each into env `X`. */
  secret_from_k8s?: string;
  /** The workflow's service account (Argo `spec.serviceAccountName`). */
  service_account?: string;
  /** Argo `metadata.namespace`. */
  namespace?: string;
  /** Argo `metadata.generateName`, e.g. `train-`. */
  generate_name?: string;
  /** Workflow labels and annotations (Argo `metadata`). */
  labels?: NamedValue[];
  annotations?: NamedValue[];
  /** Argo `spec.parallelism`: pods of the whole workflow that run at once. */
  workflow_parallelism?: string;
  /** Argo `spec.activeDeadlineSeconds`: the whole workflow's time limit. */
  workflow_active_deadline_seconds?: string;
  /** `--log-level` of every container's magnus command (runnable `log_level`). */
  log_level?: string;
  profiles: Profile[];
  /** Keys of the executor config that are not kfp keys, kept verbatim for export. */
  extra?: Record<string, Json>;
  /** Written as `mode:` in the dag file, where magnus <0.4.0 read it (export writes it back there). */
  inDagFile?: boolean;
}

export interface Catalog {
  get?: string[];
  put?: string[];
  compute_data_folder?: string;
}

interface StepBase {
  name: string;
  /** Step overrides for the kfp executor, in the order written (§7). */
  kfp?: OverrideEntry[];
  /** Overrides addressed to other executors (argo, local-container…), kept verbatim. */
  otherOverrides?: Record<string, Json>;
  /** Keys the model does not interpret, kept verbatim so nothing the user wrote is lost. */
  extra?: Record<string, Json>;
}

interface Flowing {
  next?: string;
  on_failure?: string;
}

export interface TaskStep extends StepBase, Flowing {
  type: 'task';
  command?: string;
  command_type?: string;
  catalog?: Catalog;
  /** magnus `retry` (≤0.4) / `max_attempts` (0.5+): attempts in all, 1 = run once. */
  max_attempts?: number;
}

export interface StubStep extends StepBase, Flowing {
  type: 'stub';
  max_attempts?: number;
}

export interface SuccessStep extends StepBase {
  type: 'success';
}

export interface FailStep extends StepBase {
  type: 'fail';
}

export interface Branch {
  name: string;
  graph: Graph;
}

export interface ParallelStep extends StepBase, Flowing {
  type: 'parallel';
  branches: Branch[];
}

export interface MapStep extends StepBase, Flowing {
  type: 'map';
  iterate_on?: string;
  iterate_as?: string;
  branch: Graph;
}

export interface DagStep extends StepBase, Flowing {
  type: 'dag';
  dag_definition?: string;
  /** The graph of the `dag_definition` file, when that file was supplied. */
  graph?: Graph;
}

export type Step = TaskStep | StubStep | SuccessStep | FailStep | ParallelStep | MapStep | DagStep;
export type FlowStep = Exclude<Step, SuccessStep | FailStep>;
export type CompositeStep = ParallelStep | MapStep | DagStep;

export interface Graph {
  start_at?: string;
  description?: string;
  steps: Step[];
  /** Graph-level keys magnus ignores (`max_time`, `name`…), kept verbatim. */
  extra?: Record<string, Json>;
}

export interface Parameter {
  name: string;
  value: Json;
}

export interface Variable {
  name: string;
  value: string;
}

/** Another service of the magnus config (run log store, catalog, secrets…), kept as written. */
export interface Service {
  /** The key as written in the config file, e.g. `run_log_store` or `run-log-store`. */
  key: string;
  type?: string;
  config?: Record<string, Json>;
  /** Written in the dag file, where magnus <0.4.0 read it when the config file had none. */
  inDagFile?: boolean;
}

/** Paths of the magnus files as the containers see them: every step's command names them. */
export interface ImageFiles {
  dag: string;
  config?: string;
  parameters?: string;
}

export interface Position {
  x: number;
  y: number;
}

export interface Pipeline {
  dag: Graph;
  executor: KfpConfig;
  services: Service[];
  parameters: Parameter[];
  /** Values for `${name}`/`$name` (magnus `MAGNUS_VAR_name`), resolved when emitting. */
  variables: Variable[];
  files: ImageFiles;
  /** `magnus execute --tag`, passed on to every step's command. */
  tag?: string;
  /** Canvas positions by step path; never read by the core's semantics. */
  layout: Record<string, Position>;
}
