import { useEffect } from 'react';
import { pasteText } from '../clipboard/clipboard-actions';
import { pasteIntent } from '../clipboard/paste-rule';
import { runShortcut } from '../shortcuts/run-shortcut';
import { shortcutFor, type ShortcutScope } from '../shortcuts/table';
import { useDesignerStore } from '../store/context';
import { isTextEntry, watchFieldEdits } from '../forms/field-undo';
import { isTypingTarget } from './typing-target';


const CANVAS = '[aria-label="Pipeline canvas"]';

const inCanvas = (target: EventTarget | null) => target instanceof Element && target.closest(CANVAS) !== null;

/** Whether a key pressed on `target` may be a shortcut of `scope` (see the table). An open dialog keeps its keys. */
function inScope(scope: ShortcutScope, target: EventTarget | null): boolean {
  if (isTypingTarget(target) || document.querySelector('dialog[open]')) return false;
  if (scope === 'page') return true;
  if (target === null || target === document.body || target === document.documentElement) return true;
  // A focused edge keeps React Flow's own keys (Enter selects it, Escape unselects it).
  return inCanvas(target) && target instanceof Element && target.closest('button, a, [role="button"], .react-flow__edge') === null;
}

/** The step node a key was pressed on (the node itself focused, not a control inside it). */
const stepNodeOf = (target: EventTarget | null): string | undefined =>
  target instanceof HTMLElement && target.classList.contains('react-flow__node') ? (target.getAttribute('data-id') ?? undefined) : undefined;

/**
 * The designer's keyboard shortcuts (src/ui/shortcuts/table.ts), anywhere but in a text field, the
 * YAML editor or a dialog; and Ctrl/Cmd+V, by the paste event, which needs no clipboard permission.
 * Listening in the capture phase, a key the table claims does not also reach React Flow's node keys.
 */
export function useGlobalShortcuts() {
  const store = useDesignerStore();
  useEffect(() => {
    const fields = watchFieldEdits(store);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutFor(event, 'keys');
      if (shortcut && (shortcut.id === 'undo' || shortcut.id === 'redo') && undoOutsideEditor(event, shortcut.id === 'redo')) return;
      if (!shortcut || !inScope(shortcut.scope, event.target)) return;
      if (!runShortcut(shortcut.id, store, stepNodeOf(event.target))) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const intent = pasteIntent(text, { canvasFocused: inCanvas(event.target), stepsSelected: store.getState().selection.length > 0 });
      if (intent === 'import') return; // the import's own paste listener offers it
      event.preventDefault();
      event.stopPropagation();
      void pasteText(store, text);
    };
    /**
     * Ctrl+Z anywhere but the YAML editor: the browser's own undo never runs (it is one stack for
     * the page, and edited the field last left). A text field undoes its own typing first; a list,
     * a checkbox, a button undo the designer's last edit; a dialog keeps the pipeline as it is.
     */
    const undoOutsideEditor = (event: KeyboardEvent, forward: boolean): boolean => {
      const target = event.target;
      if (target instanceof Element && target.closest('.monaco-editor')) return false;
      event.preventDefault();
      event.stopPropagation();
      if (isTextEntry(target)) fields.press(target, forward);
      else if (!document.querySelector('dialog[open]')) runShortcut(forward ? 'redo' : 'undo', store);
      return true;
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('paste', onPaste, true);
    return () => {
      fields.stop();
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('paste', onPaste, true);
    };
  }, [store]);
}
