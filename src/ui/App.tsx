import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Canvas } from './canvas/Canvas';
import { Notices } from './common/Notices';
import { useDesigner } from './store/context';
import { Toolbar } from './toolbar/Toolbar';
import { loadEngine } from './store/engine';
import { PANE_WIDTH } from './yaml/pane-width';
import { AfterFirstPaint } from './common/AfterFirstPaint';
// The places of the parts loaded after the first paint are laid out from the start.
import './properties/properties.css';
import './diagnostics/diagnostics.css';
import './yaml/yaml.css';
import './palette/palette.css';

// Shown only when needed (a report, a read under way, a save not restored): loaded then, not with the page.
const ImportReportDialog = lazy(() => import('./import/ImportReportDialog').then((m) => ({ default: m.ImportReportDialog })));
const RecoveryNotice = lazy(() => import('./recovery/RecoveryNotice').then((m) => ({ default: m.RecoveryNotice })));
const ReadingDialog = lazy(() => import('./reading/ReadingDialog').then((m) => ({ default: m.ReadingDialog })));

// Not needed to draw the pipeline: loaded after its first paint, in the places kept for them.
const Palette = lazy(() => import('./palette/Palette').then((m) => ({ default: m.Palette })));
const PropertiesPanel = lazy(() => import('./properties/PropertiesPanel').then((m) => ({ default: m.PropertiesPanel })));
const DiagnosticsList = lazy(() => import('./diagnostics/DiagnosticsList').then((m) => ({ default: m.DiagnosticsList })));
const SharedLinkPrompt = lazy(() => import('./share/SharedLinkPrompt').then((m) => ({ default: m.SharedLinkPrompt })));
// Its texts are emitted and exported as it renders: it comes with the engine (store/engine.ts).
const YamlPane = lazy(() => Promise.all([import('./yaml/YamlPane'), loadEngine()]).then(([m]) => ({ default: m.YamlPane })));
const palettePlaceholder = <aside className="palette" aria-label="Step palette" aria-busy="true" />;
const propertiesPlaceholder = <aside className="properties" aria-label="Properties" aria-busy="true" />;
const problemsPlaceholder = <section className="problems" aria-label="Problems" aria-busy="true" />;
const yamlPlaceholder = (
  <>
    <div className="pane-splitter" />
    <section className="yaml-pane" aria-label="Generated YAML" aria-busy="true" style={{ width: PANE_WIDTH }} />
  </>
);

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
      <Toolbar />
      <main className="workspace">
        <AfterFirstPaint placeholder={palettePlaceholder}>
          <Palette />
        </AfterFirstPaint>
        <div className="center">
          <Canvas />
          <AfterFirstPaint placeholder={problemsPlaceholder}>
            <DiagnosticsList />
          </AfterFirstPaint>
        </div>
        <AfterFirstPaint placeholder={propertiesPlaceholder}>
          <PropertiesPanel />
        </AfterFirstPaint>
        <AfterFirstPaint placeholder={yamlPlaceholder}>
          <YamlPane />
        </AfterFirstPaint>
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
