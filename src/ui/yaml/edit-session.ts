/**
 * The YAML pane's models, and the editing of the magnus files in them: the model's changes are
 * written into the tabs, the user's edits of the dag/config/parameters tabs are read (off the
 * page's thread by the reader worker, within its time budget, once typing pauses) and committed as one undo step each. What to keep and what to
 * overwrite is decided by draft.ts.
 */
import type { Diagnostic } from '../../core/diagnostics';
import type { MagnusFileKind } from '../../core/magnus/edit-file';
import type { Pipeline } from '../../core/model/types';
import { idle, primeDerived, validation, warmsUp } from '../store/derived';
import { loadEngine } from '../store/engine';
import type { EmitTarget } from '../../core/emit/index';
import type { DesignerStore, YamlTab } from '../store/store';
import { follow, isPending, showsExport, showsOwnText, type Draft } from './draft';
import { Reader, ReadStopped } from '../reading/reader';
import ReaderWorker from '../reading/reader.worker?worker';
import { lineWiseEdits, markersFor, minimalEdit, piecesEdit, type TextEdit } from './markers';
import { GENERATED_YAML, monaco } from './monaco-setup';
import { errorKey, type EditRequest, type EditResult } from './read-edit';
import { shareUnchanged } from './share-unchanged';
import { writeInSlices } from './slices';
import { afterCanvasShows } from '../common/canvas-shown';
import { afterNextFrame } from '../common/next-frame';
import { yamlText, type YamlDoc } from './yaml-files';

type TextModel = monaco.editor.ITextModel;

export const MARKER_OWNER = 'kfp-designer';
export const ALL_TABS: readonly YamlTab[] = ['pipeline', 'dag', 'config', 'parameters'];
export const uriOf = (tab: YamlTab) => monaco.Uri.parse(`file:///${tab}.yaml`);
export const languageOf = (tab: YamlTab) => (tab === 'pipeline' ? GENERATED_YAML : 'yaml');
export const isEditable = (tab: YamlTab): tab is MagnusFileKind => tab !== 'pipeline';
export const tabOf = (model: TextModel | null | undefined): YamlTab | undefined => ALL_TABS.find((tab) => model?.uri.toString() === uriOf(tab).toString());

/**
 * How long typing must pause before the text is read: reading a 1,000-step dag file takes ~0.5 s
 * (in a worker, so typing never waits for it), and a text read mid-word is mostly an error anyway.
 */
export const READ_DELAY_MS = 250;

/**
 * From this size on, the generated workflow replaced wholesale (an import, another target) is given
 * to Monaco once the canvas shows the change, after the next frame: Monaco takes ~0.5 s per 2 MB,
 * and its slices, given the page first, kept React from drawing the canvas (canvas-shown.ts). Keystrokes change a few lines, which are applied at once whatever the size.
 */
const REPLACE_LATER_FROM = 256 * 1024;

/**
 * Whether a new model of `tab` starts empty and is given `text` in slices, like a replacement: a
 * long generated text (a restored 5,000-step pipeline's) made whole into a model took the page for
 * one long task. For the editor's own first model too.
 */
export const inSlices = (tab: YamlTab, text: string) => !isEditable(tab) && text.length >= REPLACE_LATER_FROM;

/**
 * Whether most of `next`'s steps are not `base`'s (a text pasted over the file): its derived values
 * are then best taken from the reader, while an edit of a few steps is derived faster on the page
 * (the emitter reuses the unchanged steps' text, and pipeline.yaml compares its pieces).
 */
function mostlyNew(base: Pipeline, next: Pipeline): boolean {
  const before = new Set<object>(base.dag.steps);
  let shared = 0;
  for (const step of next.dag.steps) if (before.has(step)) shared++;
  return shared * 2 < next.dag.steps.length;
}

/** Bracket colouring parses the whole generated file on every render, for block YAML with next to no brackets. */
const withoutBracketColours = (model: TextModel) => model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });

