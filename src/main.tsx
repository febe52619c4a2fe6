import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/app.css';
import type { Pipeline } from './core/model/types';
import { App } from './ui/App';
import { AppBoundary } from './ui/recovery/AppBoundary';
import { startAutosave } from './ui/store/autosave';
import { startChecking } from './ui/store/checking';
import { readSaved } from './ui/store/saved';
import { createDesignerStore, type Recovery } from './ui/store/store';
import { StoreProvider } from './ui/store/context';
import { startTheme } from './ui/theme/theme-store';

/** The built-in example (src/example/), imported at build time by vite.config.ts. */
declare const __EXAMPLE_PIPELINE__: Pipeline;

// Before the first render, so a dark page never flashes light.
startTheme();
/** Where the user left off, if that is a pipeline the designer can work with; else the example. */
async function initialState(): Promise<{ pipeline: Pipeline; recovery?: Recovery }> {
  const saved = readSaved(window.localStorage);
  if (saved === null) return { pipeline: __EXAMPLE_PIPELINE__ };
  // The check is loaded only when there is a save to check (a first visit does not pay for it).
  const { restoreSaved } = await import('./ui/store/restore');
  const restored = restoreSaved(saved, window.localStorage);
  return restored.ok ? { pipeline: restored.pipeline } : { pipeline: __EXAMPLE_PIPELINE__, recovery: restored.recovery };
}

async function start() {
  const { pipeline, recovery } = await initialState();
  const store = createDesignerStore(pipeline);
  store.getState().setRecovery(recovery);
  startAutosave(store, window.localStorage);
  startChecking(store);
  // Test hook: end-to-end tests read the model the way the app does, never to change it behind its back.
  (window as unknown as { __designer?: typeof store }).__designer = store;

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StoreProvider store={store}>
        <AppBoundary store={store}>
          <App />
        </AppBoundary>
      </StoreProvider>
    </StrictMode>,
  );
}

void start();
