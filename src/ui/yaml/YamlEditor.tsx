import { Editor } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { EmitTarget } from '../../core/emit/index';
import type { Pipeline } from '../../core/model/types';
import type { YamlTab } from '../store/store';
import { markersFor, minimalEdit } from './markers';
import { GENERATED_YAML, monaco } from './monaco-setup';
import { exportedSourceMap } from './source-map';
import { yamlText, type YamlFile } from './yaml-files';

type CodeEditor = monaco.editor.IStandaloneCodeEditor;
type TextModel = monaco.editor.ITextModel;

const MARKER_OWNER = 'kfp-designer';
const ALL_TABS: readonly YamlTab[] = ['pipeline', 'dag', 'config', 'parameters'];
const uriOf = (tab: YamlTab) => monaco.Uri.parse(`file:///${tab}.yaml`);
const languageOf = (tab: YamlTab) => (tab === 'pipeline' ? GENERATED_YAML : 'yaml');
/**
 * How long the page must be quiet before the hidden tabs and the markers catch up. Typing does not
 * wait for them; on a long pipeline they cost more than the keystroke's own update.
 */
const CATCH_UP_MS = 150;

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  readOnly: true,
  // A read-only editor hides squiggles by default; ours are the point of the dag/config tabs.
  renderValidationDecorations: 'on',
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  fontSize: 12,
  // Tab leaves the editor, so keyboard users are not trapped in it.
  tabFocusMode: true,
  // Bracket pairs re-parse the whole file on every change (~300 ms for a 1,000-step workflow) and
  // the block-style YAML shown here has next to no brackets.
  bracketPairColorization: { enabled: false },
  guides: { bracketPairs: false },
};

/**
 * The text each model was last given. The models are read-only, so that is their text, and
 * comparing with it spares Monaco building a 2 MB string on every keystroke.
 */
const givenTexts = new WeakMap<TextModel, string>();

/** Brings a tab's model up to date by replacing only what changed: the reader keeps their place. */
function syncModel(tab: YamlTab, text: string) {
  const model = monaco.editor.getModel(uriOf(tab));
  if (!model) {
    givenTexts.set(monaco.editor.createModel(text, languageOf(tab), uriOf(tab)), text);
    return;
  }
  const before = givenTexts.get(model) ?? model.getValue();
  givenTexts.set(model, text);
  const edit = minimalEdit(before, text);
  if (!edit) return;
  // Mostly new text (an import, another target): replacing the buffer is several times cheaper
  // than inserting tens of thousands of lines into the old one, and there is no place to keep.
  if (edit.text.length > text.length / 2) {
    model.setValue(text);
    return;
  }
  const range = monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end));
  model.applyEdits([{ range, text: edit.text }]);
}

/** Runs `work` once the page has been quiet for CATCH_UP_MS; returns the cancel for an effect. */
function whenQuiet(work: () => void): () => void {
  const timer = setTimeout(work, CATCH_UP_MS);
  return () => clearTimeout(timer);
}

/** Each tab keeps its own scroll position and cursor, as files in an editor do. */
function useShownModel(editor: CodeEditor | null, shown: YamlFile) {
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  useEffect(() => {
    if (!editor) return;
    const model = monaco.editor.getModel(uriOf(shown.tab));
    const current = editor.getModel();
    if (!model || model === current) return;
    if (current) viewStates.current.set(current.uri.toString(), editor.saveViewState());
    editor.setModel(model);
    const saved = viewStates.current.get(model.uri.toString());
    if (saved) editor.restoreViewState(saved);
  }, [editor, shown]);
}

/**
 * One model per tab. The shown one follows every change at once; the hidden ones catch up when the
 * page is quiet (so a tab shows at once when chosen, and tests can read any file), and tabs that
 * disappeared lose theirs.
 */
