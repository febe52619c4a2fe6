/**
 * Copy, cut, paste and duplicate of the selected steps, through the system clipboard as magnus
 * YAML (so it works across tabs and into a text editor). Each change is one undo step. The copy
 * code (magnus import and export) is loaded on first use, not with the page; a paste is read in
 * the reader worker.
 */
import { deleteSteps, locateStep } from '../../core/model/actions';
import { findStep } from '../../core/model/paths';
import type { DesignerStore } from '../store/store';
import { pastePosition } from './paste-place';
import { stepCount } from './step-count';

const loadClipboard = () => import('../../core/model/clipboard');

/** The selected steps a copy takes: those in the graph of the first one selected. */
function copiedPaths(store: DesignerStore): string[] {
  const { history, selection } = store.getState();
  const pipeline = history.present;
  const known = selection.filter((path) => findStep(pipeline, path) !== undefined);
  if (known.length === 0) return [];
  const graphPath = locateStep(pipeline, known[0]).graphPath;
  return known.filter((path) => locateStep(pipeline, path).graphPath === graphPath);
}

function failed(store: DesignerStore, what: string, error: unknown) {
  store.getState().notify({ kind: 'error', text: `${what}: ${error instanceof Error ? error.message : String(error)}` });
}

/** Whether there is something to copy; the copy itself finishes asynchronously. */
export function copySelection(store: DesignerStore, options: { cut?: boolean } = {}): boolean {
  const paths = copiedPaths(store);
  if (paths.length === 0) return false;
  void (async () => {
    try {
      const { copySteps } = await loadClipboard();
      const pipeline = store.getState().history.present;
      await navigator.clipboard.writeText(copySteps(pipeline, paths));
    } catch (error) {
      failed(store, options.cut ? 'The steps were not cut' : 'The steps were not copied', error);
      return;
    }
    // Only once they are on the clipboard: a cut whose copy failed would lose them.
    if (options.cut) {
      const { apply, select } = store.getState();
      if (apply((p) => deleteSteps(p, paths.filter((path) => findStep(p, path) !== undefined)))) select([]);
    }
    store.getState().notify({ kind: 'info', text: `${options.cut ? 'Cut' : 'Copied'} ${stepCount(paths.length)} to the clipboard as magnus YAML.` });
  })();
  return true;
}

/**
 * Pastes the steps of a magnus text into the graph of the selected step (or the pipeline's own), as
 * one undo step, and selects them; the text is read off the page's thread (paste-text.ts).
 */
export async function pasteText(store: DesignerStore, text: string): Promise<void> {
  let paste: typeof import('./paste-text');
  try {
    paste = await import('./paste-text');
  } catch (error) {
    return failed(store, 'Nothing was pasted', error);
  }
  return paste.pasteCopiedText(store, text);
}

/** Duplicates the selected steps next to them, as one undo step, and selects the copies. */
export function duplicateSelection(store: DesignerStore): boolean {
  const paths = copiedPaths(store);
  if (paths.length === 0) return false;
  void loadClipboard().then(
    ({ duplicateSteps }) => {
      let copies: string[] = [];
      const { apply, select } = store.getState();
      const done = apply((pipeline) => {
        const { graphPath, name } = locateStep(pipeline, paths[0]);
        const result = duplicateSteps(pipeline, paths, pastePosition(pipeline, graphPath, name, name));
        copies = result.paths;
        return result.pipeline;
      });
      if (done) select(copies);
    },
    (error: unknown) => failed(store, 'The steps were not duplicated', error),
  );
  return true;
}
