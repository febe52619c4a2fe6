import type { Diagnostic } from '../diagnostics';
import type { Pipeline } from '../model/types';
import { exportMagnus } from './export';
import { importMagnus, type MagnusInput } from './import';

export type MagnusFileKind = 'dag' | 'config' | 'parameters';

export interface FileEdit {
  /** The pipeline the edited text describes; undefined while the text cannot be read. */
  pipeline?: Pipeline;
  /** Diagnostics of reading the edited files, positioned in them (file: 'dag' | 'config' | 'parameters'). */
  diagnostics: Diagnostic[];
}

/**
 * The pipeline after one of its magnus files was edited as text, the others as the model exports
 * them. Positions come with the dag file's designer block, so steps keep their places; steps that
 * are new (or renamed) have none and are placed by layout afterwards.
 */
export function applyEditedFile(pipeline: Pipeline, kind: MagnusFileKind, text: string): FileEdit {
  const result = importMagnus(editedInput(pipeline, kind, text));
  const ofThisFile = result.diagnostics.filter((d) => d.file === kind);
  return result.pipeline ? { pipeline: result.pipeline, diagnostics: ofThisFile } : { diagnostics: ofThisFile.length > 0 ? ofThisFile : result.diagnostics };
}

/** What to import after an edit: the edited file's text, the others as `pipeline` exports them. */
export function editedInput(pipeline: Pipeline, kind: MagnusFileKind, text: string): MagnusInput {
  const files = exportMagnus(pipeline);
  const input: MagnusInput = {
    dag: { text: kind === 'dag' ? text : files.dag },
    config: { text: kind === 'config' ? text : files.config },
    nested: files.nested,
    variables: pipeline.variables,
  };
  const parameters = kind === 'parameters' ? text : files.parameters;
  if (parameters !== undefined) input.parameters = { text: parameters };
  return input;
}
