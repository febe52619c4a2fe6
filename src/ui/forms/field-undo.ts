/**
 * Ctrl+Z in a text field of the page (the YAML editor has its own, edit-session.ts). The browser's
 * own text undo is one stack for the whole page: after Tab it edited the field just left — `750m`
 * became `75`, valid, silently — and each of its steps was committed as a new edit. So the page
 * never lets it run, and Ctrl+Z in a field is one of two things, never a mix:
 *
 * - While the field has typing of this visit (since it got the focus, or since Enter), it is the
 *   field's own text undo: back by runs of typing or deleting, in this field only. Each step is
 *   committed like a keystroke (one undo step for the field's whole edit); back to where the visit
 *   started, the field's edit leaves no undo step at all. Ctrl+Shift+Z / Ctrl+Y go forward again.
 * - Otherwise — nothing typed yet, after Tab or Enter, in a checkbox or a list — it is the
 *   designer's undo, as the toolbar's button: the last whole edit, whichever field it was in.
 *
 * In a dialog only the first applies: the pipeline behind it does not change.
 */
import type { Pipeline } from '../../core/model/types';
import type { DesignerStore } from '../store/store';

type TextEntry = HTMLInputElement | HTMLTextAreaElement;
type Kind = 'insert' | 'delete' | 'other';

interface Snapshot {
  value: string;
  start: number | null;
  end: number | null;
}

interface Visit {
  element: TextEntry;
  undo: Snapshot[];
  redo: Snapshot[];
  /** The value as it settled after the last edit seen here; anything else means it was changed from outside (an undo, another step). */
  settled: string;
  /** The pipeline before this visit's first edit. */
  base?: Pipeline;
  last?: { kind: Kind; caret: number | null; space: boolean };
  pending?: { kind: Kind; space: boolean };
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'number', 'password', '']);

/** A text field of the page that takes typing (not the YAML editor, which has its own undo). */
export function isTextEntry(target: EventTarget | null): target is TextEntry {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled && target.closest('.monaco-editor') === null;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type) && !target.readOnly && !target.disabled;
}

const kindOf = (inputType: string): Kind => (inputType === 'insertText' || inputType === 'insertCompositionText' ? 'insert' : inputType.startsWith('delete') && !inputType.includes('Cut') && !inputType.includes('Drag') ? 'delete' : 'other');
const snapshot = (element: TextEntry): Snapshot => ({ value: element.value, start: element.selectionStart, end: element.selectionEnd });

/** Sets a field's value the way typing does, so its React handler commits it like a keystroke. */
function setValue(element: TextEntry, value: string) {
  const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
  element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'historyUndo' }));
}

export interface FieldUndo {
  /** Ctrl+Z (or, `forward`, Ctrl+Shift+Z) pressed in `element`. */
  press(element: TextEntry, forward: boolean): void;
  stop(): void;
}

export function watchFieldEdits(store: DesignerStore): FieldUndo {
  let visit: Visit | undefined;
  let applying = false;

  const start = (element: TextEntry): Visit => ({ element, undo: [], redo: [], settled: element.value });
  const current = (element: TextEntry): Visit => {
    if (!visit || visit.element !== element) visit = start(element);
    // Changed from outside since (an undo, the model's value of another step): its typing history no longer applies.
    if (element.value !== visit.settled) visit = start(element);
    return visit;
  };

  const onFocusIn = (event: FocusEvent) => {
    visit = isTextEntry(event.target) ? start(event.target) : undefined;
  };
  const onBeforeInput = (event: InputEvent) => {
    if (applying || !isTextEntry(event.target)) return;
    if (event.inputType === 'historyUndo' || event.inputType === 'historyRedo') {
      // The browser's Edit menu: the page's own stack, with the same rules as the keys.
      event.preventDefault();
      press(event.target, event.inputType === 'historyRedo');
      return;
    }
    // Enter in a one-line field announces a line break that never comes.
    if (event.target instanceof HTMLInputElement && (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph')) return;
    const v = current(event.target);
    const kind = kindOf(event.inputType);
    const space = kind === 'insert' && /^\s+$/.test(event.data ?? '');
    const collapsed = v.element.selectionStart === v.element.selectionEnd;
    // Typing or deleting on from where the last edit left the caret is one step, until a word ends.
    const joins = v.last !== undefined && kind !== 'other' && kind === v.last.kind && collapsed && v.element.selectionStart === v.last.caret && !(space && !v.last.space);
    if (!joins) {
      if (v.undo.length === 0) v.base = store.getState().history.present;
      v.undo.push(snapshot(v.element));
    }
    v.redo = [];
    v.pending = { kind, space };
  };
  const onInput = (event: Event) => {
    if (applying || !visit || event.target !== visit.element) return;
    visit.settled = visit.element.value;
    if (visit.pending) visit.last = { ...visit.pending, caret: visit.element.selectionStart };
    visit.pending = undefined;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Enter takes what was typed as done: from now on Ctrl+Z undoes it whole.
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || !visit || visit.element !== event.target) return;
    visit = start(event.target);
    store.getState().endEdit();
  };

  function apply(v: Visit, to: Snapshot) {
    applying = true;
    try {
      setValue(v.element, to.value);
    } finally {
      applying = false;
    }
    if (to.start !== null && to.end !== null) v.element.setSelectionRange(Math.min(to.start, v.element.value.length), Math.min(to.end, v.element.value.length));
    v.settled = v.element.value;
    v.last = undefined;
  }

  function press(element: TextEntry, forward: boolean) {
    const v = current(element);
    const from = forward ? v.redo : v.undo;
    const to = forward ? v.undo : v.redo;
    const step = from.pop();
    const inDialog = element.closest('dialog') !== null;
    if (!step) {
      if (inDialog) return;
      const state = store.getState();
      if (forward) state.redo();
      else state.undo();
      return;
    }
    to.push(snapshot(element));
    apply(v, step);
    // Back where the visit began: the field's edit is no edit at all.
    const { history } = store.getState();
    if (!forward && v.undo.length === 0 && v.base !== undefined && history.present !== v.base && history.past[history.past.length - 1] === v.base) {
      store.getState().forgetEditSince(v.base);
      v.settled = element.value;
    }
  }

  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener('beforeinput', onBeforeInput, true);
  // Bubbling to the document, after React's handlers: the value as the field settled.
  document.addEventListener('input', onInput);
  document.addEventListener('keydown', onKeyDown, true);
  return {
    press,
    stop() {
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('beforeinput', onBeforeInput, true);
      document.removeEventListener('input', onInput);
      document.removeEventListener('keydown', onKeyDown, true);
    },
  };
}
