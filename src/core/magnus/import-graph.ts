import { joinPath, MAP_BRANCH, DAG_BRANCH } from '../model/paths';
import type { Branch, Catalog, Graph, Json, Step, StepType } from '../model/types';
import type { YamlPath } from '../yaml/source';
import { describeCount, MAX_STEP_NESTING, MAX_STEPS } from '../limits';
import { nestingTooDeep } from '../model/nesting';
import { setOwn } from '../own';
import { MARKERS } from './era';
import { describeType, isMapping, type FileCursor, type ImportContext } from './import-context';
import { readOverrideEntries, readString, readStringList } from './import-values';

/** Resolves a `dag_definition` path to the graph of that file (or reports why it cannot). */
export type NestedDagLoader = (path: string, from: { cursor: FileCursor; yamlPath: YamlPath; stepPath: string }) => Graph | undefined;

const TYPE_ALIASES = new Map<string, StepType>([
  ['task', 'task'],
  ['stub', 'stub'],
  ['as-is', 'stub'],
  ['success', 'success'],
  ['fail', 'fail'],
  ['parallel', 'parallel'],
  ['map', 'map'],
  ['dag', 'dag'],
]);

/** Keys of a task that magnus reads but the KFP output does not need: kept verbatim and exported back. */
const KNOWN_PASSTHROUGH = new Set([
  'command_config',
  'notebook_output_path',
  'optional_ploomber_args',
  'output_cell_tag',
  'returns',
  'secrets',
  'reducer',
  'image',
  'context_path',
  'data_folder',
  'output_parameters_file',
]);

const GRAPH_KEYS = new Set(['start_at', 'steps', 'description']);

export function importGraph(ctx: ImportContext, cursor: FileCursor, yamlPath: YamlPath, raw: Json, graphPath: string, loadNested: NestedDagLoader): Graph {
  const graph: Graph = { steps: [] };
  if (!isMapping(raw)) {
    ctx.report(cursor, yamlPath, 'error', 'E_IMPORT_GRAPH', `a graph must be a mapping with \`start_at\` and \`steps\`, not ${describeType(raw)}`, { graph: graphPath });
    return graph;
  }
  ctx.locate(cursor, yamlPath, { graph: graphPath }, 'key');
  if ('start_at' in raw) {
    graph.start_at = readString(ctx, cursor, [...yamlPath, 'start_at'], raw.start_at, { graph: graphPath, field: 'start_at' });
    ctx.locate(cursor, [...yamlPath, 'start_at'], { graph: graphPath, field: 'start_at' });
  }
  if (raw.description !== undefined && raw.description !== null) {
    graph.description = readString(ctx, cursor, [...yamlPath, 'description'], raw.description, { graph: graphPath, field: 'description' });
    ctx.locate(cursor, [...yamlPath, 'description'], { graph: graphPath, field: 'description' });
  }
  const extra = Object.fromEntries(cursor.source.entries(yamlPath, raw).filter(([key]) => !GRAPH_KEYS.has(key)));
  if (Object.keys(extra).length > 0) {
    graph.extra = extra;
    for (const key of Object.keys(extra)) {
      ctx.report(cursor, [...yamlPath, key], 'info', 'I_GRAPH_KEY_KEPT', `graph key \`${key}\` is not read by magnus ≥0.5; kept as written`, { graph: graphPath, field: key }, 'key');
    }
  }
  const steps = raw.steps;
  if (steps === undefined || steps === null) return graph;
  if (!isMapping(steps)) {
    ctx.report(cursor, [...yamlPath, 'steps'], 'error', 'E_IMPORT_STEPS', `\`steps\` must be a mapping of step names to steps, not ${describeType(steps)}`, { graph: graphPath });
    return graph;
  }
  for (const [name, rawStep] of cursor.source.entries([...yamlPath, 'steps'], steps)) {
    if (++ctx.steps > MAX_STEPS) {
      ctx.report(cursor, [...yamlPath, 'steps', name], 'error', 'E_TOO_MANY_STEPS', `more than ${describeCount(MAX_STEPS)} steps in all (nested dag files count once for each step that includes them); the rest is not read`, { graph: graphPath }, 'key');
      ctx.fatal = true;
      break;
    }
    const step = importStep(ctx, cursor, [...yamlPath, 'steps', name], name, rawStep, graphPath, loadNested);
    if (step) graph.steps.push(step);
  }
  return graph;
}

