import { useDesigner } from '../store/context';

/** Undo and Redo, disabled when there is nothing to undo or redo. */
export function UndoRedo() {
  const canUndo = useDesigner((s) => s.history.past.length > 0);
  const canRedo = useDesigner((s) => s.history.future.length > 0);
  const undo = useDesigner((s) => s.undo);
  const redo = useDesigner((s) => s.redo);
  return (
    <>
      <button type="button" disabled={!canUndo} onClick={undo} aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" disabled={!canRedo} onClick={redo} aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z" title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </>
  );
}
