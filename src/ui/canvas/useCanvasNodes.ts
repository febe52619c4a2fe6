import { applyNodeChanges, type NodeChange, type NodePositionChange, type NodeSelectionChange, type OnNodeDrag } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import { locateStep, moveStepToGraph, moveSteps } from '../../core/model/actions';
import type { Pipeline, Position } from '../../core/model/types';
import { setOwn } from '../../core/own';
import { NODE_SIZE, type CanvasGeometry } from '../layout/geometry';
import { useDesignerStore } from '../store/context';
import type { CanvasNode } from './derive-flow';
import { landingOfStep, type Landing } from './drop-target';
import { changedPositions } from '../layout/changed-positions';
import { nextSelection, withSelection } from './selection';

interface GraphMove {
  id: string;
  landing: Landing;
}

/** Steps whose enclosing group is moved too are carried by it (their positions are relative to it). */
const carried = (id: string, ids: readonly string[]) => ids.some((other) => other !== id && id.startsWith(other + '.'));

interface DoneMove {
  name: string;
  newName: string;
  where: string;
  dropped: string[];
}

/** What to tell the user after steps changed graph: where they went, which edges were lost. */
function moveNotice(moves: readonly DoneMove[]): string {
  return moves
    .map(({ name, newName, where, dropped }) => {
      const renamed = newName !== name ? ` as \`${newName}\` (the name was taken there)` : '';
      const lost = dropped.length > 0 ? ` Edges stay inside one graph, so these were removed: ${dropped.join(', ')}.` : '';
      return `Moved \`${name}\` into ${where}${renamed}.${lost}`;
    })
    .join(' ');
}

/**
 * The nodes React Flow shows: the model's, as the store's selection marks them, plus what only
 * the canvas knows (where a node is while being dragged). A drag is committed to the model once,
 * when it ends, as one undo step for all the nodes moved together: a new place in the same graph,
 * or — dropped over another lane, or out of its lane — a move into that graph.
 */
export function useCanvasNodes(derived: CanvasNode[], selection: string[], geometry: RefObject<CanvasGeometry>, setDropTarget: (graphPath: string | undefined) => void) {
  const store = useDesignerStore();
  const shown = useMemo(() => withSelection(derived, selection), [derived, selection]);
  const [nodes, setNodes] = useState(shown);
  const [source, setSource] = useState(shown);
  if (source !== shown) {
    // The model or the selection changed: they win over anything transient.
    setSource(shown);
    setNodes(shown);
  }
  const latest = useRef(shown);
  latest.current = shown;
  /** The last selection the canvas itself made, so changes made elsewhere can be told apart. */
  const ownSelection = useRef<string[] | undefined>(undefined);
  const dragging = useRef(false);

  const landing = useCallback(
    (id: string, position: Position, byMouse: boolean): Landing | undefined => {
      const area = geometry.current.steps.get(id);
      const found = landingOfStep(geometry.current, id, position, area ?? NODE_SIZE);
      if (!found || byMouse || !found.changesGraph) return found;
      // Arrow keys only ever move a step within its graph.
      const shift = geometry.current.lanesByGraph.get(area!.graphPath)?.shift ?? { x: 0, y: 0 };
      return { graphPath: area!.graphPath, position: { x: Math.round(position.x - shift.x), y: Math.round(position.y - shift.y) }, changesGraph: false };
    },
    [geometry],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
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
      setDropTarget(undefined);
      const ids = ended.map((c) => c.id);
      const places: Record<string, Position> = {};
      const graphMoves: GraphMove[] = [];
      for (const change of ended) {
        if (carried(change.id, ids)) continue;
        const found = landing(change.id, change.position as Position, byMouse);
        if (!found) continue;
        if (found.changesGraph) graphMoves.push({ id: change.id, landing: found });
        else setOwn(places, change.id, found.position);
      }
      const positions = changedPositions(state.history.present, places);
      const moved = Object.keys(positions);
      if (moved.length === 0 && graphMoves.length === 0) {
        setNodes(latest.current); // dropped where it was: nothing to commit, nothing left half-moved
        return;
      }
      const done: (DoneMove & { path: string })[] = [];
      const applied = state.apply(
        (p) => {
          done.length = 0;
          let next: Pipeline = moved.length > 0 ? moveSteps(p, positions) : p;
          for (const { id, landing: to } of graphMoves) {
            const name = locateStep(next, id).name;
            const result = moveStepToGraph(next, id, to.graphPath, to.position);
            next = result.pipeline;
            done.push({
              name,
              newName: to.graphPath === '' ? result.path : result.path.slice(to.graphPath.length + 1),
              path: result.path,
              where: geometry.current.lanesByGraph.get(to.graphPath)?.label ?? "the pipeline's own graph",
              dropped: result.droppedEdges,
            });
          }
          return next;
        },
        // Arrow keys move a node a few pixels a press: the presses on the same nodes are one undo step.
        byMouse || graphMoves.length > 0 ? undefined : { coalesce: `canvas:keyboard-move:${moved.join('\n')}` },
      );
      if (!applied) {
        setNodes(latest.current); // refused (a success step dragged out of its branch): back where it was
        return;
      }
      if (done.length > 0) {
        const paths = done.map((d) => d.path);
        ownSelection.current = paths;
        state.select(paths);
        state.notify({ kind: 'info', text: moveNotice(done) });
      }
    },
    [store, landing, setDropTarget],
  );

  /** While a step is dragged, the lane it would land in (when that means a new graph) is highlighted. */
  const onNodeDrag: OnNodeDrag<CanvasNode> = useCallback(
    (_event, node) => {
      const found = landing(node.id, node.position, true);
      setDropTarget(found?.changesGraph ? found.graphPath : undefined);
    },
    [landing, setDropTarget],
  );

  return { nodes, onNodesChange, onNodeDrag, ownSelection };
}