function importStep(ctx: ImportContext, cursor: FileCursor, yamlPath: YamlPath, name: string, raw: Json, graphPath: string, loadNested: NestedDagLoader): Step | undefined {
  const path = joinPath(graphPath, name);
  const target = { step: path, graph: graphPath };
  ctx.locate(cursor, yamlPath, target, 'key');
  if (!isMapping(raw)) {
    ctx.report(cursor, yamlPath, 'error', 'E_IMPORT_STEP', `step \`${name}\` must be a mapping with a \`type\`, not ${describeType(raw)}`, target, 'key');
    return undefined;
  }
  const rawType = raw.type;
  const type = typeof rawType === 'string' ? TYPE_ALIASES.get(rawType) : undefined;
  if (!type) {
    const message =
      rawType === undefined || rawType === null
        ? `step \`${name}\` has no \`type\``
        : `step \`${name}\` has type ${JSON.stringify(rawType)}, which magnus does not know (types: task, stub/as-is, success, fail, parallel, map, dag)`;
    ctx.report(cursor, rawType === undefined ? yamlPath : [...yamlPath, 'type'], 'error', 'E_IMPORT_STEP_TYPE', message, { ...target, field: 'type' }, rawType === undefined ? 'key' : 'value');
    return undefined;
  }
  const composite = type === 'parallel' || type === 'map' || type === 'dag';
  if (composite && ctx.nesting >= MAX_STEP_NESTING) {
    ctx.report(cursor, yamlPath, 'error', 'E_NESTING_TOO_DEEP', nestingTooDeep(name, type), target, 'key');
    ctx.fatal = true;
    return undefined;
  }
  if (rawType === 'as-is') ctx.mark(MARKERS.asIs);
  if (rawType === 'stub') ctx.mark(MARKERS.stub);

  const remaining = new Map(cursor.source.entries(yamlPath, raw));
  remaining.delete('type');
  const take = (key: string) => {
    const value = remaining.get(key);
    remaining.delete(key);
    return value;
  };
  const fieldAt = (key: string) => [...yamlPath, key];
  const readField = (key: string) => {
    const value = take(key);
    if (value === undefined) return undefined;
    const at = fieldAt(key);
    const fieldTarget = { ...target, field: key };
    ctx.locate(cursor, at, fieldTarget);
    return readString(ctx, cursor, at, value, fieldTarget) || undefined;
  };

  const overrides = readStepOverrides(ctx, cursor, yamlPath, take, target);
  const base = { name, ...overrides };
  const flow = () => ({ next: readField('next'), on_failure: readField('on_failure') });
  const attempts = () => readAttempts(ctx, cursor, yamlPath, take, target);

  let step: Step;
  // An exception abandons the whole import, so the count needs no `finally`.
  if (composite) ctx.nesting++;
  switch (type) {
    case 'task':
      step = {
        ...base,
        type,
        command: readField('command'),
        command_type: readField('command_type'),
        catalog: readCatalog(ctx, cursor, fieldAt('catalog'), take('catalog'), target),
        max_attempts: attempts(),
        ...flow(),
      };
      if (remaining.has('returns')) ctx.mark(MARKERS.returns);
      break;
    case 'stub':
      step = { ...base, type, max_attempts: attempts(), ...flow() };
      break;
    case 'success':
    case 'fail':
      step = { ...base, type };
      break;
    case 'parallel': {
      const branches: Branch[] = [];
      const rawBranches = take('branches');
      ctx.locate(cursor, fieldAt('branches'), { ...target, field: 'branches' });
      if (isMapping(rawBranches)) {
        for (const [branchName, rawGraph] of cursor.source.entries(fieldAt('branches'), rawBranches)) {
          branches.push({ name: branchName, graph: importGraph(ctx, cursor, [...yamlPath, 'branches', branchName], rawGraph, joinPath(path, branchName), loadNested) });
        }
      } else if (rawBranches !== undefined && rawBranches !== null) {
        ctx.report(cursor, fieldAt('branches'), 'error', 'E_IMPORT_BRANCHES', `\`branches\` must map branch names to graphs, not ${describeType(rawBranches)}`, { ...target, field: 'branches' });
      }
      step = { ...base, type, branches, ...flow() };
      break;
    }
    case 'map': {
      const rawBranch = take('branch');
      const branch =
        rawBranch === undefined || rawBranch === null
          ? { steps: [] }
          : importGraph(ctx, cursor, fieldAt('branch'), rawBranch, joinPath(path, MAP_BRANCH), loadNested);
      step = { ...base, type, iterate_on: readField('iterate_on'), iterate_as: readField('iterate_as'), branch, ...flow() };
      break;
    }
    case 'dag': {
      const definition = readField('dag_definition');
      const graph = definition ? loadNested(definition, { cursor, yamlPath: fieldAt('dag_definition'), stepPath: joinPath(path, DAG_BRANCH) }) : undefined;
      step = { ...base, type, dag_definition: definition, ...(graph ? { graph } : {}), ...flow() };
      break;
    }
  }
  if (composite) ctx.nesting--;

  const extra = Object.fromEntries(remaining);
  if (Object.keys(extra).length > 0) {
    step.extra = extra;
    reportExtraKeys(ctx, cursor, yamlPath, type, Object.keys(extra), target);
  }
  return withoutUnset(step);
}

