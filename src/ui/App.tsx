import { lazy, Suspense, useState } from 'react';
import { Canvas } from './canvas/Canvas';
import { Notices } from './common/Notices';
import { DiagnosticsList } from './diagnostics/DiagnosticsList';
import { Palette } from './palette/Palette';
import { PropertiesPanel } from './properties/PropertiesPanel';
import { useDesigner } from './store/context';
import { Toolbar } from './toolbar/Toolbar';
import { YamlPane } from './yaml/YamlPane';
import { useGlobalShortcuts } from './common/useGlobalShortcuts';
import { SharedLinkPrompt } from './share/SharedLinkPrompt';

// Shown only after an import, and it brings the importer's code with it: loaded then, not with the page.
const ImportReportDialog = lazy(() => import('./import/ImportReportDialog').then((m) => ({ default: m.ImportReportDialog })));

/** The import report, loaded with the first report and kept from then on, so closing it returns the focus as a dialog does. */
function LazyImportReport() {
  const reported = useDesigner((s) => s.importReport !== undefined);
  const [needed, setNeeded] = useState(reported);
  if (reported && !needed) setNeeded(true);
  return needed ? (
    <Suspense fallback={null}>
      <ImportReportDialog />
    </Suspense>
  ) : null;
}

/** The layout: toolbar; palette | canvas over diagnostics | properties | YAML pane. */
export function App() {
  useGlobalShortcuts();
  return (
    <div className="app">
      <Toolbar />
      <main className="workspace">
        <Palette />
        <div className="center">
          <Canvas />
          <DiagnosticsList />
        </div>
        <PropertiesPanel />
        <YamlPane />
      </main>
      <Notices />
      <LazyImportReport />
      <SharedLinkPrompt />
    </div>
  );
}
