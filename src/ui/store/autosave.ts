import type { Pipeline } from '../../core/model/types';
import type { DesignerStore } from './store';

/** Versioned, so a later model change can migrate or refuse old saves instead of misreading them. */
export const AUTOSAVE_KEY = 'kfp-designer.pipeline.v1';

/**
 * The last saved pipeline, if there is one that still looks like a pipeline. A save that cannot be
 * read is kept aside under another key rather than thrown away.
 */
export function loadSaved(storage: Storage): Pipeline | undefined {
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return undefined; // storage disabled (private mode): start fresh, nothing to lose
  }
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (isPipelineShaped(value)) return value;
  } catch {
    // fall through: unreadable
  }
  try {
    storage.setItem(`${AUTOSAVE_KEY}.unreadable`, text);
  } catch {
    // nothing more we can do
  }
  return undefined;
}

function isPipelineShaped(value: unknown): value is Pipeline {
  if (!value || typeof value !== 'object') return false;
  const p = value as Partial<Pipeline>;
  return (
    !!p.dag &&
    Array.isArray(p.dag.steps) &&
    !!p.executor &&
    Array.isArray(p.executor.profiles) &&
    Array.isArray(p.services) &&
    Array.isArray(p.parameters) &&
    Array.isArray(p.variables) &&
    !!p.files &&
    typeof p.files.dag === 'string' &&
    !!p.layout &&
    typeof p.layout === 'object'
  );
}

/**
 * Saves on every change of the pipeline. Writes are deferred to the next task so that a burst of
 * changes (a drag, typing) costs one write and never delays the update the user is waiting for.
 */
export function startAutosave(store: DesignerStore, storage: Storage): () => void {
  let pending: Pipeline | undefined;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(pending));
    } catch (error) {
      store.getState().notify({ kind: 'error', text: `Could not save your work in this browser: ${String(error)}` });
    }
    pending = undefined;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.history.present === previous.history.present) return;
    pending = state.history.present;
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  });
  const flushOnHide = () => flush();
  window.addEventListener('pagehide', flushOnHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flushOnHide);
    flush();
  };
}
