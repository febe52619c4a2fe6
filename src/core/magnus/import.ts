import type { Diagnostic } from '../diagnostics';
import { DEFAULT_DAG_FILE } from '../model/defaults';
import { walkGraphs } from '../model/paths';
import type { Graph, ImageFiles, Json, Parameter, Pipeline, Position, Variable } from '../model/types';
import { describeBytes, MAX_INPUT_BYTES, MAX_NESTED_FILES } from '../limits';
import { hasOwn, ownValue, setOwn } from '../own';
import { parseYamlSource } from '../yaml/source';
import { detectEra, MARKERS, type EraReport } from './era';
import { DESIGNER_KEY } from './designer-metadata';
import { emptyKfpConfig, importConfig, importDagFileServices, isDagFileService, stepOverrideType, type ImportedConfig } from './import-config';
import { describeType, ImportContext, isMapping, type FileCursor } from './import-context';
import { importGraph, type NestedDagLoader } from './import-graph';
import { SourceMap } from './source-map';

export interface TextFile {
  text: string;
  /** The path as the containers will see it (it goes into every step's command). */
  path?: string;
}

export interface MagnusInput {
  dag: TextFile;
  config?: TextFile;
  parameters?: TextFile;
  /**
   * Files a `dag_definition` may name, by the path as written in the step, or a reader for them
   * (which may say why a file cannot be read: the importer reports it at the step).
   */
  nested?: Record<string, string> | ((path: string) => string | NestedReadProblem | undefined);
  /** Values for `${name}` (magnus `MAGNUS_VAR_name`); they win over values saved in the file. */
  variables?: Variable[];
  /** Parameters from `MAGNUS_PRM_*` at transpile time; the parameters file wins over them (§9.4). */
  environmentParameters?: Parameter[];
}

export interface NestedReadProblem {
  code: `E_${string}`;
  message: string;
}

export interface ImportResult {
  /** Undefined when the input cannot become a pipeline (the diagnostics say why). */
  pipeline?: Pipeline;
  /** What the import itself found; run `validate` on the pipeline for the rest. */
  diagnostics: Diagnostic[];
  era: EraReport;
  /** Positions of the model's parts in the files, for diagnostics found later. */
  sourceMap: SourceMap;
}

/**
 * magnus DAG YAML (+ config and parameters YAML) → pipeline model, for every magnus era.
 * Never throws: what cannot be read is reported with its file, line and column.
 */
export function importMagnus(input: MagnusInput): ImportResult {
  const ctx = new ImportContext(new SourceMap());
  try {
    return importChecked(ctx, input);
  } catch (error) {
    // A bug here must not take the caller down with it; it is reported like bad input.
    ctx.diagnostics.push({ code: 'E_IMPORT_INTERNAL', severity: 'error', message: `the importer failed: ${String(error)}` });
    return { diagnostics: ctx.diagnostics, era: detectEra([]), sourceMap: ctx.sourceMap };
  }
}

