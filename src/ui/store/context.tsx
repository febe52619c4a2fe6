import { createContext, useContext, useDeferredValue, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Pipeline } from '../../core/model/types';
import type { DesignerState, DesignerStore } from './store';

const StoreContext = createContext<DesignerStore | null>(null);

export function StoreProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useDesignerStore(): DesignerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDesigner outside <StoreProvider>');
  return store;
}

export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}

export const usePipeline = (): Pipeline => useDesigner((s) => s.history.present);

/**
 * The pipeline for what follows an edit rather than showing it: the canvas. On a keystroke React
 * renders the field first, with the canvas as it was (its derived nodes are cached, so that costs
 * nothing), and paints; then it renders the canvas for the new pipeline (walking every step of a
 * long pipeline), in a render of its own that the next keystroke can interrupt. Forms and the YAML pane take `usePipeline`: the
 * field typed in must show the truth at once, and the YAML follows it in the same frame.
 */
export const useDeferredPipeline = (): Pipeline => useDeferredValue(usePipeline());
