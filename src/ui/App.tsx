import { lazy, Suspense, useState, type ReactNode } from 'react';
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

// Shown only when needed (a report, a read under way, a save not restored): loaded then, not with the page.
const ImportReportDialog = lazy(() => import('./import/ImportReportDialog').then((m) => ({ default: m.ImportReportDialog })));
const RecoveryNotice = lazy(() => import('./recovery/RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));
const ReadingDialog = lazy(() => import('./reading/ReadingDialog').then((m) => ({ default: m.ReadingDialog })));

/** A lazily loaded part, from the first time it is needed on: kept, so closing its dialog returns the focus as a dialog does. */
function OnceNeeded({ needed, children }: { needed: boolean; children: ReactNode }) {
  const [kept, setKept] = useState(needed);
  if (needed && !kept) setKept(true);
  return kept ? <Suspense fallback={null}>{children}</Suspense> : null;
}

/** The layout: toolbar; palette | canvas over diagnostics | properties | YAML pane. */
export function App() {
  useGlobalShortcuts();
  const reported = useDesigner((s) => s.importReport !== undefined);
  const reading = useDesigner((s) => s.reading !== undefined);
  const recovering = useDesigner((s) => s.recovery !== undefined);
  return (
    <div className="app">
      <OnceNeeded needed={recovering}>
        <RecoveryNotice />
      </OnceNeeded>
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
      <OnceNeeded needed={reported}>
        <ImportReportDialog />
      </OnceNeeded>
      <SharedLinkPrompt />
      <OnceNeeded needed={reading}>
        <ReadingDialog />
      </OnceNeeded>
    </div>
  );
}