function importChecked(ctx: ImportContext, input: MagnusInput): ImportResult {
  const dagCursor = readFile(ctx, 'dag', input.dag.text);
  const root = dagCursor.source.value;
  const done = (pipeline?: Pipeline): ImportResult => ({
    pipeline: ctx.fatal ? undefined : pipeline,
    diagnostics: ctx.sourceMap.attach(ctx.diagnostics),
    era: detectEra(ctx.markers),
    sourceMap: ctx.sourceMap,
  });
  if (ctx.fatal) return done();
  if (!isMapping(root) || !('dag' in root)) {
    ctx.report(dagCursor, [], 'error', 'E_IMPORT_NO_DAG', isMapping(root) ? 'the file has no top-level `dag:` key' : `a magnus pipeline file is a mapping with a top-level \`dag:\`, not ${describeType(root ?? null)}`);
    return done();
  }

  const configCursor = input.config ? readFile(ctx, 'config', input.config.text) : undefined;
  // Steps apply the overrides addressed to the executor the config (or a magnus <0.4 dag file) runs.
  ctx.stepOverrideType = stepOverrideType(configCursor?.source.value, root);
  const loadNested = nestedLoader(ctx, input.nested ?? {});
  const dag = importGraph(ctx, dagCursor, ['dag'], root.dag, '', loadNested);
  addImplicitTerminals(ctx, dag);

  let imported: ImportedConfig = { executor: emptyKfpConfig(), services: [], executorKey: undefined };
  if (configCursor && !ctx.fatal) imported = importConfig(ctx, configCursor, configCursor.source.value ?? null);
  const { executor, services } = importDagFileServices(ctx, dagCursor, root, imported);
  const fileParameters = input.parameters ? importParameters(ctx, readFile(ctx, 'parameters', input.parameters.text)) : [];
  const parameters = mergeByName(input.environmentParameters ?? [], fileParameters);
  const saved = readDesignerMetadata(ctx, dagCursor, root[DESIGNER_KEY]);
  for (const key of Object.keys(root).filter((k) => k !== 'dag' && k !== DESIGNER_KEY && !isDagFileService(k, root[k]))) {
    ctx.report(dagCursor, [key], 'info', 'I_TOP_LEVEL_KEY', `top-level key \`${key}\` is not read by magnus (only \`dag\` is); not kept (anchors defined in it were expanded where used)`, {}, 'key');
  }

  const pipeline: Pipeline = {
    dag,
    executor,
    services,
    parameters,
    variables: mergeByName(saved.variables ?? [], input.variables ?? []),
    files: imageFiles(saved, input),
    layout: saved.layout ?? {},
    ...(saved.tag !== undefined ? { tag: saved.tag } : {}),
  };
  const era = detectEra(ctx.markers);
  ctx.diagnostics.push({
    code: era.eras.length === 0 ? 'W_ERA_MIXED' : 'I_ERA',
    severity: era.eras.length === 0 ? 'warning' : 'info',
    message: era.summary,
    file: 'dag',
  });
  return done(pipeline);
}

/** `again`: a nested file read for another step that includes it, already counted against the budget. */
function readFile(ctx: ImportContext, file: string, text: string, again = false): FileCursor {
  if (!again) ctx.characters += text.length;
  if (ctx.characters > MAX_INPUT_BYTES) {
    const message = `the files of this pipeline come to more than ${describeBytes(MAX_INPUT_BYTES)} in all, the limit; \`${file}\` is not read`;
    ctx.diagnostics.push({ code: 'E_INPUT_TOO_LARGE', severity: 'error', message, file });
    ctx.fatal = true;
    return { file, source: parseYamlSource('') };
  }
  const source = parseYamlSource(text);
  const cursor = { file, source };
  ctx.sourceMap.recordFile(file, source.valuePos([]));
  for (const problem of source.problems) {
    ctx.diagnostics.push({ code: problem.code, severity: problem.severity, message: problem.message, file, ...(problem.pos ?? {}) });
    if (problem.severity === 'error') ctx.fatal = true;
  }
  return cursor;
}

/**
 * Nested `dag_definition` files are parsed as files of their own (positions point into them), are
 * not variable-substituted (§4.5), and a file that includes itself, directly or not, is refused.
 */
