/**
 * The texts the YAML pane shows, one per tab, all derived from the model. Pure (no DOM, no Monaco).
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
  text: string;
  /** The source file diagnostics point into; undefined for the generated workflow. */
  source?: SourceFile;
}

/** Shown instead of an empty workflow, so the pane never looks broken. */
export const NOT_EMITTED = '# The Kubeflow YAML cannot be generated until the errors listed under Problems are fixed.\n';

const file = (tab: YamlTab, text: string, source?: SourceFile): YamlFile => ({
  tab,
  label: `${tab}.yaml`,
  uri: `file:///${tab}.yaml`,
  text,
  ...(source ? { source } : {}),
});

export function yamlFiles(pipeline: Pipeline, target: EmitTarget): YamlFile[] {
  const magnus = exported(pipeline);
  const workflow = emitted(pipeline, target).text;
  return [
    file('pipeline', workflow === '' ? NOT_EMITTED : workflow),
    file('dag', magnus.dag, 'dag'),
    file('config', magnus.config, 'config'),
    ...(magnus.parameters !== undefined ? [file('parameters', magnus.parameters, 'parameters')] : []),
  ];
}

/** The tab asked for, or pipeline.yaml when that tab is gone (the parameters were removed). */
export function shownFile(files: readonly YamlFile[], tab: YamlTab): YamlFile {
  return files.find((f) => f.tab === tab) ?? files[0];
}
