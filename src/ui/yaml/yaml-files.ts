/**
 * The files the YAML pane shows, one per tab, and their texts, all derived from the model. Pure
 * (no DOM, no Monaco). A text is computed only when asked for: on a 1,000-step pipeline the magnus
 * export costs ~15 ms a keystroke, worth paying only while its tab is shown (hidden tabs catch up
 * when the page is idle, see YamlEditor).
 */
import type { SourceFile } from '../../core/diagnostics';
import type { EmitResult, EmitTarget } from '../../core/emit/index';
import type { Pipeline } from '../../core/model/types';
import { emitted, exported } from '../store/derived';
import type { YamlTab } from '../store/store';

export interface YamlFile {
  tab: YamlTab;
  /** The tab's name; fixed, so tests and users find the same tab whatever the files are called. */
  label: string;
  /** Monaco model URI: one model per tab (a schema can later match `**\/dag.yaml`). */
  uri: string;
  /** The source file diagnostics point into; undefined for the generated workflow. */
  source?: SourceFile;
}

/** Shown instead of an empty workflow, so the pane never looks broken. */
export const NOT_EMITTED = '# The Kubeflow YAML cannot be generated until the errors listed under Problems are fixed.\n';

const file = (tab: YamlTab, source?: SourceFile): YamlFile => ({
  tab,
  label: `${tab}.yaml`,
  uri: `file:///${tab}.yaml`,
  ...(source ? { source } : {}),
});

const WITHOUT_PARAMETERS: readonly YamlFile[] = [file('pipeline'), file('dag', 'dag'), file('config', 'config')];
const WITH_PARAMETERS: readonly YamlFile[] = [...WITHOUT_PARAMETERS, file('parameters', 'parameters')];

/** The tabs: the parameters file exists only when the pipeline has parameters (as the export writes it). */
export function yamlFiles(pipeline: Pipeline): readonly YamlFile[] {
  return pipeline.parameters.length > 0 ? WITH_PARAMETERS : WITHOUT_PARAMETERS;
}

/**
 * A tab's text, and the same text as an ordered list of pieces: for the generated workflow the
 * emitter's kept pieces (an edit leaves the unchanged steps' pieces the same string objects, so
 * the editor finds what changed without comparing or even building the 2 MB text), else the one
 * text. `text` is joined when first read (copy, the editor's first model).
 */
export interface YamlDoc {
  readonly pieces: readonly string[];
  readonly text: string;
}

/** The doc of one tab; the same object for the same pipeline, target and tab. */
export function yamlDoc(pipeline: Pipeline, target: EmitTarget, tab: YamlTab): YamlDoc {
  let byTab = docs.get(pipeline);
  if (!byTab) docs.set(pipeline, (byTab = new Map()));
  const key = tab === 'pipeline' ? `${tab}|${target}` : tab;
  let doc = byTab.get(key);
  if (!doc) byTab.set(key, (doc = tab === 'pipeline' ? workflowDoc(emitted(pipeline, target)) : textDoc(magnusText(pipeline, tab))));
  return doc;
}
const docs = new WeakMap<Pipeline, Map<string, YamlDoc>>();

/** The text of one tab; the same string for the same pipeline (derived.ts caches it). */
export const yamlText = (pipeline: Pipeline, target: EmitTarget, tab: YamlTab): string => yamlDoc(pipeline, target, tab).text;

const textDoc = (text: string): YamlDoc => ({ pieces: [text], text });

function workflowDoc(emission: EmitResult): YamlDoc {
  // A result with pieces was emitted (errors leave none); one without says so when its text is empty.
  if (!emission.pieces) return textDoc(emission.text === '' ? NOT_EMITTED : emission.text);
  return { pieces: emission.pieces, get text() { return emission.text; } };
}

function magnusText(pipeline: Pipeline, tab: Exclude<YamlTab, 'pipeline'>): string {
  const magnus = exported(pipeline);
  return (tab === 'dag' ? magnus.dag : tab === 'config' ? magnus.config : magnus.parameters) ?? '';
}

/** The tab asked for, or pipeline.yaml when that tab is gone (the parameters were removed). */
export function shownFile(files: readonly YamlFile[], tab: YamlTab): YamlFile {
  return files.find((f) => f.tab === tab) ?? files[0];
}
