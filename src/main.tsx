import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/app.css';
import type { Pipeline } from './core/model/types';
import { App } from './ui/App';
import { afterFirstPaint } from './ui/common/first-paint';
import { AppBoundary } from './ui/recovery/AppBoundary';
import { startChecking } from './ui/store/checking';
import { readSaved } from './ui/store/saved';
import { primeDerived, primeDiagnostics, type DerivedSeed, type DiagnosticsSeed } from './ui/store/derived';
import { loadEngine } from './ui/store/engine';
import { loadPlacement } from './ui/layout/load-placement';
import { createDesignerStore, type Recovery } from './ui/store/store';
import { StoreProvider } from './ui/store/context';
import { startTheme } from './ui/theme/theme-store';

/** The built-in example (src/example/), imported at build time by vite.config.ts, and its diagnostics. */
declare const __EXAMPLE_PIPELINE__: Pipeline;
declare const __EXAMPLE_DIAGNOSTICS__: DiagnosticsSeed;
// Each mention of a define is its whole value: named once.
const EXAMPLE = __EXAMPLE_PIPELINE__;
const EXAMPLE_DIAGNOSTICS = __EXAMPLE_DIAGNOSTICS__;

// Before the first render, so a dark page never flashes light.
startTheme();
/** Where the user left off, if that is a pipeline the designer can work with; else the example. */
async function initialState(): Promise<{ pipeline: Pipeline; seed?: DerivedSeed; recovery?: Recovery }> {
  const saved = readSaved(window.localStorage);
  if (saved === null) return { pipeline: EXAMPLE };
  // The save is read, checked, emitted and exported in the reader worker (a long one would stop the
  // page for seconds); the page takes those results as its derived values, and loads the engine
  // meanwhile for the edits to come. A first visit pays for none of it.
  const [{ restoreSaved }, { inputReader }] = await Promise.all([import('./ui/store/restore'), import('./ui/reading/readers'), loadEngine()]);
  const restored = await restoreSaved(saved, window.localStorage, (text) => inputReader.run({ read: 'restore', text }));
  return restored.ok ? { pipeline: restored.pipeline, seed: restored.seed } : { pipeline: EXAMPLE, recovery: restored.recovery };
}

async function start() {
  const { pipeline, seed, recovery } = await initialState();
  const store = createDesignerStore(pipeline);
  if (seed && store.getState().target === seed.target) primeDerived(pipeline, seed);
  if (pipeline === EXAMPLE && store.getState().target === EXAMPLE_DIAGNOSTICS.target) primeDiagnostics(pipeline, EXAMPLE_DIAGNOSTICS);
  void afterFirstPaint().then(loadEngine);
  void afterFirstPaint().then(loadPlacement);
  store.getState().setRecovery(recovery);
  startChecking(store);
  // Saving starts after the first paint too; a change made before then is saved as it starts.
  void afterFirstPaint()
    .then(() => import('./ui/store/autosave'))
    .then(({ startAutosave }) => startAutosave(store, window.localStorage, pipeline));
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
