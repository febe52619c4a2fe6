import type { DesignerStore } from '../store/store';
import { classifyFiles } from './classify';
import { IMPORT_FAILED_TITLE } from './outcome';
import { readFiles, runImport } from './run-import';

/**
 * Files dropped on the canvas: classified and imported like files chosen in the import dialog.
 * A refused import opens the report with the errors; the current pipeline stays as it was.
 */
export async function importDroppedFiles(files: File[], store: DesignerStore): Promise<void> {
  const classification = classifyFiles(await readFiles(files));
  const attempt = await runImport(classification, store);
  store.getState().showImportReport(attempt.ok ? attempt.report : { title: IMPORT_FAILED_TITLE, ok: false, diagnostics: attempt.diagnostics });
}
