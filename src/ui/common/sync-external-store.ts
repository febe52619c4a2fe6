// What `use-sync-external-store/shim` gives React Flow's store (through zustand's traditional API):
// React 19 has the hook itself, so the shim for React 17 and older is not shipped (vite.config.ts).
export { useSyncExternalStore } from 'react';
