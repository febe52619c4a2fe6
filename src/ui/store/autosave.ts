import type { Pipeline } from '../../core/model/types';
import { AUTOSAVE_KEY, isQuotaExceeded } from './saved';
import { isAwaited, type DesignerState, type DesignerStore } from './store';

export const STORAGE_FULL_NOTICE =
  "This browser's storage is full: your latest changes are not saved in it (the last save is kept). Keep working, and download your files to keep them; saving resumes by itself once there is room.";

/** A save that could not be restored nor copied aside stays where it is until the user has downloaded it. */
const holdsTheSaveSlot = ({ recovery }: DesignerState) => recovery !== undefined && recovery.keptAs === undefined && !recovery.downloaded;

/**
 * A write serializes the whole pipeline (~10 ms at 1,000 steps): it waits for typing to pause, so
 * it never lands between a keystroke and its echo, but never longer than the most a crash may lose.
 */
export const SAVE_PAUSE_MS = 400;
export const SAVE_AT_MOST_EVERY_MS = 2_000;

/**
 * Saves on every change of the pipeline. Writes wait for a pause (SAVE_PAUSE_MS) so that a burst
 * of changes (a drag, typing) costs one write and never delays the update the user is waiting for;
 * leaving the page writes at once.
 * A write that fails leaves the last save as it was (a failed setItem changes nothing); storage
 * full is said once, not on every keystroke, and said again only after a save has worked since.
 */
export function startAutosave(store: DesignerStore, storage: Storage, openedWith?: Pipeline): () => void {
  let pending: Pipeline | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change not yet written was made. */
  let since: number | undefined;
  let failing = false;
  /**
   * `now`: the page is going away. Otherwise a pipeline whose check is awaited (an import being
   * drawn, store.ts `waiting`) is written once it has arrived: serializing 1,000 steps before the
   * canvas had drawn them delayed their frame.
   */
  const flush = (now = false) => {
    clearTimeout(timer);
    timer = undefined;
    if (!now && pending && isAwaited(store.getState(), pending)) return;
    since = undefined;
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
    const now = Date.now();
    since ??= now;
    clearTimeout(timer);
    timer = setTimeout(() => flush(), Math.max(0, Math.min(SAVE_PAUSE_MS, since + SAVE_AT_MOST_EVERY_MS - now)));
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.history.present !== previous.history.present) {
      pending = state.history.present;
      schedule();
    } else if (((holdsTheSaveSlot(previous) && !holdsTheSaveSlot(state)) || (previous.waiting && !state.waiting)) && pending) schedule();
  });
  // `openedWith`: the pipeline the page opened with, when saving starts after it may have changed.
  if (openedWith !== undefined && store.getState().history.present !== openedWith) {
    pending = store.getState().history.present;
    schedule();
  }
  const flushOnHide = () => flush(true);
  window.addEventListener('pagehide', flushOnHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flushOnHide);
    flush(true);
  };
}
