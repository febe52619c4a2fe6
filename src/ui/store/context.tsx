import { createContext, useContext, type ReactNode } from 'react';
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
