import { monaco } from './monaco-setup';

/** Pastes from this length on (a ~300-step dag) are applied by the designer, not by Monaco. */
export const LARGE_PASTE_CHARS = 32 * 1024;

/**
 * Applies a long paste into an editable tab as one edit outside Monaco's undo stack. Monaco keeps
 * an undo element for a paste, the replaced and the pasted text written into a binary buffer:
 * ~40 % of the ~0.1 s that pasting a 1,000-step dag over the text costs the page. That stack is
 * never used in these tabs: Ctrl+Z there drops text not yet applied or undoes the pipeline's last
 * change (edit-session.ts). One cursor only; a paste into several is left to Monaco. Returns the
 * cleanup.
 */
export function takeLargePastes(editor: monaco.editor.IStandaloneCodeEditor): () => void {
  const node = editor.getDomNode();
  if (!node) return () => {};
  const onPaste = (event: ClipboardEvent) => {
    const model = editor.getModel();
    const selections = editor.getSelections();
    if (!model || editor.getOption(monaco.editor.EditorOption.readOnly) || selections?.length !== 1) return;
    const text = event.clipboardData?.getData('text/plain');
    if (text === undefined || text.length < LARGE_PASTE_CHARS) return;
    event.preventDefault();
    event.stopPropagation();
    // The inverse edit's range is where the pasted text now is.
    const [pasted] = model.applyEdits([{ range: selections[0], text }], true);
    const end = pasted.range.getEndPosition();
    editor.setSelection(monaco.Range.fromPositions(end, end));
    editor.revealPosition(end);
  };
  node.addEventListener('paste', onPaste, true);
  return () => node.removeEventListener('paste', onPaste, true);
}
