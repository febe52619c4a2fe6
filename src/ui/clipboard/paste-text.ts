/**
 * Pasting steps (Ctrl/Cmd+V): the text is read in the reader worker (a progress dialog with Cancel
 * after a moment, a time budget), then placed in the graph of the selected step as one undo step.
 * A paste that is cancelled, too slow or not magnus changes nothing. Loaded on the first paste.
 */
import { placeCopiedSteps } from '../../core/model/place-steps';
import { locateStep } from '../../core/model/actions';
import { findStep } from '../../core/model/paths';
import { inputReader } from '../reading/readers';
import { ReadStopped } from '../reading/reader';
import { trackRead } from '../reading/track';
import type { DesignerStore } from '../store/store';
import { pastePosition } from './paste-place';
import { stepCount } from './step-count';
import type { PasteRead } from './read-paste';

export const PASTE_PROGRESS_TITLE = 'Pasting the steps';
export const CANCELLED_PASTE_NOTICE = 'Paste cancelled; nothing changed.';

export async function pasteCopiedText(store: DesignerStore, text: string): Promise<void> {
  const { notify } = store.getState();
  const nothing = (why: string) => notify({ kind: 'error', text: `Nothing was pasted: ${why}` });
  let read: PasteRead;
  try {
    read = await trackRead(store, PASTE_PROGRESS_TITLE, (signal, progress) => inputReader.run({ read: 'paste', text }, { signal, onProgress: progress }));
  } catch (error) {
    if (error instanceof ReadStopped && error.reason === 'cancelled') return notify({ kind: 'info', text: CANCELLED_PASTE_NOTICE });
    return nothing(error instanceof Error ? error.message : String(error));
  }
  if (!read.ok) return nothing(read.message);
  const { copied } = read;
  // Where it goes is decided now, against the pipeline as it is after the read.
  const { history, selection, apply, select } = store.getState();
  const anchor = selection.find((path) => findStep(history.present, path) !== undefined);
  const { graphPath, name } = anchor ? locateStep(history.present, anchor) : { graphPath: '', name: undefined };
  let pasted: string[] = [];
  let done: boolean;
  try {
    done = apply((pipeline) => {
      const result = placeCopiedSteps(pipeline, copied, { graphPath, at: pastePosition(pipeline, graphPath, copied.names[0], name) });
      pasted = result.paths;
      return result.pipeline;
    });
  } catch (error) {
    return nothing(error instanceof Error ? error.message : String(error));
  }
  if (!done) return nothing(`${store.getState().notice?.text ?? ''}.`);
  select(pasted);
  notify({ kind: 'info', text: `Pasted ${stepCount(pasted.length)}.` });
}
