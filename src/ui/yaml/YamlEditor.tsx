import { Editor } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { YamlTab } from '../store/store';
import { markersFor, minimalEdit } from './markers';
import { monaco } from './monaco-setup';
import type { YamlFile } from './yaml-files';

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

const MARKER_OWNER = 'kfp-designer';
const ALL_TABS: readonly YamlTab[] = ['pipeline', 'dag', 'config', 'parameters'];
const uriOf = (tab: YamlTab) => monaco.Uri.parse(`file:///${tab}.yaml`);

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
};

/** Brings a model's text up to date by replacing only what changed: the reader keeps their place. */
function updateText(model: monaco.editor.ITextModel, text: string) {
  const edit = minimalEdit(model.getValue(), text);
  if (!edit) return;
  const range = monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end));
  model.applyEdits([{ range, text: edit.text }]);
}

/** One model per tab, kept in step with the texts; tabs that disappeared lose theirs. */
function syncModels(files: readonly YamlFile[]) {
  for (const tab of ALL_TABS) {
    const file = files.find((f) => f.tab === tab);
    const model = monaco.editor.getModel(uriOf(tab));
    if (!file) model?.dispose();
    else if (!model) monaco.editor.createModel(file.text, 'yaml', uriOf(tab));
    else updateText(model, file.text);
  }
}

function syncMarkers(files: readonly YamlFile[], diagnostics: readonly Diagnostic[]) {
  for (const file of files) {
    const model = monaco.editor.getModel(uriOf(file.tab));
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, file.source ? markersFor(diagnostics, file.source) : []);
  }
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

interface Props {
  files: readonly YamlFile[];
  shown: YamlFile;
  /** Located in the exported files (exportedSourceMap), for the markers of the dag/config tabs. */
  diagnostics: readonly Diagnostic[];
  /** What to show until the editor is up (the text in a <pre>). */
  placeholder: ReactNode;
}

/** The read-only Monaco editor of the YAML pane; loaded lazily, as Monaco is large. */
export default function YamlEditor({ files, shown, diagnostics, placeholder }: Props) {
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  // Declared before the other effects: models must exist before they are shown or marked.
  useEffect(() => {
    if (editor) syncModels(files);
  }, [editor, files]);
  useShownModel(editor, shown);
  useEffect(() => {
    if (editor) syncMarkers(files, diagnostics);
  }, [editor, files, diagnostics]);
  useEffect(() => () => ALL_TABS.forEach((tab) => monaco.editor.getModel(uriOf(tab))?.dispose()), []);
  const options = useMemo(() => ({ ...OPTIONS, ariaLabel: `${shown.label}, read-only` }), [shown.label]);

  return (
    <Editor
      height="100%"
      defaultLanguage="yaml"
      defaultPath={uriOf(shown.tab).toString()}
      defaultValue={shown.text}
      keepCurrentModel
      options={options}
      loading={placeholder}
      onMount={(mounted) => setEditor(mounted)}
    />
  );
}
