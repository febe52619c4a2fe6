import { applyNodeChanges, type NodeChange, type NodePositionChange, type NodeSelectionChange } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { moveSteps } from '../../core/model/actions';
import type { Position } from '../../core/model/types';
import { useDesignerStore } from '../store/context';
import type { StepNode } from './derive-flow';
import { changedPositions } from './placement';
import { nextSelection, withSelection } from './selection';

/**
 * The nodes React Flow shows: the model's, as the store's selection marks them, plus what only
 * the canvas knows (where a node is while being dragged). A drag is committed to the model once,
 * when it ends, as one undo step for all the nodes moved together.
 */
export function useCanvasNodes(derived: StepNode[], selection: string[]) {
  const store = useDesignerStore();
  const shown = useMemo(() => withSelection(derived, selection), [derived, selection]);
  const [nodes, setNodes] = useState(shown);
  const [source, setSource] = useState(shown);
  if (source !== shown) {
    // The model or the selection changed: they win over anything transient.
    setSource(shown);
    setNodes(shown);
  }
  /** The last selection the canvas itself made, so changes made elsewhere can be told apart. */
  const ownSelection = useRef<string[] | undefined>(undefined);
  const dragging = useRef(false);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNode>[]) => {
      // Removal goes through the model (see useDeleteKey); React Flow only reports the rest.
      setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
      const state = store.getState();
      const selects = changes.filter((c): c is NodeSelectionChange => c.type === 'select');
      if (selects.length > 0) {
        ownSelection.current = nextSelection(state.selection, selects);
        state.select(ownSelection.current);
      }
      const moves = changes.filter((c): c is NodePositionChange => c.type === 'position' && c.position !== undefined);
      if (moves.some((c) => c.dragging)) dragging.current = true;
      const ended = moves.filter((c) => !c.dragging);
      if (ended.length === 0) return;
      const byMouse = dragging.current;
      dragging.current = false;
      const positions = changedPositions(state.history.present, Object.fromEntries(ended.map((c) => [c.id, c.position as Position])));
      const ids = Object.keys(positions);
      if (ids.length === 0) return;
      // Arrow keys move a node a few pixels a press: the presses on the same nodes are one undo step.
      state.apply((p) => moveSteps(p, positions), byMouse ? undefined : { coalesce: `canvas:keyboard-move:${ids.join('\n')}` });
    },
    [store],
  );
  return { nodes, onNodesChange, ownSelection };
}
