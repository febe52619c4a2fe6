import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { importDroppedFiles } from '../import/drop';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/graph-layout';
import { addStepAt, isStepType, STEP_MIME } from '../palette/step-types';
import { useDesignerStore } from '../store/context';

/** Drops on the canvas: a step type from the palette adds that step there; files go to the importer. */
export function useCanvasDrop() {
  const store = useDesignerStore();
  const { screenToFlowPosition } = useReactFlow();
  const onDragOver = useCallback((event: DragEvent) => {
    const types = event.dataTransfer.types;
    if (!types.includes(STEP_MIME) && !types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
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
      addStepAt(store, type, { x: Math.round(at.x - NODE_WIDTH / 2), y: Math.round(at.y - NODE_HEIGHT / 2) });
    },
    [store, screenToFlowPosition],
  );
  return { onDragOver, onDrop };
}
