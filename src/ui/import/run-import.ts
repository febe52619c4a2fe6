import { loadPipeline } from '../../core/transpile';
import type { Diagnostic } from '../../core/diagnostics';
import { withAutoLayout } from '../layout/auto-layout';
import type { DesignerStore, ImportReport } from '../store/store';
import type { Classification, NamedText } from './classify';
import { missingNestedFiles } from './nested-files';
import { readNamedFile } from './read-file';
import { failureDiagnostics, IMPORT_REPORT_TITLE, isFailedImport, successDiagnostics } from './outcome';

export type ImportAttempt =
  | { status: 'imported'; report: ImportReport }
  | { status: 'failed'; diagnostics: Diagnostic[] }
  /** Nothing imported yet: the pipeline names nested dag files that were not supplied. */
  | { status: 'needs-nested'; missing: string[] };

export async function readFiles(files: readonly File[]): Promise<NamedText[]> {
  return Promise.all(files.map(readNamedFile));
}

/**
 * Imports the classified files: on success the pipeline replaces the current one as ONE undo step
 * and the caller shows the report (after closing its own dialog, so the report gets the focus);
 * on failure nothing changes and the caller shows the errors. With `askForNested`, a pipeline
 * whose nested dag files were not all supplied is not imported yet: the caller asks for them.
 */
export async function runImport(classification: Classification, store: DesignerStore, options: { askForNested?: boolean } = {}): Promise<ImportAttempt> {
  if (!classification.input || classification.problems.length > 0) return { status: 'failed', diagnostics: failureDiagnostics(classification) };
  const result = loadPipeline(classification.input);
  if (!result.pipeline || isFailedImport(result)) return { status: 'failed', diagnostics: failureDiagnostics(classification, result) };
  if (options.askForNested) {
    const missing = missingNestedFiles(result);
    if (missing.length > 0) return { status: 'needs-nested', missing };
  }
  const imported = result.pipeline;
  // A layout that fails (worker blocked) is no reason to lose the import: the canvas places unplaced steps itself.
  const placed = await withAutoLayout(imported, { onlyMissing: true }).catch(() => imported);
  store.getState().replace(placed);
  return { status: 'imported', report: { title: IMPORT_REPORT_TITLE, ok: true, diagnostics: successDiagnostics(classification, result) } };
}
