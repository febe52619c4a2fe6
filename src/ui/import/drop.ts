import type { DesignerStore } from '../store/store';

/**
 * Files dropped on the canvas: classified and imported like files chosen in the import dialog
 * (nested dag files not among them are reported; the dialog asks for them).
 * A refused import opens the report with the errors; the current pipeline stays as it was.
 */
export async function importDroppedFiles(files: File[], store: DesignerStore): Promise<void> {
  // The importer loads with the first drop, not with the page (it is most of its weight).
  const [{ classifyFiles }, { IMPORT_FAILED_TITLE }, { readFiles, runImport }] = await Promise.all([import('./classify'), import('./outcome'), import('./run-import')]);
  const classification = classifyFiles(await readFiles(files));
  const attempt = await runImport(classification, store);
  if (attempt.status === 'imported') store.getState().showImportReport(attempt.report);
  else if (attempt.status === 'failed') store.getState().showImportReport({ title: IMPORT_FAILED_TITLE, ok: false, diagnostics: attempt.diagnostics });
}