/**
 * The step without its unset fields, copied rather than deleted from: an object a field was deleted
 * from is a slow dictionary in V8, and that was nearly every imported step (a task without
 * `catalog` or `retry`), read field by field by validation, the emitter and the page's copy.
 */
function withoutUnset(step: Step): Step {
  const fields = step as unknown as Record<string, unknown>;
  const keys = Object.keys(fields);
  if (keys.every((key) => fields[key] !== undefined)) return step;
  const kept: Record<string, unknown> = {};
  // own-keys: a step's own field names (name, type, next…), written by importStep, never a user's key
  for (const key of keys) if (fields[key] !== undefined) kept[key] = fields[key];
  return kept as unknown as Step;
}

function reportExtraKeys(ctx: ImportContext, cursor: FileCursor, yamlPath: YamlPath, type: StepType, keys: string[], target: { step: string; graph: string }) {
  for (const key of keys) {
    const at = [...yamlPath, key];
    const fieldTarget = { ...target, field: key };
    if (type === 'stub') {
      ctx.report(cursor, at, 'info', 'I_STUB_KEY_KEPT', `a stub does nothing with \`${key}\`; kept as written`, fieldTarget, 'key');
    } else if (key === 'secrets' && type === 'task') {
      ctx.report(cursor, at, 'info', 'I_STEP_KEY_KEPT', "`secrets` is read inside the container (runnable's secrets provider); with the executor's `secret_from_k8s` each name is also put into the pod's environment from that Secret; kept as written", fieldTarget, 'key');
    } else if (KNOWN_PASSTHROUGH.has(key)) {
      ctx.report(cursor, at, 'info', 'I_STEP_KEY_KEPT', `\`${key}\` is read inside the container, not by the KFP output; kept as written`, fieldTarget, 'key');
    } else if (type === 'success' || type === 'fail') {
      ctx.report(cursor, at, 'warning', 'W_TERMINAL_KEY', `a ${type} step takes no \`${key}\` (magnus ≤0.4.19 ignores it, later versions reject it); kept as written`, fieldTarget, 'key');
    } else {
      ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`${key}\` is not a field of a ${type} step (magnus ≤0.4.19 ignores it, later versions reject it); kept as written`, fieldTarget, 'key');
    }
  }
}

