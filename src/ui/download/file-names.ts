/**
 * Names of downloaded files. Pure. The generated workflow is named after the effective
 * `output_file` (what `magnus execute` with the kfp executor would have written); the magnus files
 * after the paths the containers read them from, because every step's command names those paths
 * and the files must be saved under them to run.
 */
import { KFP_DEFAULTS } from '../../core/model/defaults';
import { walkSteps } from '../../core/model/paths';
import type { Graph, Pipeline } from '../../core/model/types';
import { substituteVariables, variableMap } from '../../core/model/variables';

export type DownloadKind = 'pipeline' | 'dag' | 'config' | 'parameters';

const FALLBACK: Record<DownloadKind, string> = {
  pipeline: KFP_DEFAULTS.output_file,
  dag: 'dag.yaml',
  config: 'config.yaml',
  parameters: 'parameters.yaml',
};

/**
 * The last part of a path, with characters no file system accepts replaced. A name that still
 * holds an unresolved `${variable}` or ends up empty gives way to the fallback.
 */
export function safeFileName(path: string | undefined, fallback: string): string {
  const base = (path ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..' || cleaned.includes('$')) return fallback;
  return cleaned;
}

export function downloadFileName(pipeline: Pipeline, kind: DownloadKind): string {
  const written = kind === 'pipeline' ? pipeline.executor.output_file : pipeline.files[kind];
  const resolved = written === undefined ? undefined : substituteVariables(written, variableMap(pipeline.variables)).text;
  return safeFileName(resolved, FALLBACK[kind]);
}

/**
 * The nested `dag_definition` files the pipeline brings along (those whose steps it holds), each
 * once, in the order the steps come: the files `exportMagnus` writes besides the dag.
 */
export function nestedFilePaths(dag: Graph): string[] {
  const paths: string[] = [];
  for (const { step } of walkSteps(dag)) {
    if (step.type === 'dag' && step.graph && step.dag_definition && !paths.includes(step.dag_definition)) paths.push(step.dag_definition);
  }
  return paths;
}

/** A nested file is saved under the last part of the path the step names (the folders are the user's to make). */
export const nestedFileName = (path: string): string => safeFileName(path, 'nested.yaml');
