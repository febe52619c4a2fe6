import type { Diagnostic } from '../diagnostics';
import { KUBERNETES_SETTING_KEYS, WORKFLOW_TEXT_SETTING_KEYS, type Graph, type Json, type KfpConfig, type NamedValue, type OverrideEntry, type Pipeline, type SecretEntry, type Step, type Toleration, type VolumeEntry } from '../model/types';
import { renderValue, toYaml, type RenderedYaml } from '../yaml/stringify';
import { nestingProblem } from '../model/nesting';
import { assignOwn, ownValue, setOwn } from '../own';
import { DESIGNER_KEY } from './designer-metadata';

export interface MagnusExport {
  dag: string;
  config: string;
  /** Undefined when the pipeline has no parameters. */
  parameters?: string;
  /** Nested `dag_definition` files, by the path the step names. */
  nested: Record<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Model → magnus files in the seed's dialect: `executor: {type: kfp, config: …}`, steps'
 * `executor_config: {kfp: …}`, `as-is` and `retry` (the spellings magnus ≤0.4.19 and the kfp
 * plugin read). Key order is fixed so that the same model always gives the same text.
 */
export function exportMagnus(pipeline: Pipeline): MagnusExport {
  // Written recursively; a model past the nesting limit (a damaged saved pipeline) is not written.
  const tooDeep = nestingProblem(pipeline);
  if (tooDeep) return { dag: '', config: '', nested: {}, diagnostics: [tooDeep] };
  const nested: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const nestedWriter: NestedWriter = (path, graph, stepPath) => {
    const text = toYaml({ dag: graphToYaml(graph, nestedWriter, '', TOP_STEP_INDENT) });
    const earlier = ownValue(nested, path);
    if (earlier !== undefined && earlier !== text) {
      diagnostics.push({
        code: 'W_EXPORT_NESTED_CONFLICT',
        severity: 'warning',
        step: stepPath,
        field: 'dag_definition',
        message: `another dag step also writes \`${path}\` with different steps; the first one is kept`,
      });
      return;
    }
    setOwn(nested, path, text);
  };
  const { config, dagFileServices } = configToYaml(pipeline);
  const dag = { ...dagFileServices, dag: graphToYaml(pipeline.dag, nestedWriter, '', TOP_STEP_INDENT), [DESIGNER_KEY]: designerMetadata(pipeline) };
  return {
    dag: toYaml(dag),
    // Everything may live in a magnus <0.4 dag file: the config is then an empty mapping.
    config: toYaml(config.size > 0 ? config : {}),
    ...(pipeline.parameters.length > 0 ? { parameters: toYaml(orderedMap(pipeline.parameters.map((p) => [p.name, p.value]))) } : {}),
    nested,
    diagnostics,
  };
}

type NestedWriter = (path: string, graph: Graph, stepPath: string) => void;

/**
 * Yaml is a mapping whose keys are the user's (step names, env vars, claims…): kept in a Map, as a
 * JS object would move keys such as `"1"` to the front and change the file's order.
 */
type Yaml = Json | Map<string, Yaml> | { [key: string]: Yaml } | Yaml[] | RenderedYaml;
const orderedMap = (entries: [string, Yaml][]) => new Map(entries);

/**
 * Where a step's entries are indented: `dag:` / `steps:` / the step's name / its entries, in a dag
 * file; a branch's steps go deeper by what the composite step adds (`branches: name:` or `branch:`).
 */
const TOP_STEP_INDENT = 6;
const PARALLEL_BRANCH_DEPTH = 8;
const MAP_BRANCH_DEPTH = 6;

/**
 * A step without nested dag files, written as YAML for its indentation and kept while the step
 * object is the same (the model is immutable and an edit keeps the steps it does not touch): the
 * dag.yaml tab follows every edit, and writing 1,000 steps anew cost ~35 ms a keystroke.
 */
const writtenSteps = new WeakMap<Step, { indent: number; yaml: RenderedYaml }>();

function writtenStep(step: Step, writeNested: NestedWriter, path: string, indent: number): Yaml {
  // Composite steps hold other steps (kept each) and dag steps write their files: built each time.
  if (step.type === 'parallel' || step.type === 'map' || step.type === 'dag') return stepToYaml(step, writeNested, path, indent);
  const kept = writtenSteps.get(step);
  if (kept?.indent === indent) return kept.yaml;
  const yaml = renderValue(stepToYaml(step, writeNested, path, indent), indent);
  writtenSteps.set(step, { indent, yaml });
  return yaml;
}

function graphToYaml(graph: Graph, writeNested: NestedWriter, graphPath: string, stepIndent: number): Record<string, Yaml> {
  const out: Record<string, Yaml> = {};
  if (graph.description !== undefined) out.description = graph.description;
  if (graph.start_at !== undefined) out.start_at = graph.start_at;
  assignOwn(out, graph.extra);
  out.steps = orderedMap(graph.steps.map((step) => [step.name, writtenStep(step, writeNested, graphPath === '' ? step.name : `${graphPath}.${step.name}`, stepIndent)]));
  return out;
}

function stepToYaml(step: Step, writeNested: NestedWriter, path: string, indent: number): Record<string, Yaml> {
  const out: Record<string, Yaml> = { type: step.type === 'stub' ? 'as-is' : step.type };
  const put = (key: string, value: Yaml | undefined) => {
    if (value !== undefined) out[key] = value; // own-keys: step field names
  };
  switch (step.type) {
    case 'task':
      put('command_type', step.command_type);
      put('command', step.command);
      break;
    case 'map':
      put('iterate_on', step.iterate_on);
      put('iterate_as', step.iterate_as);
      break;
    case 'dag':
      put('dag_definition', step.dag_definition);
      if (step.graph && step.dag_definition) writeNested(step.dag_definition, step.graph, path);
      break;
  }
  if (step.type !== 'success' && step.type !== 'fail') {
    put('next', step.next);
    put('on_failure', step.on_failure);
  }
  if (step.type === 'task' || step.type === 'stub') put('retry', step.max_attempts);
  if (step.type === 'task' && step.catalog) put('catalog', step.catalog as Record<string, Json>);
  if (step.type === 'parallel') {
    out.branches = orderedMap(step.branches.map((b) => [b.name, graphToYaml(b.graph, writeNested, `${path}.${b.name}`, indent + PARALLEL_BRANCH_DEPTH)]));
  }
  if (step.type === 'map') out.branch = graphToYaml(step.branch, writeNested, `${path}.map_variable_placeholder`, indent + MAP_BRANCH_DEPTH);
  if (step.kfp || step.otherOverrides) {
    out.executor_config = assignOwn<Yaml>(step.kfp ? { kfp: entriesToYaml(step.kfp) } : {}, step.otherOverrides);
  }
  assignOwn(out, step.extra);
  return out;
}

/**
 * The kfp mapping forms (`ENV: "secret:key"`, `claim: /path`); when a name repeats (an error the
 * validator reports) the list form of magnus 0.5, which the importer reads too: a mapping would keep
 * one of them, and the export must not lose what the user has.
 */
function secretsToYaml(secrets: SecretEntry[]): Yaml {
  if (!repeats(secrets.map((s) => s.env))) return orderedMap(secrets.map((s) => [s.env, s.ref]));
  return secrets.map((s) => {
    const cut = s.ref.indexOf(':');
    return { environment_variable: s.env, secret_name: cut < 0 ? s.ref : s.ref.slice(0, cut), ...(cut < 0 ? {} : { secret_key: s.ref.slice(cut + 1) }) };
  });
}

/** The kfp mapping `claim: mount path`, or the list form, which can say a volume is read-only and keeps repeated claims. */
const volumesToYaml = (volumes: VolumeEntry[]): Yaml =>
  volumes.some((v) => v.readOnly) || repeats(volumes.map((v) => v.claim))
    ? volumes.map((v) => ({ name: v.claim, mount_path: v.mountPath, ...(v.readOnly ? { read_only: true } : {}) }))
    : orderedMap(volumes.map((v) => [v.claim, v.mountPath]));

const repeats = (names: string[]) => new Set(names).size < names.length;
const namedToYaml = (values: NamedValue[]) => orderedMap(values.map((v) => [v.name, v.value]));
const tolerationsToYaml = (tolerations: Toleration[]): Yaml =>
  tolerations.map((t) => orderedMap((['key', 'operator', 'value', 'effect', 'tolerationSeconds'] as const).flatMap((k) => (t[k] !== undefined ? [[k, t[k]] as [string, Yaml]] : []))));

/** A setting's value in the kfp dialect: secrets and name/value lists as mappings, tolerations as a list. */
function settingToYaml(key: string, value: OverrideEntry['value']): Yaml {
  if (!Array.isArray(value)) return value;
  if (key === 'secrets_from_k8s') return secretsToYaml(value as SecretEntry[]);
  if (key === 'env' || key === 'node_selector' || key === 'labels' || key === 'annotations') return namedToYaml(value as NamedValue[]);
  if (key === 'tolerations') return tolerationsToYaml(value as Toleration[]);
  return value as Json;
}

function entriesToYaml(entries: OverrideEntry[]): Map<string, Yaml> {
  return orderedMap(entries.map((e) => [e.key, settingToYaml(e.key, e.value)]));
}

const CONFIG_ORDER = [
  'docker_image',
  'output_file',
  'cpu_limit',
  'memory_limit',
  'cpu_request',
  'memory_request',
  'gpu_limit',
  'enable_caching',
  'image_pull_policy',
  'enable_parallel',
  'secrets_from_k8s',
  'persistent_volumes',
  // The pod and workflow settings of the Argo executors: the kfp executor ignores keys it does not know.
  ...KUBERNETES_SETTING_KEYS,
  ...WORKFLOW_TEXT_SETTING_KEYS,
  'labels',
  'annotations',
] as const satisfies readonly (keyof KfpConfig)[];

/**
 * The config file, and the services a magnus <0.4.0 dag file carried itself (they go back there:
 * the containers of such a pipeline may run without a config file).
 */
function configToYaml(pipeline: Pipeline): { config: Map<string, Yaml>; dagFileServices: Record<string, Yaml> } {
  const { executor } = pipeline;
  const config: Record<string, Yaml> = {};
  for (const key of CONFIG_ORDER) {
    const value = executor[key];
    if (value === undefined) continue;
    // own-keys: CONFIG_ORDER
    config[key] = key === 'persistent_volumes' ? volumesToYaml(value as VolumeEntry[]) : settingToYaml(key, value as OverrideEntry['value']);
  }
  if (executor.profiles.length > 0) config.placeholders = orderedMap(executor.profiles.map((p) => [p.name, entriesToYaml(p.entries)]));
  assignOwn(config, executor.extra);
  const out = new Map<string, Yaml>();
  const dagFileServices: Record<string, Yaml> = {};
  if (executor.inDagFile) dagFileServices.mode = { type: 'kfp', config };
  else out.set('executor', { type: 'kfp', config });
  for (const service of pipeline.services) {
    const value = { ...(service.type !== undefined ? { type: service.type } : {}), ...(service.config ? { config: service.config } : {}) };
    if (service.inDagFile) setOwn(dagFileServices, service.key, value);
    else out.set(service.key, value);
  }
  return { config: out, dagFileServices };
}

function designerMetadata(pipeline: Pipeline): Record<string, Yaml> {
  const { files } = pipeline;
  const out: Record<string, Yaml> = { files: { dag: files.dag, config: files.config ?? null, parameters: files.parameters ?? null } };
  if (pipeline.variables.length > 0) out.variables = orderedMap(pipeline.variables.map((v) => [v.name, v.value]));
  if (pipeline.tag !== undefined) out.tag = pipeline.tag;
  const layout = writtenLayout(pipeline.layout);
  if (layout) out.layout = layout;
  return out;
}

/** `designer: layout:` entries' indentation. */
const LAYOUT_INDENT = 4;

/** Positions are three lines a step, and change only when steps move: kept like the steps. */
const writtenLayouts = new WeakMap<Pipeline['layout'], RenderedYaml | undefined>();

function writtenLayout(layout: Pipeline['layout']): RenderedYaml | undefined {
  if (writtenLayouts.has(layout)) return writtenLayouts.get(layout);
  const positions = Object.entries(layout);
  const yaml = positions.length > 0 ? renderValue(orderedMap(positions.map(([path, p]) => [path, [p.x, p.y]])), LAYOUT_INDENT) : undefined;
  writtenLayouts.set(layout, yaml);
  return yaml;
}
