import { Fragment } from 'react';
import { Modal } from '../import/Modal';
import { comboKeys, isMacPlatform } from './keys';
import { SHORTCUT_HELP } from './help';
import { SHORTCUTS, type Shortcut } from './table';
import { useKeyboardUi } from './ui-state';

const SECTIONS = [...new Set(SHORTCUTS.map((s) => SHORTCUT_HELP[s.id].section))];
const mac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);

function Combo({ text }: { text: string }) {
  const keys = comboKeys(text, mac);
  return (
    <span className="shortcut-combo">
      {keys.map((key, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

function Row({ shortcut }: { shortcut: Shortcut }) {
  return (
    <tr>
      <th scope="row">
        {/* One combination a line: side by side, the alternatives squeezed the description. */}
        {shortcut.keys.map((text, i) => (
          <span key={text} className="shortcut-alternative">
            {i > 0 && 'or '}
            <Combo text={text} />
          </span>
        ))}
      </th>
      <td>{SHORTCUT_HELP[shortcut.id].description}</td>
    </tr>
  );
}

/** Every shortcut of the table, by section: the same rows the key handler matches against. */
export function CheatSheet() {
  const open = useKeyboardUi((s) => s.sheetOpen);
  const openSheet = useKeyboardUi((s) => s.openSheet);
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={() => openSheet(false)}>
      <div className="shortcut-sheet">
        {SECTIONS.map((section) => (
          <table key={section} className="shortcut-table">
            <caption>{section}</caption>
            <tbody>
              {SHORTCUTS.filter((s) => SHORTCUT_HELP[s.id].section === section).map((s) => (
                <Row key={s.id} shortcut={s} />
              ))}
            </tbody>
          </table>
        ))}
        <p className="shortcut-note">
          Copied steps are magnus YAML: they paste into another tab or a text editor. A paste pastes steps when they were copied here, when a step is
          selected or when the canvas has the focus; a whole pipeline pasted with nothing selected is offered for import instead. Shortcuts do not fire
          while you type in a field or in the YAML editor.
        </p>
      </div>
      <div className="modal-actions">
        <button type="button" data-autofocus onClick={() => openSheet(false)}>
          Close
        </button>
      </div>
    </Modal>
  );
}