function nestedLoader(ctx: ImportContext, files: NonNullable<MagnusInput['nested']>): NestedDagLoader {
  const loading: string[] = [];
  const readFrom = typeof files === 'function' ? files : (path: string) => ownValue(files, path);
  // Each file is read once, however many steps include it.
  const texts = new Map<string, string | NestedReadProblem | undefined>();
  const loader: NestedDagLoader = (path, from) => {
    const target = { step: from.stepPath.replace(/\.dag$/, ''), field: 'dag_definition' };
    if (!texts.has(path) && texts.size >= MAX_NESTED_FILES) {
      ctx.report(from.cursor, from.yamlPath, 'error', 'E_NESTED_FILES_LIMIT', `\`${path}\` would be nested dag file number ${texts.size + 1}; at most ${MAX_NESTED_FILES} are read`, target);
      ctx.fatal = true;
      return undefined;
    }
    const again = texts.has(path);
    if (!again) texts.set(path, readFrom(path));
    const text = texts.get(path);
    if (typeof text === 'object') {
      ctx.report(from.cursor, from.yamlPath, 'error', text.code, text.message, target);
      ctx.fatal = true;
      return undefined;
    }
    if (text === undefined) {
      ctx.report(from.cursor, from.yamlPath, 'warning', 'W_NESTED_DAG_MISSING', `the file \`${path}\` was not supplied; its steps cannot be checked or emitted until it is`, target);
      return undefined;
    }
    if (loading.includes(path)) {
      ctx.report(from.cursor, from.yamlPath, 'error', 'E_NESTED_DAG_CYCLE', `\`${path}\` includes itself (${[...loading, path].join(' → ')})`, target);
      return undefined;
    }
    const cursor = readFile(ctx, path, text, again);
    const root = cursor.source.value;
    if (ctx.fatal) return undefined;
    if (!isMapping(root) || !isMapping(root.dag)) {
      ctx.report(cursor, [], 'error', 'E_IMPORT_NO_DAG', `No DAG found in ${path}: a nested pipeline file needs a top-level \`dag:\``);
      return undefined;
    }
    loading.push(path);
    const graph = importGraph(ctx, cursor, ['dag'], root.dag, from.stepPath, loader);
    loading.pop();
    addImplicitTerminals(ctx, graph, from.stepPath);
    return graph;
  };
  return loader;
}

/**
 * runnable ≥0.12 adds `success` and `fail` to every graph that lacks them (§11); earlier versions
 * require them. Adding them keeps both kinds of file importable; the era report says which it was.
 */
function addImplicitTerminals(ctx: ImportContext, root: Graph, rootPath = '') {
  // A file whose other spellings are magnus ≤0.11 only would have been refused by that magnus.
  const olderMagnus = ctx.markers.length > 0 && !detectEra(ctx.markers).eras.some((era) => era === 'F1' || era === 'F2');
  for (const { graph, path } of walkGraphs(root, rootPath)) {
    for (const type of ['success', 'fail'] as const) {
      if (graph.steps.some((s) => s.type === type) || graph.steps.some((s) => s.name === type)) continue;
      graph.steps.push({ name: type, type });
      const where = path === '' ? 'the pipeline' : `graph \`${path}\``;
      if (olderMagnus) {
        ctx.diagnostics.push({
          code: 'W_TERMINAL_ADDED',
          severity: 'warning',
          graph: path,
          message: `${where} has no ${type} step, which the magnus version this file is written for requires; added \`${type}\` (runnable ≥0.12 adds it by itself)`,
        });
        continue;
      }
      ctx.mark(MARKERS.implicitTerminal);
      ctx.diagnostics.push({
        code: 'I_IMPLICIT_TERMINAL',
        severity: 'info',
        graph: path,
        message: `${where} has no ${type} step: added \`${type}\` as runnable ≥0.12 does (magnus ≤0.11 requires it written out)`,
      });
    }
  }
}

function importParameters(ctx: ImportContext, cursor: FileCursor): Parameter[] {
  const raw = cursor.source.value;
  if (raw === null || raw === undefined || ctx.fatal) return [];
  if (!isMapping(raw)) {
    ctx.report(cursor, [], 'error', 'E_IMPORT_PARAMETERS', `the parameters file must be a mapping of names to values, not ${describeType(raw)}`);
    return [];
  }
  return cursor.source.entries([], raw).map(([name, value]) => {
    ctx.locate(cursor, [name], { field: `parameters.${name}` }, 'key');
    return { name, value };
  });
}

