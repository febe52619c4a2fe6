/**
 * What the dialog deploys, taken from the store when it opens. This module is part of the page's
 * own bundle (the toolbar button uses it), so the lazily loaded dialog needs none of the designer's
 * core: the first load does not grow, and the chunks do not split.
 */
import { parameterText } from '../../core/emit/parameters';
import type { Pipeline } from '../../core/model/types';
import type { DeclaredParameter, PipelineFormat } from '../../deploy/parameters';
import { allDiagnostics, emitted } from '../store/derived';
import type { DesignerStore } from '../store/store';

export interface DeploySource {
  /** The dag file's name without its folder and extension: what the CLI names the pipeline too. */
  pipelineName: string;
  /**
   * The run parameters as both emitters declare them: each pipeline parameter, its value as the
   * text a workflow parameter carries. From the model, not by reading the generated YAML back,
   * which on a long pipeline would hold up the page.
   */
  parameters: DeclaredParameter[];
  /** The pipeline file in a format, or why it cannot be made. */
  emit: (format: PipelineFormat) => { text: string } | { refusal: string };
}

const FORMAT_LABELS: Record<PipelineFormat, string> = { 'kfp-v2': 'KFP v2', 'kfp-v1': 'KFP v1' };

export function deploySource(store: DesignerStore): DeploySource {
  const pipeline = store.getState().history.present;
  return {
    pipelineName: defaultPipelineName(pipeline),
    parameters: pipeline.parameters.map((p) => ({ name: p.name, type: 'STRING', defaultValue: parameterText(p.value), optional: true })),
    emit: (format) => {
      const errors = allDiagnostics(pipeline, format).filter((d) => d.severity === 'error');
      const text = emitted(pipeline, format).text;
      if (errors.length === 0 && text !== '') return { text };
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      return { refusal: `the pipeline cannot be made as ${FORMAT_LABELS[format]}, which this server needs: ${errors[0]?.message ?? 'nothing was generated'}${more}` };
    },
  };
}

export function defaultPipelineName(pipeline: Pipeline): string {
  const file = pipeline.files.dag.split('/').pop() ?? '';
  return file.replace(/\.[^.]*$/, '') || 'pipeline';
}