function useModels(editor: CodeEditor | null, files: readonly YamlFile[], shown: YamlFile, text: string, pipeline: Pipeline, target: EmitTarget) {
  // Declared before the other effects: models must exist before they are shown or marked.
  useEffect(() => {
    if (editor) syncModel(shown.tab, text);
  }, [editor, shown.tab, text]);
  useEffect(() => {
    if (!editor) return;
    return whenQuiet(() => {
      for (const tab of ALL_TABS) {
        if (!files.some((f) => f.tab === tab)) monaco.editor.getModel(uriOf(tab))?.dispose();
        else if (tab !== shown.tab) syncModel(tab, yamlText(pipeline, target, tab));
      }
    });
  }, [editor, files, shown.tab, pipeline, target]);
}

/**
 * Folding and sticky scroll rebuild thousands of regions after every change of a long file (tens of
 * ms each time on a 1,000-step workflow, competing with the next keystroke); past this many lines
 * they are off, and scrolling and search remain.
 */
const FOLDING_MAX_LINES = 20_000;

function useFoldingForSize(editor: CodeEditor | null, shown: YamlFile, text: string) {
  const large = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    const lineCount = editor?.getModel()?.getLineCount();
    if (!editor || lineCount === undefined) return;
    const isLarge = lineCount > FOLDING_MAX_LINES;
    if (isLarge === large.current) return;
    large.current = isLarge;
    editor.updateOptions({ folding: !isLarge, stickyScroll: { enabled: !isLarge } });
  }, [editor, shown, text]);
}

/**
 * Markers on the magnus files, located by re-importing the exported text (a few hundred ms on a
 * long pipeline): only while one of those files is shown, and once typing pauses.
 */
function useMarkers(editor: CodeEditor | null, files: readonly YamlFile[], shown: YamlFile, pipeline: Pipeline, diagnostics: readonly Diagnostic[]) {
  useEffect(() => {
    if (!editor) return;
    if (!shown.source) {
      for (const tab of ALL_TABS) {
        const model = monaco.editor.getModel(uriOf(tab));
        if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      }
      return;
    }
    return whenQuiet(() => {
      // No diagnostics (the usual case), nothing to re-import.
      const located = diagnostics.length > 0 ? exportedSourceMap(pipeline).attach(diagnostics) : [];
      for (const file of files) {
        const model = monaco.editor.getModel(uriOf(file.tab));
        if (model && file.source) monaco.editor.setModelMarkers(model, MARKER_OWNER, markersFor(located, file.source));
      }
    });
  }, [editor, files, shown.source, pipeline, diagnostics]);
}

interface Props {
  files: readonly YamlFile[];
  shown: YamlFile;
  /** The shown file's text. */
  text: string;
  pipeline: Pipeline;
  target: EmitTarget;
  /** All of the pipeline's diagnostics; those located in the magnus files become markers. */
  diagnostics: readonly Diagnostic[];
  /** What to show until the editor is up (the text in a <pre>). */
  placeholder: ReactNode;
}

/** The read-only Monaco editor of the YAML pane; loaded lazily, as Monaco is large. */
export default function YamlEditor({ files, shown, text, pipeline, target, diagnostics, placeholder }: Props) {
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  useModels(editor, files, shown, text, pipeline, target);
  useShownModel(editor, shown);
  useFoldingForSize(editor, shown, text);
  useMarkers(editor, files, shown, pipeline, diagnostics);
  useEffect(() => () => ALL_TABS.forEach((tab) => monaco.editor.getModel(uriOf(tab))?.dispose()), []);
  const options = useMemo(() => ({ ...OPTIONS, ariaLabel: `${shown.label}, read-only` }), [shown.label]);

  return (
    <Editor
      height="100%"
      defaultLanguage={languageOf(shown.tab)}
      defaultPath={uriOf(shown.tab).toString()}
      defaultValue={text}
      keepCurrentModel
      options={options}
      loading={placeholder}
      onMount={(mounted) => setEditor(mounted)}
    />
  );
}
