import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/app.css';
import { App } from './ui/App';
import { initialPipeline } from './ui/store/initial';
import { startAutosave } from './ui/store/autosave';
import { createDesignerStore } from './ui/store/store';
import { StoreProvider } from './ui/store/context';

const store = createDesignerStore(initialPipeline(window.localStorage));
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