/** `mode_config` / `executor_config` (mappings per executor) and 0.5's `overrides` (a profile name per executor). */
function readStepOverrides(ctx: ImportContext, cursor: FileCursor, yamlPath: YamlPath, take: (key: string) => Json | undefined, target: { step: string; graph: string }) {
  const result: Pick<Step, 'kfp' | 'otherOverrides'> = {};
  const other: Record<string, Json> = {};
  for (const key of ['mode_config', 'executor_config', 'overrides'] as const) {
    const raw = take(key);
    if (raw === undefined) continue;
    ctx.mark(key === 'mode_config' ? MARKERS.modeConfig : key === 'executor_config' ? MARKERS.executorConfig : MARKERS.overrides);
    const at = [...yamlPath, key];
    ctx.locate(cursor, at, { ...target, field: 'kfp' });
    if (raw === null) continue;
    if (!isMapping(raw)) {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `\`${key}\` must map executor types to overrides, not ${describeType(raw)}`, { ...target, field: 'kfp' });
      continue;
    }
    for (const [executor, value] of cursor.source.entries(at, raw)) {
      if (executor !== 'kfp' && executor !== ctx.stepOverrideType) {
        setOwn(other, executor, value);
        continue;
      }
      if (key === 'overrides') {
        // 0.5: the value names an override profile of the executor config.
        if (value !== null) result.kfp = [...(result.kfp ?? []), { key: String(value), value: null }];
      } else if (isMapping(value)) {
        const entries = readOverrideEntries(ctx, cursor, [...at, executor], value, target, 'kfp');
        // The Argo executor spells the image `image` (magnus-extensions' `executor_config.argo`).
        result.kfp = [...(result.kfp ?? []), ...entries.map((e) => (executor === 'argo' && e.key === 'image' ? { ...e, key: 'docker_image' } : e))];
      } else if (value !== null) {
        ctx.report(cursor, [...at, executor], 'error', 'E_FIELD_TYPE', `\`${key}.${executor}\` must be a mapping of settings, not ${describeType(value)}`, { ...target, field: 'kfp' });
      }
    }
  }
  if (Object.keys(other).length > 0) result.otherOverrides = other;
  return result;
}

function readAttempts(ctx: ImportContext, cursor: FileCursor, yamlPath: YamlPath, take: (key: string) => Json | undefined, target: { step: string; graph: string }): number | undefined {
  let result: number | undefined;
  for (const key of ['retry', 'max_attempts'] as const) {
    const raw = take(key);
    if (raw === undefined) continue;
    ctx.mark(key === 'retry' ? MARKERS.retry : MARKERS.maxAttempts);
    const at = [...yamlPath, key];
    const fieldTarget = { ...target, field: 'max_attempts' };
    ctx.locate(cursor, at, fieldTarget);
    const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value === 'number' && Number.isInteger(value)) {
      result = value;
    } else {
      ctx.report(cursor, at, 'error', 'E_FIELD_TYPE', `\`${key}\` must be a whole number of attempts, not ${JSON.stringify(raw)}`, fieldTarget);
    }
  }
  return result;
}

function readCatalog(ctx: ImportContext, cursor: FileCursor, yamlPath: YamlPath, raw: Json | undefined, target: { step: string; graph: string }): Catalog | undefined {
  if (raw === undefined || raw === null) return undefined;
  const fieldTarget = { ...target, field: 'catalog' };
  ctx.locate(cursor, yamlPath, fieldTarget);
  if (!isMapping(raw)) {
    ctx.report(cursor, yamlPath, 'error', 'E_FIELD_TYPE', `\`catalog\` must be a mapping with \`get\` and \`put\`, not ${describeType(raw)}`, fieldTarget);
    return undefined;
  }
  const catalog: Catalog = {};
  for (const [key, value] of cursor.source.entries(yamlPath, raw)) {
    const at = [...yamlPath, key];
    ctx.locate(cursor, at, { ...target, field: `catalog.${key}` });
    if (key === 'get' || key === 'put') catalog[key] = readStringList(ctx, cursor, at, value, { ...target, field: `catalog.${key}` }); // own-keys: get or put
    else if (key === 'compute_data_folder') catalog.compute_data_folder = readString(ctx, cursor, at, value, { ...target, field: `catalog.${key}` });
    else ctx.report(cursor, at, 'warning', 'W_UNKNOWN_KEY', `\`catalog.${key}\` is not a catalog setting (get, put, compute_data_folder); it is left out`, { ...target, field: `catalog.${key}` }, 'key');
  }
  return Object.keys(dropUndefined(catalog)).length > 0 ? dropUndefined(catalog) : undefined;
}

/** Absent and undefined must be the same thing, or round-trip equality would depend on it. */
export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
