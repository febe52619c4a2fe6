import type { DesignerStore } from '../store/store';

/**
 * Files dropped on the canvas: classified and imported like files chosen in the import dialog
 * (nested dag files not among them are reported; the dialog asks for them), off the page's thread
 * with a progress dialog that can cancel. A refused import opens the report with the errors; the
 * current pipeline stays as it was.
 */
export async function importDroppedFiles(files: File[], store: DesignerStore): Promise<void> {
  // The importer loads with the first drop, not with the page (it is most of its weight).
  const [{ IMPORT_FAILED_TITLE }, { runImport }] = await Promise.all([import('./outcome'), import('./run-import')]);
  const attempt = await runImport(files, store);
  if (attempt.status === 'imported') store.getState().showImportReport(attempt.report);
  else if (attempt.status === 'failed') store.getState().showImportReport({ title: IMPORT_FAILED_TITLE, ok: false, diagnostics: attempt.diagnostics });
  else if (attempt.status === 'cancelled') store.getState().notify({ kind: 'info', text: IMPORT_CANCELLED });
}

export const IMPORT_CANCELLED = 'Import cancelled; nothing changed.';