/**
 * What the generated workflow's model was last given. It is read-only, so that is its text, and
 * comparing with it spares Monaco building a 2 MB string on every keystroke; given as pieces, only
 * the pieces are compared (see writeWorkflow) and the text is joined only when a replacement needs it.
 */
const given = new WeakMap<TextModel, { pieces?: readonly string[]; text: () => string }>();
const givenText = (model: TextModel) => given.get(model)?.text();

/**
 * A read's answer carries the workflow's text without its pieces (structured clone leaves them
 * out), so a model given it holds one piece, and the first keystroke after an import compared the
 * keystroke's 5,000 pieces with it by joining them into a second 1.9 MB text. Once the page is
 * idle, the page's own emission of the same pipeline (the pieces the emitter keeps, which the next
 * edit's emission shares) is taken as what the model holds, if its text is the same.
 */
function adoptEmittedPieces(model: TextModel, pipeline: Pipeline, target: EmitTarget) {
  // Emitting costs a keystroke's emission once the emitter is warmed for the pipeline, but a cold
  // one (most of a second at 5,000 steps) where it is not: the keystroke is left to compare then.
  if (!warmsUp(pipeline)) return;
  const held = given.get(model);
  idle(() =>
    void loadEngine().then(({ emitPipeline }) => {
      if (model.isDisposed() || given.get(model) !== held || !held?.pieces) return;
      const { pieces } = emitPipeline(pipeline, { target });
      if (pieces && piecesEdit(held.pieces, pieces) === undefined) given.set(model, { pieces, text: held.text });
    }),
  );
}

/** A long text waiting to be given to a read-only tab (EditSession's `later`). */
interface Replacement {
  text: string;
  pieces?: readonly string[];
  pipeline: Pipeline;
  written: number;
}

export class EditSession {
  private readonly drafts = new Map<YamlTab, Draft>();
  private readonly timers = new Map<YamlTab, ReturnType<typeof setTimeout>>();
  /** The read in flight per tab: what it was asked against. */
  private readonly asked = new Map<YamlTab, { id: number; base: Pipeline; version: number }>();
  private readonly watched = new WeakSet<TextModel>();
  /** Per tab whose text is held back, the first error that holds it (said above the editor). */
  private readonly held = new Map<YamlTab, Diagnostic>();
  private reader?: Reader;
  private nextId = 0;
  /** Set while the designer itself writes into a model: those changes are not the user's edits. */
  private writing = false;
  /**
   * Per read-only tab, the text it is given after the next frame (REPLACE_LATER_FROM), and how much
   * of it is written; with the pieces it was joined from, which the model then holds as given.
   */
  private readonly later = new Map<YamlTab, Replacement>();

  /**
   * `changed` is called when whose text a tab shows changes (the editor then redoes its markers),
   * `progressed` as a long text is written (writingOf).
   */
  constructor(
    private readonly store: DesignerStore,
    private readonly changed: () => void,
    private readonly progressed: () => void = () => {},
  ) {}

  /** The tab's text for the model's `pipeline`: its export, unless the tab holds the user's text. */
  offer(tab: YamlTab, pipeline: Pipeline, doc: () => YamlDoc) {
    if (!isEditable(tab)) {
      this.writeWorkflow(tab, doc(), pipeline);
      return;
    }
    const text = () => doc().text;
    const before = this.drafts.get(tab);
    const { draft, sync } = follow(before, pipeline);
    this.drafts.set(tab, draft);
    if (sync) this.write(tab, text());
    if (showsOwnText(before) !== showsOwnText(draft)) this.changed();
  }

  /**
   * The line count of the generated workflow's model while it holds `pieces` (what it was last
   * given), at no cost: Monaco keeps it. Undefined otherwise (another text, a replacement waiting).
   */
  lineCountOf(tab: YamlTab, pieces: readonly string[]): number | undefined {
    const model = monaco.editor.getModel(uriOf(tab));
    return model && !this.later.has(tab) && given.get(model)?.pieces === pieces ? model.getLineCount() : undefined;
  }

