/**
 * The files the YAML pane shows, one per tab, and their texts, all derived from the model. Pure
 * (no DOM, no Monaco). A text is computed only when asked for: on a 1,000-step pipeline the magnus
 * export costs ~15 ms a keystroke, worth paying only while its tab is shown (hidden tabs catch up
 * when the page is idle, see YamlEditor).
 */
import type { SourceFile } from '../../core/diagnostics';
import type { EmitTarget } from '../../core/emit/index';
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

/** The text of one tab; the same string for the same pipeline (derived.ts caches it). */
export function yamlText(pipeline: Pipeline, target: EmitTarget, tab: YamlTab): string {
  if (tab === 'pipeline') {
    const workflow = emitted(pipeline, target).text;
    return workflow === '' ? NOT_EMITTED : workflow;
  }
  const magnus = exported(pipeline);
  return (tab === 'dag' ? magnus.dag : tab === 'config' ? magnus.config : magnus.parameters) ?? '';
}

/** The tab asked for, or pipeline.yaml when that tab is gone (the parameters were removed). */
export function shownFile(files: readonly YamlFile[], tab: YamlTab): YamlFile {
  return files.find((f) => f.tab === tab) ?? files[0];
}
