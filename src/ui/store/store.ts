import { create } from 'zustand';
import { ActionError } from '../../core/model/actions';
import { findStep } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import type { Diagnostic } from '../../core/diagnostics';
import type { EmitTarget } from '../../core/emit/index';
import { closeRun, commit, redo, startHistory, undo, type History } from './history';
import type { ImportFindings } from '../diagnostics/import-findings';
import { sameSemantics } from './derived';

/** The selected steps that `pipeline` still has: undoing an addition must not leave its step selected. */
const existing = (pipeline: Pipeline, selection: string[]): string[] => {
  const kept = selection.filter((path) => findStep(pipeline, path) !== undefined);
  return kept.length === selection.length ? selection : kept;
};

export type YamlTab = 'pipeline' | 'dag' | 'config' | 'parameters';

/** Pipelines made by `amend`: the canvas completing the present (places), nothing the user did. */
const amendments = new WeakSet<Pipeline>();
export const isAmendment = (pipeline: Pipeline): boolean => amendments.has(pipeline);

/** A field the designer should bring into view and focus (after a click on a diagnostic, say). */
export interface FieldFocus {
  step?: string;
  field?: string;
  /** Changes on every request, so asking twice for the same field focuses it twice. */
  nonce: number;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface ImportReport {
  title: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** A long read (an import, a shared link) under way: what it is, how far it got, and how to stop it. */
export interface Reading {
  title: string;
  progress?: { step: number; of: number; label: string };
  cancel: () => void;
}

/** A saved pipeline that could not be restored, offered for download. */
export interface Recovery {
  /** The save as it was stored. */
  text: string;
  /** Where it first departs from a pipeline (`dag.steps[0]: expected Object, found null`). */
  problem: string;
  /** The storage key it was copied to; undefined when it could not be (storage full): it then stays where it is. */
  keptAs?: string;
  /** Downloaded: it is safe even if it was not kept aside. */
  downloaded?: boolean;
}

export interface DesignerState {
  history: History<Pipeline>;
  /**
   * The pipeline the diagnostics on screen are for: the present one, caught up by checking.ts once
   * the change is on screen, so that validation never delays a keystroke's echo or its YAML.
   */
  checked: Pipeline;
  /**
   * A pipeline taken before its diagnostics, emission and magnus files were computed (an import's
   * second half, in the reader worker): they are awaited rather than computed on the page, and
   * what shows them holds back meanwhile (`isAwaited`). Cleared by `settle`.
   */
  waiting?: Pipeline;
  /** Step paths, in the order they were selected. */
  selection: string[];
  focus?: FieldFocus;
  target: EmitTarget;
  yamlTab: YamlTab;
  notice?: Notice;
  importReport?: ImportReport;
  reading?: Reading;
  recovery?: Recovery;
  /** What the last import found beyond validation, for the Problems list (diagnostics/import-findings.ts). */
  importFindings?: ImportFindings;

  /**
   * The one way to change the pipeline. `change` is a model action; an ActionError it throws
   * becomes a notice and changes nothing. Commits with the same `coalesce` key in a row are one
   * undo step (typing in one field).
   */
  apply: (change: (pipeline: Pipeline) => Pipeline, options?: { coalesce?: string }) => boolean;
  /**
   * Replaces the whole pipeline as one undo step (import, new pipeline, restore); `findings`: what the
   * import found. `derived`: its diagnostics are `known` already (computed by the reader, derived.ts),
   * so they are shown with it rather than a frame later — the canvas then derives its nodes once —
   * or `awaited` from the reader (`waiting`).
   */
  replace: (pipeline: Pipeline, findings?: readonly Diagnostic[], derived?: 'known' | 'awaited') => void;
  /** The awaited values of `pipeline` arrived (or will not): `findings`, what its import found. */
  settle: (pipeline: Pipeline, findings?: readonly Diagnostic[]) => void;
  dismissImportFinding: (finding: Diagnostic) => void;
  /**
   * Completes the present pipeline without an undo step of its own: canvas positions for steps
   * that arrived without one. As a step of its own, undoing it would bring back the unplaced
   * pipeline, which is placed again at once, and the redo history would be lost.
   */
  amend: (change: (pipeline: Pipeline) => Pipeline) => void;
  endEdit: () => void;
  /** The diagnostics catch up with the present pipeline (checking.ts). */
  check: () => void;
  /**
   * Takes back the one edit made since `base` (the pipeline before it), leaving no undo step: a
   * field's own text undo went back to where its edit began. Nothing, if more happened since.
   */
  forgetEditSince: (base: Pipeline) => void;
  undo: () => void;
  redo: () => void;
  select: (paths: string[]) => void;
  focusField: (target: { step?: string; field?: string }) => void;
  setTarget: (target: EmitTarget) => void;
  setYamlTab: (tab: YamlTab) => void;
  notify: (notice: Notice | undefined) => void;
  showImportReport: (report: ImportReport | undefined) => void;
  setReading: (reading: Reading | undefined) => void;
  setRecovery: (recovery: Recovery | undefined) => void;
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;

export function createDesignerStore(initial: Pipeline) {
  return create<DesignerState>()((set, get) => ({
    history: startHistory(initial),
    checked: initial,
    selection: [],
    target: 'kfp-v2',
    yamlTab: 'pipeline',

    apply(change, options) {
      const { history } = get();
      let next: Pipeline;
      try {
        next = change(history.present);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        set({ notice: { kind: 'error', text: error.message } });
        return false;
      }
      if (next !== history.present) set({ history: commit(history, next, options?.coalesce), notice: undefined });
      return true;
    },
    replace(pipeline, findings, derived) {
      const history = commit(closeRun(get().history), pipeline);
      const importFindings = findings && findings.length > 0 ? { pipeline, at: history.past.length, diagnostics: findings } : undefined;
      set({ history, selection: [], importFindings, waiting: derived === 'awaited' ? pipeline : undefined, ...(derived ? { checked: pipeline } : {}) });
    },
    settle(pipeline, findings) {
      const { history, waiting, importFindings } = get();
      // Its place in the history, as `replace` gives it — the present, or in the past once edited,
      // as the canvas placed it meanwhile perhaps — and none if it was undone.
      let at = history.past.length;
      if (!sameSemantics(history.present, pipeline)) while (--at >= 0 && !sameSemantics(history.past[at], pipeline));
      const found = findings && findings.length > 0 && at >= 0 ? { pipeline: history.past[at] ?? history.present, at, diagnostics: findings } : importFindings;
      set({ importFindings: found, ...(waiting === pipeline ? { waiting: undefined } : {}) });
    },
    dismissImportFinding(finding) {
      const { importFindings } = get();
      if (importFindings) set({ importFindings: { ...importFindings, diagnostics: importFindings.diagnostics.filter((d) => d !== finding) } });
    },
    amend(change) {
      const { history, importFindings } = get();
      const next = change(history.present);
      if (next === history.present) return;
      amendments.add(next);
      // Placing the imported steps is still the import.
      const placed = importFindings?.pipeline === history.present ? { importFindings: { ...importFindings, pipeline: next } } : {};
      set({ history: { ...history, present: next }, ...placed });
    },
    endEdit() {
      set({ history: closeRun(get().history) });
    },
    check() {
      const { present } = get().history;
      if (get().checked !== present) set({ checked: present });
    },
    forgetEditSince(base) {
      const { history } = get();
      if (history.past[history.past.length - 1] !== base) return;
      set({ history: { past: history.past.slice(0, -1), present: base, future: history.future } });
    },
    undo() {
      const history = undo(closeRun(get().history));
      set({ history, selection: existing(history.present, get().selection) });
    },
    redo() {
      const history = redo(closeRun(get().history));
      set({ history, selection: existing(history.present, get().selection) });
    },
    select(paths) {
      set({ selection: paths });
    },
    focusField(target) {
      set({ focus: { ...target, nonce: (get().focus?.nonce ?? 0) + 1 }, ...(target.step !== undefined ? { selection: [target.step] } : {}) });
    },
    setTarget(target) {
      set({ target });
    },
    setYamlTab(yamlTab) {
      set({ yamlTab });
    },
    notify(notice) {
      set({ notice });
    },
    showImportReport(importReport) {
      set({ importReport });
    },
    setReading(reading) {
      set({ reading });
    },
    setRecovery(recovery) {
      set({ recovery });
    },
  }));
}

/** Whether `pipeline`'s derived values are awaited from the reader: nothing should compute them meanwhile. */
export const isAwaited = (state: Pick<DesignerState, 'waiting'>, pipeline: Pipeline): boolean => state.waiting !== undefined && sameSemantics(state.waiting, pipeline);