  /** Whether the tab shows the user's text, whose markers come from reading it (set here). */
  ownsMarkers(tab: YamlTab): boolean {
    return showsOwnText(this.drafts.get(tab));
  }

  /** Why the tab's text is not applied, while it is held back. */
  heldBy(tab: YamlTab): Diagnostic | undefined {
    return this.held.get(tab);
  }

  /** How much of a long text still to be written into the tab is there (REPLACE_LATER_FROM), while it is written. */
  writingOf(tab: YamlTab): { written: number; total: number } | undefined {
    const waiting = this.later.get(tab);
    return waiting && { written: waiting.written, total: waiting.text.length };
  }

  /** Ctrl+Z in the editor: drops text not yet applied, else undoes the last change of the pipeline. */
  undo(tab: YamlTab | undefined) {
    if (tab && isPending(this.drafts.get(tab))) this.discard(tab);
    else this.store.getState().undo();
  }

  redo(tab: YamlTab | undefined) {
    if (!tab || !isPending(this.drafts.get(tab))) this.store.getState().redo();
  }

  /** Reads now what waits for a pause in typing (the editor lost focus). */
  flush() {
    for (const [tab, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(tab);
      this.read(tab);
    }
  }

  /** A tab that disappeared (its model is disposed). */
  forget(tab: YamlTab) {
    this.held.delete(tab);
    this.drafts.delete(tab);
    this.asked.delete(tab);
    clearTimeout(this.timers.get(tab));
    this.timers.delete(tab);
  }

  /** Stops the reader; a later edit starts another (React's StrictMode unmounts once in development). */
  dispose() {
    for (const tab of ALL_TABS) this.forget(tab);
    this.later.clear();
    this.reader?.dispose();
    this.reader = undefined;
  }

  /** Brings a model to `text` (joined from `pieces`, if given) replacing only what changed, so the reader keeps their place. */
  private write(tab: YamlTab, text: string, pipeline = this.store.getState().history.present, pieces?: readonly string[]) {
    const waiting = this.later.get(tab);
    if (waiting) {
      // The replacement still to come writes the newest text, once the canvas shows its pipeline.
      waiting.text = text;
      waiting.pieces = pieces;
      waiting.pipeline = pipeline;
      return;
    }
    let model = monaco.editor.getModel(uriOf(tab));
    this.writing = true;
    try {
      if (!model) {
        const sliced = inSlices(tab, text);
        model = monaco.editor.createModel(sliced ? '' : text, languageOf(tab), uriOf(tab));
        // The editor's bracketPairColorization option does not reach models made here (half a
        // second a render for a 1,000-step workflow, a quarter for a 1,000-step dag pasted whole).
        withoutBracketColours(model);
        if (sliced) return this.replaceLater(tab, { text, pieces, pipeline, written: 0 });
      } else {
        const before = isEditable(tab) ? model.getValue() : (givenText(model) ?? model.getValue());
        const edit = minimalEdit(before, text);
        // Mostly new text (an import, another target): replacing the buffer is several times
        // cheaper than inserting tens of thousands of lines into the old one, and there is no
        // place to keep.
        if (edit && edit.text.length > text.length / 2) {
          if (!isEditable(tab) && text.length >= REPLACE_LATER_FROM) return this.replaceLater(tab, { text, pieces, pipeline, written: 0 });
          model.setValue(text);
        } else if (edit) model.applyEdits([{ range: monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end)), text: edit.text }]);
      }
    } finally {
      this.writing = false;
    }
    if (!isEditable(tab)) given.set(model, { text: () => text });
    else this.watch(tab, model);
  }

  /**
   * The generated workflow's model brought to `doc` by comparing pieces with those it was last
   * given: a keystroke's edit of a few lines is found and applied without building the whole text.
   * Anything else (no pieces given before, a replacement waiting, mostly new text) goes through `write`.
   */
  private writeWorkflow(tab: YamlTab, doc: YamlDoc, pipeline: Pipeline) {
    const model = monaco.editor.getModel(uriOf(tab));
    const before = model && !this.later.has(tab) ? given.get(model)?.pieces : undefined;
    // The pane's render offers what a keystroke's store change has just written (useWorkflowFirst).
    if (before === doc.pieces) return;
    if (model && before) {
      const edit = piecesEdit(before, doc.pieces);
      let length = 0;
      if (edit) for (const piece of doc.pieces) length += piece.length;
      if (!edit || edit.text.length <= length / 2) {
        this.writing = true;
        try {
          if (edit) {
            const range = (e: TextEdit) => monaco.Range.fromPositions(model.getPositionAt(e.start), model.getPositionAt(e.end));
            model.applyEdits(lineWiseEdits(() => model.getValueInRange(range(edit)), edit).map((e) => ({ range: range(e), text: e.text })));
          }
        } finally {
          this.writing = false;
        }
        given.set(model, { pieces: doc.pieces, text: () => doc.text });
        return;
      }
    }
    this.write(tab, doc.text, pipeline, doc.pieces);
    const written = monaco.editor.getModel(uriOf(tab));
    if (written && !this.later.has(tab)) given.set(written, { pieces: doc.pieces, text: () => doc.text });
  }

  /**
   * See REPLACE_LATER_FROM. The text is given in slices, one task each (slices.ts), so the page
   * answers meanwhile; writes meanwhile only change the text it will be given (a newer one starts
   * the slices again). Appending with `applyEdits` keeps the slices out of the model's undo stack.
   */
  private replaceLater(tab: YamlTab, waiting: Replacement) {
    this.later.set(tab, waiting);
    this.progressed();
    const nextTask = (work: () => void) => setTimeout(work, 0);
    const model = () => (this.later.get(tab) === waiting ? monaco.editor.getModel(uriOf(tab)) : null);
    void afterCanvasShows(() => waiting.pipeline).then(() =>
      afterNextFrame(() =>
        writeInSlices({
          wanted: () => {
            if (model()) return waiting.text;
            if (this.later.get(tab) === waiting) {
              this.later.delete(tab); // its model went away
              this.progressed();
            }
            return undefined;
          },
          put: (slice, first) => {
            const target = model()!;
            this.writing = true;
            try {
              if (first) target.setValue(slice);
              else {
                const end = target.getFullModelRange().getEndPosition();
                target.applyEdits([{ range: monaco.Range.fromPositions(end, end), text: slice }]);
              }
            } finally {
              this.writing = false;
            }
            waiting.written = (first ? 0 : waiting.written) + slice.length;
            this.progressed();
          },
          done: (written) => {
            const target = model()!;
            this.later.delete(tab);
            // As given whole: the first keystroke after an import compares pieces too, rather than
            // joining the new text and comparing it with this one (2 MB each at 1,000 steps).
            given.set(target, { pieces: waiting.pieces, text: () => written });
            this.progressed();
            if (waiting.pieces?.length === 1) adoptEmittedPieces(target, waiting.pipeline, this.store.getState().target);
          },
          schedule: nextTask,
        }),
      ),
    );
  }

  /** Models the editor component created itself are watched too (and lose their bracket colours, see `write`). */
  watch(tab: YamlTab, model: TextModel) {
    withoutBracketColours(model);
    if (!isEditable(tab) || this.watched.has(model)) return;
    this.watched.add(model);
    model.onDidChangeContent(() => {
      if (!this.writing) this.edited(tab);
    });
  }

  private edited(tab: YamlTab) {
    const was = this.drafts.get(tab);
    this.drafts.set(tab, { kind: 'typing' });
    if (!showsOwnText(was)) this.changed();
    clearTimeout(this.timers.get(tab));
    this.timers.set(
      tab,
      setTimeout(() => {
        this.timers.delete(tab);
        this.read(tab);
      }, READ_DELAY_MS),
    );
  }

  private read(tab: YamlTab) {
    const model = monaco.editor.getModel(uriOf(tab));
    if (!model || !isEditable(tab)) return;
    const base = this.store.getState().history.present;
    const id = ++this.nextId;
    this.asked.set(tab, { id, base, version: model.getVersionId() });
    const knownErrors = validation(base)
      .filter((d) => d.severity === 'error')
      .map(errorKey);
    const request: EditRequest = { id, kind: tab, text: model.getValue(), pipeline: base, knownErrors, target: this.store.getState().target };
    this.readerOf()
      .run({ read: 'edit', ...request })
      .then(
        (result) => this.received(result),
        (error: unknown) => this.failed(tab, id, error),
      );
  }

  private readerOf(): Reader {
    this.reader ??= new Reader(() => new ReaderWorker());
    return this.reader;
  }

  /**
   * A read that ends without an answer — past its time budget, or a failure of the reader itself
   * (bad input comes back as diagnostics) — must not leave the text silently unapplied: it is
   * held, with the reason at its top.
   */
  private failed(tab: MagnusFileKind, id: number, error: unknown) {
    if (error instanceof ReadStopped && error.reason === 'cancelled') return; // disposed
    const why = error instanceof Error ? error.message : String(error);
    const message = `The text could not be read (${why}); it is kept as typed and not applied.`;
    this.received({ id, diagnostics: [{ code: 'E_EDIT_READ', severity: 'error', message, file: tab, line: 1, column: 1 }] });
  }

  private received(result: EditResult) {
    const tab = [...this.asked].find(([, asked]) => asked.id === result.id)?.[0];
    if (!tab || !isEditable(tab)) return; // dropped (Ctrl+Z, the tab went away)
    const asked = this.asked.get(tab)!;
    this.asked.delete(tab);
    const model = monaco.editor.getModel(uriOf(tab));
    // Typed since: the read that follows the next pause supersedes this one.
    if (!model || model.getVersionId() !== asked.version) return;
    const { history } = this.store.getState();
    // Undo clicked right after typing, before the text was read: the user meant to undo the
    // typing. It is committed where it was typed and undone, as if it had been read in time.
    const undone = history.present !== asked.base && history.future[0] === asked.base;
    if (undone) this.store.getState().redo();
    else if (history.present !== asked.base) {
      // The pipeline changed meanwhile (an edit elsewhere): the text is read against it instead.
      this.read(tab);
      return;
    }
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markersFor(result.diagnostics, tab));
    const holding = result.pipeline ? undefined : (result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0]);
    if (holding) this.held.set(tab, holding);
    if (holding || this.held.delete(tab)) this.changed();
    if (!result.pipeline) this.drafts.set(tab, { kind: 'held' });
    else {
      const next = shareUnchanged(asked.base, result.pipeline);
      if (result.seed && result.seed.target === this.store.getState().target && mostlyNew(asked.base, next)) primeDerived(next, result.seed);
      // Before the commit, so that the model's change finds the text already describing it.
      this.drafts.set(tab, { kind: 'shows', pipeline: next, own: true });
      this.store.getState().apply(() => next);
    }
    if (undone) this.store.getState().undo();
  }

  private discard(tab: YamlTab) {
    this.held.delete(tab);
    clearTimeout(this.timers.get(tab));
    this.timers.delete(tab);
    this.asked.delete(tab);
    const present = this.store.getState().history.present;
    this.drafts.set(tab, showsExport(present));
    this.write(tab, yamlText(present, this.store.getState().target, tab));
    const model = monaco.editor.getModel(uriOf(tab));
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    this.changed();
  }
}
