import type { Diagnostic } from '../../core/diagnostics';
import { inputReader } from '../reading/readers';
import { ReadStopped } from '../reading/reader';
import { settleTaken, takeUnchecked } from '../reading/take';
import { afterCanvasShows } from '../common/canvas-shown';
import type { Pipeline } from '../../core/model/types';
import { trackRead } from '../reading/track';
import type { DesignerStore, ImportReport } from '../store/store';
import type { Classification, NamedText } from './classify';
import { IMPORT_REPORT_TITLE } from './outcome';
import type { ImportRequest } from './read-import';
import { readNamedFile } from './read-file';

export type ImportAttempt =
  | { status: 'imported'; report: ImportReport }
  | { status: 'failed'; diagnostics: Diagnostic[] }
  /** Nothing imported yet: the pipeline names nested dag files that were not supplied. */
  | { status: 'needs-nested'; missing: string[] }
  /** The user stopped it: nothing changed. */
  | { status: 'cancelled' };

export async function readFiles(files: readonly File[]): Promise<NamedText[]> {
  return Promise.all(files.map(readNamedFile));
}

export const IMPORT_PROGRESS_TITLE = 'Importing the pipeline';

export interface ImportOptions {
  /** A pipeline whose nested dag files were not all given is not imported yet: the attempt asks for them. */
  askForNested?: boolean;
  /** Files chosen since for missing nested `dag_definition` paths. */
  chosen?: Record<string, NamedText>;
  /** Called with what the files were taken as (for an attempt that asks for nested files again). */
  onClassified?: (classification: Classification) => void;
}

/**
 * Imports files (or a classification made before) off the page's thread, with a progress dialog
 * that can cancel it: on success the pipeline replaces the current one as ONE undo step and the
 * caller shows the report (after closing its own dialog, so the report gets the focus); on failure
 * or cancel nothing changes and the caller shows why.
 */
export async function runImport(source: File[] | Classification, store: DesignerStore, options: ImportOptions = {}): Promise<ImportAttempt> {
  try {
    return await trackRead(store, IMPORT_PROGRESS_TITLE, async (signal, progress) => {
      const request: ImportRequest = {
        source: Array.isArray(source) ? { files: await readFiles(source) } : { classification: source },
        chosen: options.chosen,
        askForNested: options.askForNested,
        target: store.getState().target,
      };
      // The pipeline comes first (the canvas draws it), then its check: see reader.worker.ts.
      const before = store.getState().history.present;
      let taken: Promise<Pipeline> | undefined;
      // The answer is taken once the canvas shows the steps (see below), so that its copy in
      // (~2 MB at 1,000 steps) does not land among the tasks drawing them.
      const onPart = ({ pipeline }: { pipeline: Pipeline }) => {
        taken = takeUnchecked(store, pipeline, signal, progress).then(() => pipeline);
        return taken.then(() => afterCanvasShows(() => store.getState().history.present));
      };
      try {
        const read = await inputReader.run({ read: 'import', ...request }, { signal, onProgress: progress, onPart });
        options.onClassified?.(read.classification);
        if (read.status !== 'checked') return read;
        if (!taken) throw new Error('the reader checked a pipeline it never handed over');
        const pipeline = await taken;
        // Taken now, the check (diagnostics on every node, Problems, the report) would interrupt the
        // canvas's render of the steps and make it start again.
        await afterCanvasShows(() => store.getState().history.present);
        settleTaken(store, pipeline, read.seed, read.diagnostics);
        return { status: 'imported', report: { title: IMPORT_REPORT_TITLE, ok: true, diagnostics: read.diagnostics } };
      } catch (error) {
        // Cancelled, failed or out of time after the pipeline was taken: it is taken back, as a
        // stopped import changes nothing.
        const pipeline = await taken?.catch(() => undefined);
        if (pipeline) {
          store.getState().settle(pipeline);
          store.getState().forgetEditSince(before);
        }
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof ReadStopped && error.reason === 'cancelled') return { status: 'cancelled' };
    const message = error instanceof ReadStopped ? error.message : `the import failed: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 'failed', diagnostics: [{ code: error instanceof ReadStopped && error.reason === 'timeout' ? 'E_IMPORT_TIMEOUT' : 'E_IMPORT_INTERNAL', severity: 'error', message }] };
  }
}
