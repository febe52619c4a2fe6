import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/app.css';
import type { Pipeline } from './core/model/types';
import { App } from './ui/App';
import { loadSaved, startAutosave } from './ui/store/autosave';
import { createDesignerStore } from './ui/store/store';
import { StoreProvider } from './ui/store/context';
import { startTheme } from './ui/theme/theme-store';

/** The built-in example (src/example/), imported at build time by vite.config.ts. */
declare const __EXAMPLE_PIPELINE__: Pipeline;

// Before the first render, so a dark page never flashes light.
startTheme();
// Where the user left off, else the example.
const store = createDesignerStore(loadSaved(window.localStorage) ?? __EXAMPLE_PIPELINE__);
startAutosave(store, window.localStorage);
// Test hook: end-to-end tests read the model the way the app does, never to change it behind its back.
(window as unknown as { __designer?: typeof store }).__designer = store;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
