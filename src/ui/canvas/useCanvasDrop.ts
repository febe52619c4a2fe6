import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent, type RefObject } from 'react';
import { importDroppedFiles } from '../import/drop';
import { NODE_SIZE, type CanvasGeometry } from '../layout/geometry';
import { addStepAt, isStepType, STEP_MIME, stepToFollow } from '../palette/step-types';
import { useDesignerStore } from '../store/context';
import { landingOfNewStep, laneUnder } from './drop-target';

/**
 * Drops on the canvas: a step type from the palette adds that step there — into the branch of the
 * lane it is dropped on, if any, centred under the pointer, and into that graph's chain (after the
 * selected step if it is in that graph, else before success); files go to the importer.
 */
export function useCanvasDrop(geometry: RefObject<CanvasGeometry>, setDropTarget: (graphPath: string | undefined) => void, ownSelection: RefObject<string[] | undefined>) {
  const store = useDesignerStore();
  const { screenToFlowPosition } = useReactFlow();
  const onDragOver = useCallback(
    (event: DragEvent) => {
      const types = event.dataTransfer.types;
      if (!types.includes(STEP_MIME) && !types.includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      if (types.includes(STEP_MIME)) setDropTarget(laneUnder(geometry.current, screenToFlowPosition({ x: event.clientX, y: event.clientY })));
    },
    [geometry, screenToFlowPosition, setDropTarget],
  );
  const onDragLeave = useCallback(
    (event: DragEvent) => {
      // Leaving for a child element is no leaving.
      if (!(event.relatedTarget instanceof Node) || !event.currentTarget.contains(event.relatedTarget)) setDropTarget(undefined);
    },
    [setDropTarget],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      setDropTarget(undefined);
      const files = [...event.dataTransfer.files];
      if (files.length > 0) {
        event.preventDefault();
        importDroppedFiles(files, store).catch((error: unknown) =>
          store.getState().notify({ kind: 'error', text: `Could not import the dropped files: ${error instanceof Error ? error.message : String(error)}` }),
        );
        return;
      }
      const type = event.dataTransfer.getData(STEP_MIME);
      if (!isStepType(type)) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // The step is centred where it was dropped.
      const corner = { x: at.x - NODE_SIZE.width / 2, y: at.y - NODE_SIZE.height / 2 };
      const { graphPath, position } = landingOfNewStep(geometry.current, corner, NODE_SIZE);
      const { history, selection } = store.getState();
      const added = addStepAt(store, type, { ...stepToFollow(history.present, selection, graphPath), position });
      // It is where the user put it: selecting it must not move the view to it.
      if (added) ownSelection.current = store.getState().selection;
    },
    [store, screenToFlowPosition, geometry, setDropTarget, ownSelection],
  );
  return { onDragOver, onDragLeave, onDrop };
}
