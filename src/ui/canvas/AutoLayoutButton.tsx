import { useState } from 'react';
import { moveSteps } from '../../core/model/actions';
import { useShortcutCommand } from '../shortcuts/commands';
import { useDesignerStore } from '../store/context';
import { changedPositions } from '../layout/changed-positions';

/** Lays out every graph again, lanes included (collapsed groups as one node), as one undo step. */
export function AutoLayoutButton({ collapsed, onDone }: { collapsed: ReadonlySet<string>; onDone: () => void }) {
  const store = useDesignerStore();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      // Loaded when first used: ELK, which it waits for, is loaded then too.
      const { layoutPositions } = await import('../layout/auto-layout');
      const positions = await layoutPositions(store.getState().history.present, { collapsed });
      // Applied to the pipeline as it is now: an edit made while ELK worked is kept.
      store.getState().apply((p) => {
        const changed = changedPositions(p, positions);
        return Object.keys(changed).length > 0 ? moveSteps(p, changed) : p;
      });
      onDone();
    } catch (error) {
      store.getState().notify({ kind: 'error', text: `Automatic layout failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };
  useShortcutCommand('layout', () => void run());
  return (
    <button type="button" className="canvas-button" onClick={() => void run()} disabled={busy} aria-busy={busy} title="Arrange all steps top to bottom, inside every branch too (undo restores the previous places)">
      Auto layout
    </button>
  );
}
