/**
 * The page's first paint of the pipeline: the canvas says when its first steps are drawn, and what
 * is not needed to draw them — the properties forms, Monaco, the validator and the emitters — loads
 * after it, so the first view costs the JavaScript of the canvas and little more.
 */
import { useEffect, useSyncExternalStore } from 'react';

/** Steps the canvas has not measured by then (a slow machine, nodes off screen) do not hold the rest back longer. */
const CEILING_MS = 500;

let painted = false;
const listeners = new Set<() => void>();
let resolvePainted: () => void;
const paintedPromise = new Promise<void>((resolve) => (resolvePainted = resolve));

function markPainted() {
  if (painted) return;
  painted = true;
  resolvePainted();
  for (const listener of listeners) listener();
  listeners.clear();
}

/**
 * Called by the canvas: `drawn` once its nodes are measured (React Flow shows them from then on)
 * or there are none. The frame that shows them is painted after the next animation frame callback.
 */
export function useSignalFirstPaint(drawn: boolean) {
  useEffect(() => {
    if (painted) return;
    const ceiling = setTimeout(markPainted, CEILING_MS);
    if (!drawn) return () => clearTimeout(ceiling);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(markPainted)));
    return () => {
      clearTimeout(ceiling);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [drawn]);
}

export const afterFirstPaint = (): Promise<void> => paintedPromise;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** True from the first paint of the pipeline on. */
export const useFirstPaintDone = (): boolean => useSyncExternalStore(subscribe, () => painted);
