import { lazy, Suspense, useMemo, useState } from 'react';
import { CopyButton } from '../download/CopyButton';
import { useDesigner } from '../store/context';
import { isAwaited } from '../store/store';
import { useDiagnostics } from '../diagnostics/useDiagnostics';
import { EditorBoundary } from './EditorBoundary';
import { PaneSplitter } from './PaneSplitter';
import { PANE_WIDTH } from './pane-width';
import { TargetSwitch } from './TargetSwitch';
import { textPreview } from './text-preview';
import { useWrapPreference, WrapSwitch } from './WrapSwitch';
import { shownFile, yamlDoc, yamlFiles, type YamlDoc } from './yaml-files';
import { TAB_PANEL_ID, tabId, YamlTabs } from './YamlTabs';
import './yaml.css';

// Monaco is most of the app's weight: it loads after the page, and the text shows in a <pre> meanwhile.
const YamlEditor = lazy(() => import('./YamlEditor'));

const PANE_ID = 'yaml-pane';
const MIN_WIDTH = 260;
const maxWidth = () => Math.max(MIN_WIDTH, Math.round(window.innerWidth * 0.7));

/** The generated Kubeflow YAML and the exported magnus files, always in step with the model. */
export function YamlPane() {
  // The present pipeline, not the deferred one: the shown tab follows a keystroke before its frame
  // (a magnus tab's text must never be offered an older pipeline than the one its edit made). One
  // whose texts are awaited from the reader (an import's, store.ts `waiting`) is shown once they
  // are here: until then, the pipeline before it.
  const pipeline = useDesigner((s) => (isAwaited(s, s.history.present) ? (s.history.past.at(-1) ?? s.history.present) : s.history.present));
  const target = useDesigner((s) => s.target);
  const tab = useDesigner((s) => s.yamlTab);
  const setYamlTab = useDesigner((s) => s.setYamlTab);
  const [width, setWidth] = useState(PANE_WIDTH);
  const [wrap, setWrap] = useWrapPreference();
  const files = yamlFiles(pipeline);
  const shown = shownFile(files, tab);
  // Only the shown file's text: the others are not needed until their tab is (derived.ts caches).
  // The pipeline's text is joined only when something reads it (copy, the <pre> while Monaco loads).
  const doc = yamlDoc(pipeline, target, shown.tab);
  const diagnostics = useDiagnostics();
  const errors = useMemo(() => diagnostics.filter((d) => d.severity === 'error').length, [diagnostics]);
  const placeholder = <TextPreview doc={doc} />;

  return (
    <>
      <PaneSplitter width={width} min={MIN_WIDTH} max={maxWidth()} onResize={setWidth} controls={PANE_ID} />
      <section id={PANE_ID} className="yaml-pane" aria-label="Generated YAML" style={{ width }}>
        <header className="yaml-header">
          <YamlTabs files={files} shown={shown.tab} onSelect={setYamlTab} />
          <div className="yaml-actions">
            {shown.tab === 'pipeline' && <TargetSwitch />}
            <WrapSwitch wrap={wrap} onChange={setWrap} />
            <CopyButton text={() => doc.text} />
          </div>
        </header>
        {shown.tab === 'pipeline' && errors > 0 && (
          <p className="yaml-banner" role="note">
            {errors === 1 ? '1 error — fix it to download' : `${errors} errors — fix them to download`}
          </p>
        )}
        <div id={TAB_PANEL_ID} role="tabpanel" aria-labelledby={tabId(shown.tab)} className="yaml-body">
          <EditorBoundary fallback={placeholder}>
            <Suspense fallback={placeholder}>
              <YamlEditor files={files} shown={shown} doc={doc} pipeline={pipeline} target={target} diagnostics={diagnostics} placeholder={placeholder} wrap={wrap} />
            </Suspense>
          </EditorBoundary>
        </div>
      </section>
    </>
  );
}

/** The text in a <pre> until the editor is up (read only when React shows it); its head only when long. */
function TextPreview({ doc }: { doc: YamlDoc }) {
  const { shown, more } = textPreview(doc.text);
  return (
    <pre className="yaml-text">
      {shown}
      {more}
    </pre>
  );
}
