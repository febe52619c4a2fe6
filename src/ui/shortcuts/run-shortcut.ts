/**
 * What each shortcut of the table does, through the same actions the buttons and the canvas use.
 * Returns false when the shortcut does not apply now (nothing selected to copy, say), so the
 * browser's own meaning of the key is kept.
 */
import { connect, type EdgeKind } from '../../core/model/actions';
import { findStep } from '../../core/model/paths';
import { copySelection, duplicateSelection } from '../clipboard/clipboard-actions';
import { downloadFile } from '../download/download';
import { addAfterSelection } from '../palette/step-types';
import type { DesignerStore } from '../store/store';
import { runCommand } from './commands';
import { focusStepNode } from './focus-step';
import { stepToGo, type StepMove } from './navigate';
import type { ShortcutId } from './table';
import { useKeyboardUi } from './ui-state';

const MOVES: Partial<Record<ShortcutId, StepMove>> = {
  'select-next': 'next',
  'select-previous': 'previous',
  'select-following': 'following',
  'select-preceding': 'preceding',
};

/** The selected steps that still exist (an undo can take a selected step away). */
function liveSelection(store: DesignerStore): string[] {
  const { history, selection } = store.getState();
  return selection.filter((path) => findStep(history.present, path) !== undefined);
}

function connectSelected(store: DesignerStore, kind: EdgeKind): boolean {
  const { apply, notify } = store.getState();
  const selection = liveSelection(store);
  if (selection.length !== 2) {
    notify({ kind: 'error', text: `Select two steps to connect them with ${kind === 'next' ? 'next' : 'on failure'}: first the one the edge leaves, then (Shift+click) the one it goes to.` });
    return true;
  }
  apply((p) => connect(p, selection[0], selection[1], kind));
  return true;
}

function moveSelection(store: DesignerStore, move: StepMove): boolean {
  const { history, select } = store.getState();
  const selection = liveSelection(store);
  const to = stepToGo(history.present, selection[selection.length - 1], move);
  if (to === undefined) return true; // at the end: the key is still ours, nothing moves
  select([to]);
  focusStepNode(to);
  return true;
}

/** `nodeId`: the step node the key was pressed on, if any. */
export function runShortcut(id: ShortcutId, store: DesignerStore, nodeId?: string): boolean {
  const state = store.getState();
  const move = MOVES[id];
  if (move) return moveSelection(store, move);
  switch (id) {
    case 'help':
      useKeyboardUi.getState().openSheet(true);
      return true;
    case 'find':
      useKeyboardUi.getState().requestFind();
      return true;
    case 'undo':
      state.undo();
      return true;
    case 'redo':
      state.redo();
      return true;
    case 'download':
      downloadFile(store, 'pipeline');
      return true;
    case 'add':
      addAfterSelection(store, 'task');
      return true;
    case 'copy':
      // Text selected on the page is copied as text, as everywhere.
      if (window.getSelection()?.type === 'Range') return false;
      return copySelection(store);
    case 'cut':
      return copySelection(store, { cut: true });
    case 'duplicate':
      return duplicateSelection(store);
    case 'connect-next':
      return connectSelected(store, 'next');
    case 'connect-failure':
      return connectSelected(store, 'on_failure');
    case 'layout':
      return runCommand('layout');
    case 'fit':
      return runCommand('fit');
    case 'open-form': {
      // Enter on a step that is not the one selected selects it (React Flow's own key); once selected, Enter opens its form.
      const selection = liveSelection(store);
      const step = nodeId ?? selection[0];
      if (step === undefined || findStep(state.history.present, step) === undefined) return false;
      if (nodeId !== undefined && !(selection.length === 1 && selection[0] === nodeId)) return false;
      state.focusField({ step });
      return true;
    }
    case 'clear-selection':
      if (state.selection.length === 0) return false;
      state.select([]);
      return true;
    default:
      return false; // handled elsewhere (paste event, canvas hooks)
  }
}