/** Python's `dict.update`: later values win, a key keeps the place it first had. */
function mergeByName<T extends { name: string }>(first: T[], second: T[]): T[] {
  const merged = new Map(first.map((item) => [item.name, item]));
  for (const item of second) merged.set(item.name, item);
  return [...merged.values()];
}

/**
 * In-image paths: as saved by the designer (a saved `null` means "no such file"), else the path
 * the caller gave, else magnus's default names.
 */
function imageFiles(saved: DesignerMetadata, input: MagnusInput): ImageFiles {
  const pick = (key: 'config' | 'parameters', given: TextFile | undefined, fallback: string) => {
    if (saved.files && hasOwn(saved.files, key)) return saved.files[key] ?? undefined;
    return given ? (given.path ?? fallback) : undefined;
  };
  const config = pick('config', input.config, 'config.yaml');
  const parameters = pick('parameters', input.parameters, 'parameters.yaml');
  return {
    dag: saved.files?.dag ?? input.dag.path ?? DEFAULT_DAG_FILE,
    ...(config !== undefined ? { config } : {}),
    ...(parameters !== undefined ? { parameters } : {}),
  };
}

interface DesignerMetadata {
  files?: { dag?: string; config?: string | null; parameters?: string | null };
  variables?: Variable[];
  layout?: Record<string, Position>;
  tag?: string;
}

/** The designer's own top-level key in the dag file (magnus reads only `dag`, §2.1). Unreadable parts are ignored with a warning. */
function readDesignerMetadata(ctx: ImportContext, cursor: FileCursor, raw: Json | undefined): DesignerMetadata {
  if (raw === undefined || raw === null) return {};
  const warn = (path: (string | number)[], what: string) =>
    ctx.report(cursor, [DESIGNER_KEY, ...path], 'warning', 'W_DESIGNER_METADATA', `\`${DESIGNER_KEY}\`${path.length ? '.' + path.join('.') : ''}: ${what}; ignored`);
  if (!isMapping(raw)) {
    warn([], 'expected a mapping');
    return {};
  }
  const result: DesignerMetadata = {};
  if (isMapping(raw.files)) {
    const files: NonNullable<DesignerMetadata['files']> = {};
    for (const key of ['dag', 'config', 'parameters'] as const) {
      const value = raw.files[key];
      if (typeof value === 'string' || (value === null && key !== 'dag')) {
        if (key === 'dag') files.dag = value as string;
        else files[key] = value; // own-keys: config or parameters
        ctx.locate(cursor, [DESIGNER_KEY, 'files', key], { field: `files.${key}` });
      } else if (value !== undefined) warn(['files', key], 'expected a path');
    }
    result.files = files;
  } else if (raw.files !== undefined) warn(['files'], 'expected a mapping');
  if (isMapping(raw.variables)) {
    result.variables = cursor.source.entries([DESIGNER_KEY, 'variables'], raw.variables).map(([name, value]) => {
      ctx.locate(cursor, [DESIGNER_KEY, 'variables', name], { field: `variables.${name}` });
      return { name, value: value === null ? '' : String(value) };
    });
  } else if (raw.variables !== undefined) warn(['variables'], 'expected a mapping of names to values');
  if (isMapping(raw.layout)) {
    const layout: Record<string, Position> = {};
    for (const [path, pos] of cursor.source.entries([DESIGNER_KEY, 'layout'], raw.layout)) {
      if (Array.isArray(pos) && pos.length === 2 && pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
        setOwn(layout, path, { x: pos[0] as number, y: pos[1] as number });
      } else warn(['layout', path], 'expected [x, y]');
    }
    result.layout = layout;
  } else if (raw.layout !== undefined) warn(['layout'], 'expected a mapping of step paths to [x, y]');
  if (typeof raw.tag === 'string') result.tag = raw.tag;
  return result;
}
