import { Editor } from '@monaco-editor/react';
import { useEditorTheme } from '../theme/theme-store';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { EmitTarget } from '../../core/emit/index';
import type { Pipeline } from '../../core/model/types';
import { useDesignerStore } from '../store/context';
import { isAwaited } from '../store/store';
import { ALL_TABS, EditSession, inSlices, isEditable, languageOf, MARKER_OWNER, tabOf, uriOf } from './edit-session';
import { afterCanvasShows } from '../common/canvas-shown';
import { takeLargePastes } from './large-paste';
import { markersFor } from './markers';
import './magnus-schemas';
import { monaco } from './monaco-setup';
import { exportedSourceMap } from './source-map';
import { yamlDoc, type YamlDoc, type YamlFile } from './yaml-files';

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

/**
 * How long the page must be quiet before the hidden tabs and the markers catch up. Typing does not
 * wait for them; on a long pipeline they cost more than the keystroke's own update.
 */
const CATCH_UP_MS = 150;

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  // A read-only editor hides squiggles by default; they matter in pipeline.yaml too.
  renderValidationDecorations: 'on',
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  fontSize: 12,
  // Tab leaves the editor, so keyboard users are not trapped in it (YAML indents with spaces,
  // which Enter keeps).
  tabFocusMode: true,
  // Bracket pairs re-parse the whole file on every change (~300 ms for a 1,000-step workflow) and
  // the block-style YAML shown here has next to no brackets.
  bracketPairColorization: { enabled: false },
  guides: { bracketPairs: false },
  // Sticky lines from the indentation, which is YAML's structure: from the outline (the default),
  // they asked monaco-yaml for the document's symbols after every change, and Monaco names
  // repeated symbols by a search that grows with their count — ~0.5 s on the page's thread for a
  // 1,000-step dag, where every step has a `type` and a `next`.
  stickyScroll: { defaultModel: 'indentationModel' },
  // monaco-yaml's hovers and completions carry the schema's descriptions; keep them in the pane.
  fixedOverflowWidgets: true,
  // Type into a <textarea>, not a <div> with an EditContext: React Flow's document-wide keys skip
  // inputs only, and with the <div> its Space (pan) swallowed every space typed in the editor.
  editContext: false,
};

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
 * disappeared lose theirs. The session decides whether an editable tab takes the model's text.
 */
function useModels(session: EditSession, editor: CodeEditor | null, files: readonly YamlFile[], shown: YamlFile, doc: YamlDoc, pipeline: Pipeline, target: EmitTarget, newest: RefObject<Pipeline>) {
  // Declared before the other effects: models must exist before they are shown or marked. A layout
  // effect: in the commit of the render that emitted the text, not in a task of its own after it.
  useLayoutEffect(() => {
    if (!editor) return;
    const model = monaco.editor.getModel(uriOf(shown.tab));
    // The editor component creates the first shown model itself.
    if (model) session.watch(shown.tab, model);
    session.offer(shown.tab, pipeline, () => doc);
  }, [session, editor, shown.tab, doc, pipeline]);
  useEffect(() => {
    if (!editor) return;
    let cancelQuiet: (() => void) | undefined;
    let cancelled = false;
    const catchUp = () => {
      for (const tab of ALL_TABS) {
        if (!files.some((f) => f.tab === tab)) {
          monaco.editor.getModel(uriOf(tab))?.dispose();
          session.forget(tab);
        } else if (tab !== shown.tab) session.offer(tab, pipeline, () => yamlDoc(pipeline, target, tab));
      }
    };
    // After the canvas shows the pipeline (canvas-shown.ts): written before it, an import's dag and
    // config tabs (a few tasks of 20–60 ms each) delayed the canvas's first frame of the new steps.
    void afterCanvasShows(() => newest.current).then(() => {
      if (!cancelled) cancelQuiet = whenQuiet(catchUp);
    });
    return () => {
      cancelled = true;
      cancelQuiet?.();
    };
  }, [session, editor, files, shown.tab, pipeline, target]);
}

/**
 * The generated workflow, when shown, follows a change of the pipeline as it is made: emitting the
 * changed step and editing the model cost a few ms, and done here they wait for nothing else — not
 * for React's render of the form, nor for a frame (measured: posted as a task of its own,
 * pipeline.yaml came after the frame, and on a loaded machine long after). The pane's own render
 * then finds the text written (the same string: nothing to do).
 */
