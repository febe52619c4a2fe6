import { FindBox } from '../find/FindBox';
import { CheatSheet } from './CheatSheet';
import { useKeyboardUi } from './ui-state';
import './shortcuts.css';

/** The toolbar's find box and the button that opens the keyboard shortcuts (also `?`). */
export function KeyboardTools() {
  const openSheet = useKeyboardUi((s) => s.openSheet);
  return (
    <div className="toolbar-group">
      <FindBox />
      <button type="button" aria-haspopup="dialog" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => openSheet(true)}>
        Shortcuts
      </button>
      <CheatSheet />
    </div>
  );
}
