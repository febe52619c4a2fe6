import type { DragEvent } from 'react';
import type { StepType } from '../../core/model/types';
import { useDesignerStore } from '../store/context';
import { addAfterSelection, PALETTE_ENTRIES, STEP_MIME } from './step-types';
import './palette.css';
import './step-colors.css';

/**
 * The step types, each added by a click (or Enter) into the chain — after the selected step, in
 * its branch if it is in one, else before success — or dragged onto the canvas or a branch's lane.
 */
export function Palette() {
  const store = useDesignerStore();
  const add = (type: StepType) => addAfterSelection(store, type);
  const startDrag = (event: DragEvent, type: StepType) => {
    event.dataTransfer.setData(STEP_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <aside className="palette" aria-label="Step palette">
      <h2 className="palette-title">Steps</h2>
      <ul className="palette-list">
        {PALETTE_ENTRIES.map(({ type, help }) => (
          <li key={type}>
            <button
              type="button"
              className={`palette-item palette-item-${type}`}
              aria-label={`Add ${type} step`}
              aria-description={help}
              title={help}
              draggable
              onDragStart={(event) => startDrag(event, type)}
              onClick={() => add(type)}
            >
              <span className="palette-item-type">{type}</span>
              <span className="palette-item-help">{help}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-hint">Click to add after the selected step (else at the end, before success), or drag onto the canvas or into a branch.</p>
    </aside>
  );
}