function useWorkflowFirst(session: EditSession, editor: CodeEditor | null, shown: YamlFile) {
  const store = useDesignerStore();
  useEffect(() => {
    if (!editor || isEditable(shown.tab)) return;
    const tab = shown.tab;
    return store.subscribe((state, previous) => {
      // A pipeline whose text is awaited is offered by the pane's render once it is here.
      if (state.history.present === previous.history.present || isAwaited(state, state.history.present)) return;
      try {
        session.offer(tab, state.history.present, () => yamlDoc(state.history.present, state.target, tab));
      } catch {
        // A pipeline the emitter cannot take (a bug elsewhere): the pane's own render meets the same
        // error and the app's boundary offers the way out. Thrown here, it would escape from the
        // store's change itself and stop the store's other listeners, React's among them.
      }
    });
  }, [store, session, editor, shown.tab]);
}

/**
 * Folding and sticky scroll rebuild thousands of regions after every change of a long file (tens of
 * ms each time on a 1,000-step workflow, competing with the next keystroke); past this many lines
 * they are off, and scrolling and search remain.
 */
const FOLDING_MAX_LINES = 20_000;

/** Whether the pieces' text has more lines than `max`, without joining or splitting it. */
function hasMoreLines(pieces: readonly string[], max: number): boolean {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  if (length <= max) return false;
  let lines = 1;
  for (const piece of pieces) for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', at + 1)) if (++lines > max) return true;
  return false;
}

function useFoldingForSize(session: EditSession, editor: CodeEditor | null, shown: YamlFile, doc: YamlDoc, newest: RefObject<Pipeline>) {
  const large = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    if (!editor) return;
    // From the text, not the model: a long text replacing the workflow reaches the model after
    // the canvas shows its pipeline (edit-session.ts), and folding is best off before it does. Once
    // the model holds the text (every keystroke's edit), its line count is the same answer without
    // reading ~20,000 lines of a long workflow again (~1 ms of each keystroke at 1,000 steps).
    const lines = session.lineCountOf(shown.tab, doc.pieces);
    const isLarge = lines === undefined ? hasMoreLines(doc.pieces, FOLDING_MAX_LINES) : lines > FOLDING_MAX_LINES;
    if (isLarge === large.current) return;
    large.current = isLarge;
    const update = () => editor.updateOptions({ folding: !isLarge, stickyScroll: { enabled: !isLarge, defaultModel: 'indentationModel' } });
    if (!isLarge) return update();
    // Turning them off renders the editor again (~50 ms): after the canvas shows the new steps,
    // still before the long text's first slice (which waits for a frame after that).
    void afterCanvasShows(() => newest.current).then(() => {
      if (large.current === isLarge) update();
    });
  }, [session, editor, shown, doc]);
}

/**
 * Markers on the magnus files, located by re-importing the exported text (a few hundred ms on a
 * long pipeline): only while one of those files is shown, and once typing pauses.
 */
function useMarkers(session: EditSession, ownership: number, editor: CodeEditor | null, files: readonly YamlFile[], shown: YamlFile, pipeline: Pipeline, diagnostics: readonly Diagnostic[]) {
  useEffect(() => {
    if (!editor) return;
    if (!shown.source) {
      for (const tab of ALL_TABS) {
        const model = monaco.editor.getModel(uriOf(tab));
        // The user's own text keeps the markers of reading it.
        if (model && !session.ownsMarkers(tab)) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      }
      return;
    }
    return whenQuiet(() => {
      // No diagnostics (the usual case), nothing to re-import.
      const located = diagnostics.length > 0 ? exportedSourceMap(pipeline).attach(diagnostics) : [];
      for (const file of files) {
        const model = monaco.editor.getModel(uriOf(file.tab));
        if (model && file.source && !session.ownsMarkers(file.tab)) monaco.editor.setModelMarkers(model, MARKER_OWNER, markersFor(located, file.source));
      }
    });
  }, [session, ownership, editor, files, shown.source, pipeline, diagnostics]);
}

