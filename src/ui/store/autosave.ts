import type { Pipeline } from '../../core/model/types';
import { AUTOSAVE_KEY, isQuotaExceeded } from './saved';
import type { DesignerState, DesignerStore } from './store';

export const STORAGE_FULL_NOTICE =
  "This browser's storage is full: your latest changes are not saved in it (the last save is kept). Keep working, and download your files to keep them; saving resumes by itself once there is room.";

/** A save that could not be restored nor copied aside stays where it is until the user has downloaded it. */
const holdsTheSaveSlot = ({ recovery }: DesignerState) => recovery !== undefined && recovery.keptAs === undefined && !recovery.downloaded;

/**
 * Saves on every change of the pipeline. Writes are deferred to the next task so that a burst of
 * changes (a drag, typing) costs one write and never delays the update the user is waiting for.
 * A write that fails leaves the last save as it was (a failed setItem changes nothing); storage
 * full is said once, not on every keystroke, and said again only after a save has worked since.
 */
export function startAutosave(store: DesignerStore, storage: Storage, since?: Pipeline): () => void {
  let pending: Pipeline | undefined;
  let scheduled = false;
  let failing = false;
  const flush = () => {
    scheduled = false;
    if (!pending || holdsTheSaveSlot(store.getState())) return;
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(pending));
      failing = false;
    } catch (error) {
      if (!failing) {
        const text = isQuotaExceeded(error) ? STORAGE_FULL_NOTICE : `Could not save your work in this browser (${String(error)}); the last save is kept.`;
        store.getState().notify({ kind: 'error', text });
      }
      failing = true;
    }
    pending = undefined;
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.history.present !== previous.history.present) {
      pending = state.history.present;
      schedule();
    } else if (holdsTheSaveSlot(previous) && !holdsTheSaveSlot(state) && pending) schedule();
  });
  // `since`: the pipeline the page opened with, when saving starts after it may have changed.
  if (since !== undefined && store.getState().history.present !== since) {
    pending = store.getState().history.present;
    schedule();
  }
  const flushOnHide = () => flush();
  window.addEventListener('pagehide', flushOnHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flushOnHide);
    flush();
  };
}
