/**
 * The reading half of an import, in the reader worker: files told apart, the pipeline imported
 * and checked, and what the page will show of it (its diagnostics and the Kubeflow YAML of the
 * shown target) computed here too, so that taking it costs the page next to nothing. Pure.
 * In two halves: the pipeline, which the page draws at once, then its check (`ImportStart`).
 */
import type { Diagnostic } from '../../core/diagnostics';
import type { EmitTarget } from '../../core/emit/index';
import type { Pipeline } from '../../core/model/types';
import { importMagnus } from '../../core/magnus/import';
import { checkImported } from '../../core/transpile';
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

/** What an import found and what the page will show of it, once the pipeline is taken. */
export interface ImportCheck {
  diagnostics: Diagnostic[];
  seed: DerivedSeed;
}

/**
 * The first half of an import: the files read into a pipeline, or refused. A pipeline comes with
 * the second half to run on it (`check`: validation, the emission and what the report says), which
 * the worker runs after handing the pipeline to the page — the canvas draws it meanwhile.
 */
export type ImportStart = { classification: Classification } & (
  | { status: 'failed'; diagnostics: Diagnostic[] }
  | { status: 'needs-nested'; missing: string[] }
  | { status: 'read'; pipeline: Pipeline; check: (target: EmitTarget) => ImportCheck }
);

export function startImport({ source, chosen = {}, askForNested = false }: ImportRequest, progress: (p: ReadProgress) => void = () => {}): ImportStart {
  progress(progressAt(0));
  const classification = 'files' in source ? classifyFiles(source.files) : source.classification;
  const given = withNestedFiles(classification, chosen);
  if (!given.input || given.problems.length > 0) return { classification, status: 'failed', diagnostics: failureDiagnostics(given) };
  progress(progressAt(1));
  const imported = importMagnus(given.input);
  if (!imported.pipeline || isFailedImport(imported)) return { classification, status: 'failed', diagnostics: failureDiagnostics(given, checkImported(imported)) };
  if (askForNested) {
    const missing = missingNestedFiles(imported);
    if (missing.length > 0) return { classification, status: 'needs-nested', missing };
  }
  const check = (target: EmitTarget): ImportCheck => {
    const result = checkImported(imported);
    return { diagnostics: successDiagnostics(given, result), seed: deriveSeed(result.pipeline!, target, result.validation) };
  };
  return { classification, status: 'read', pipeline: imported.pipeline, check };
}

/** The reader worker's answer to an import whose pipeline it handed over first (protocol.ts `PartOf`). */
export type ImportAnswer = Exclude<ImportStart, { status: 'read' }> | ({ classification: Classification; status: 'checked' } & ImportCheck);