interface Props {
  files: readonly YamlFile[];
  shown: YamlFile;
  /** The shown file's text. */
  doc: YamlDoc;
  pipeline: Pipeline;
  target: EmitTarget;
  /** All of the pipeline's diagnostics; those located in the magnus files become markers. */
  diagnostics: readonly Diagnostic[];
  /** What to show until the editor is up (the text in a <pre>). */
  placeholder: ReactNode;
  /** Long lines wrap at the pane's width. */
  wrap: boolean;
}

/** Ctrl+Z and friends act on the designer's one history, whichever file the editor shows; long pastes skip Monaco's own (large-paste.ts). */
function useHistoryKeys(session: EditSession, editor: CodeEditor | null) {
  useEffect(() => {
    if (!editor) return;
    const tab = () => tabOf(editor.getModel());
    const { KeyMod, KeyCode } = monaco;
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, () => session.undo(tab()));
    editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => session.redo(tab()));
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, () => session.redo(tab()));
    const blur = editor.onDidBlurEditorText(() => session.flush());
    const untake = takeLargePastes(editor);
    return () => {
      blur.dispose();
      untake();
    };
  }, [session, editor]);
}

/**
 * The Monaco editor of the YAML pane, loaded lazily as Monaco is large: pipeline.yaml is generated
 * and read-only; the magnus files can be edited, and a valid edit changes the pipeline.
 */
export default function YamlEditor({ files, shown, doc, pipeline, target, diagnostics, placeholder, wrap }: Props) {
  const store = useDesignerStore();
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  // Bumped when a tab switches between the user's text and the export: its markers change hands.
  const [ownership, setOwnership] = useState(0);
  const [, setWriting] = useState(0);
  const [session] = useState(() => new EditSession(store, () => setOwnership((n) => n + 1), () => setWriting((n) => n + 1)));
  // The text the editor's own first model starts from: read once (a long workflow's is joined then).
  const [initialText] = useState(() => (inSlices(shown.tab, doc.text) ? '' : doc.text));
  // The pipeline the pane shows now: work waiting for the canvas (canvas-shown.ts) follows it.
  const newest = useRef(pipeline);
  newest.current = pipeline;
  useModels(session, editor, files, shown, doc, pipeline, target, newest);
  useWorkflowFirst(session, editor, shown);
  useShownModel(editor, shown);
  useFoldingForSize(session, editor, shown, doc, newest);
  useMarkers(session, ownership, editor, files, shown, pipeline, diagnostics);
  useHistoryKeys(session, editor);
  useEffect(
    () => () => {
      session.dispose();
      ALL_TABS.forEach((tab) => monaco.editor.getModel(uriOf(tab))?.dispose());
    },
    [session],
  );
  const editable = isEditable(shown.tab);
  const options = useMemo(
    () => ({ ...OPTIONS, readOnly: !editable, ariaLabel: editable ? `${shown.label}, editable` : `${shown.label}, read-only`, wordWrap: wrap ? ('on' as const) : ('off' as const) }),
    [shown.label, editable, wrap],
  );

  const theme = useEditorTheme();
  const holding = session.heldBy(shown.tab);
  const writing = session.writingOf(shown.tab);

  return (
    <div className="yaml-editor">
      {holding && (
        // Markers show where; this says that nothing was applied, which markers alone do not.
        <p className="yaml-held" role="status">
          Not applied{holding.line !== undefined ? ` (line ${holding.line}, column ${holding.column ?? 1})` : ''}: {holding.message}. The canvas keeps the last valid pipeline until the text is fixed; Ctrl+Z in the editor drops the text.
        </p>
      )}
      {writing && (
        // A long text comes in slices once the canvas shows its pipeline: until then the tab is empty or cut short.
        // The bar's value changes without being read out at each slice.
        <p className="yaml-writing" role="status">
          Writing {shown.label}… <progress aria-label={`${shown.label} written`} max={writing.total} value={writing.written} />
        </p>
      )}
      <div className="yaml-editor-host" aria-busy={writing ? true : undefined}>
        <Editor
          height="100%"
          defaultLanguage={languageOf(shown.tab)}
          defaultPath={uriOf(shown.tab).toString()}
          defaultValue={initialText}
          keepCurrentModel
          theme={theme}
          options={options}
          loading={placeholder}
          onMount={(mounted) => setEditor(mounted)}
        />
      </div>
    </div>
  );
}
