import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Canvas } from './canvas/Canvas';
import { Notices } from './common/Notices';
import { Palette } from './palette/Palette';
import { useDesigner } from './store/context';
import { Toolbar } from './toolbar/Toolbar';
import { YamlPane } from './yaml/YamlPane';
import { AfterFirstPaint } from './common/AfterFirstPaint';
// The places of the parts loaded after the first paint are laid out from the start.
import './properties/properties.css';
import './diagnostics/diagnostics.css';

// Shown only when needed (a report, a read under way, a save not restored): loaded then, not with the page.
const ImportReportDialog = lazy(() => import('./import/ImportReportDialog').then((m) => ({ default: m.ImportReportDialog })));
const RecoveryNotice = lazy(() => import('./recovery/RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));
const ReadingDialog = lazy(() => import('./reading/ReadingDialog').then((m) => ({ default: m.ReadingDialog })));

// Not needed to draw the pipeline: loaded after its first paint, in the places kept for them.
const PropertiesPanel = lazy(() => import('./properties/PropertiesPanel').then((m) => ({ default: m.PropertiesPanel })));
const DiagnosticsList = lazy(() => import('./diagnostics/DiagnosticsList').then((m) => ({ default: m.DiagnosticsList })));
const GlobalShortcuts = lazy(() => import('./common/GlobalShortcuts').then((m) => ({ default: m.GlobalShortcuts })));
const SharedLinkPrompt = lazy(() => import('./share/SharedLinkPrompt').then((m) => ({ default: m.SharedLinkPrompt })));
const propertiesPlaceholder = <aside className="properties" aria-label="Properties" aria-busy="true" />;
const problemsPlaceholder = <section className="problems" aria-label="Problems" aria-busy="true" />;

/** A lazily loaded part, from the first time it is needed on: kept, so closing its dialog returns the focus as a dialog does. */
function OnceNeeded({ needed, children }: { needed: boolean; children: ReactNode }) {
  const [kept, setKept] = useState(needed);
  if (needed && !kept) setKept(true);
  return kept ? <Suspense fallback={null}>{children}</Suspense> : null;
}

/** The layout: toolbar; palette | canvas over diagnostics | properties | YAML pane. */
export function App() {
  const reported = useDesigner((s) => s.importReport !== undefined);
  const reading = useDesigner((s) => s.reading !== undefined);
  const recovering = useDesigner((s) => s.recovery !== undefined);
  return (
    <div className="app">
      <OnceNeeded needed={recovering}>
        <RecoveryNotice />
      </OnceNeeded>
      <AfterFirstPaint>
        <GlobalShortcuts />
      </AfterFirstPaint>
      <Toolbar />
      <main className="workspace">
        <Palette />
        <div className="center">
          <Canvas />
          <AfterFirstPaint placeholder={problemsPlaceholder}>
            <DiagnosticsList />
          </AfterFirstPaint>
        </div>
        <AfterFirstPaint placeholder={propertiesPlaceholder}>
          <PropertiesPanel />
        </AfterFirstPaint>
        {/* Its text is emitted as it renders: an edit made before the emitters arrived (store/engine.ts) waits for them here. */}
        <Suspense fallback={null}>
          <YamlPane />
        </Suspense>
      </main>
      <Notices />
      <OnceNeeded needed={reported}>
        <ImportReportDialog />
      </OnceNeeded>
      <AfterFirstPaint>
        <SharedLinkPrompt />
      </AfterFirstPaint>
      <OnceNeeded needed={reading}>
        <ReadingDialog />
      </OnceNeeded>
    </div>
  );
}
