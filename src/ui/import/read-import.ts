/**
 * The reading half of an import, in the reader worker: files told apart, the pipeline imported
 * and checked, and what the page will show of it (its diagnostics and the Kubeflow YAML of the
 * shown target) computed here too, so that taking it costs the page next to nothing. Pure.
 */
import type { Diagnostic } from '../../core/diagnostics';
import type { EmitTarget } from '../../core/emit/index';
import type { Pipeline } from '../../core/model/types';
import { loadPipeline } from '../../core/transpile';
import { progressAt, type ReadProgress } from '../reading/progress';
import { deriveSeed, type DerivedSeed } from '../store/derive-seed';
import { classifyFiles, type Classification, type NamedText } from './classify';
import { missingNestedFiles, withNestedFiles } from './nested-files';
import { failureDiagnostics, isFailedImport, successDiagnostics } from './outcome';

export interface ImportRequest {
  /** Files as read (classified here), or a classification made before (pasted texts, an import waiting for nested files). */
  source: { files: NamedText[] } | { classification: Classification };
  /** Files chosen for missing nested `dag_definition` paths. */
  chosen?: Record<string, NamedText>;
  /** A pipeline whose nested dag files were not all given is not read to the end: the user is asked for them. */
  askForNested?: boolean;
  target: EmitTarget;
}

export type ImportRead = { classification: Classification } & (
  | { status: 'failed'; diagnostics: Diagnostic[] }
  | { status: 'needs-nested'; missing: string[] }
  | { status: 'read'; pipeline: Pipeline; diagnostics: Diagnostic[]; seed: DerivedSeed }
);

export function readImport({ source, chosen = {}, askForNested = false, target }: ImportRequest, progress: (p: ReadProgress) => void = () => {}): ImportRead {
  progress(progressAt(0));
  const classification = 'files' in source ? classifyFiles(source.files) : source.classification;
  const given = withNestedFiles(classification, chosen);
  if (!given.input || given.problems.length > 0) return { classification, status: 'failed', diagnostics: failureDiagnostics(given) };
  progress(progressAt(1));
  const result = loadPipeline(given.input);
  if (!result.pipeline || isFailedImport(result)) return { classification, status: 'failed', diagnostics: failureDiagnostics(given, result) };
  if (askForNested) {
    const missing = missingNestedFiles(result);
    if (missing.length > 0) return { classification, status: 'needs-nested', missing };
  }
  progress(progressAt(2));
  return { classification, status: 'read', pipeline: result.pipeline, diagnostics: successDiagnostics(given, result), seed: deriveSeed(result.pipeline, target, result.validation) };
}
