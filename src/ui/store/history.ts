/**
 * Undo/redo by user intent. Each commit is one step back, except consecutive commits that carry
 * the same coalescing key (the keystrokes of one form field, say), which fold into the first one's
 * step, so undo goes back to before the user started typing, not one character.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Key of the last commit, while further commits with the same key should fold into it. */
  openKey?: string;
}

export const HISTORY_LIMIT = 200;

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] });

export function commit<T>(history: History<T>, next: T, coalesceKey?: string): History<T> {
  if (next === history.present) return history;
  if (coalesceKey !== undefined && coalesceKey === history.openKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], openKey: coalesceKey };
}

/** Ends a coalescing run (a field lost focus): the next commit starts a new undo step. */
export const closeRun = <T>(history: History<T>): History<T> => (history.openKey === undefined ? history : { ...history, openKey: undefined });

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1) };
}
