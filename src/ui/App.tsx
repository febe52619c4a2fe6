import { Canvas } from './canvas/Canvas';
import { Notices } from './common/Notices';
import { DiagnosticsList } from './diagnostics/DiagnosticsList';
import { ImportReportDialog } from './import/ImportReportDialog';
import { Palette } from './palette/Palette';
import { PropertiesPanel } from './properties/PropertiesPanel';
import { Toolbar } from './toolbar/Toolbar';
import { YamlPane } from './yaml/YamlPane';
import { useGlobalShortcuts } from './common/useGlobalShortcuts';

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
      <ImportReportDialog />
    </div>
  );
}
