import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent, type RefObject } from 'react';
import type { CanvasGeometry } from '../layout/geometry';
import { STEP_MIME } from '../palette/step-mime';
import { useDesignerStore } from '../store/context';
import { laneUnder } from './drop-target';

/** What a drop does loads with the first drag over the canvas (drop-step.ts, import/drop.ts). */
let dropping: Promise<typeof import('./drop-step')> | undefined;
const loadDropStep = () => (dropping ??= import('./drop-step'));

/**
 * Drops on the canvas: a step type from the palette adds that step there (drop-step.ts); files go
 * to the importer.
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
      if (types.includes(STEP_MIME)) {
        void loadDropStep();
        setDropTarget(laneUnder(geometry.current, screenToFlowPosition({ x: event.clientX, y: event.clientY })));
      }
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
      // What was dropped is readable only while the event is handled.
      const files = [...event.dataTransfer.files];
      if (files.length > 0) {
        event.preventDefault();
        import('../import/drop')
          .then(({ importDroppedFiles }) => importDroppedFiles(files, store))
          .catch((error: unknown) =>
            store.getState().notify({ kind: 'error', text: `Could not import the dropped files: ${error instanceof Error ? error.message : String(error)}` }),
          );
        return;
      }
      const type = event.dataTransfer.getData(STEP_MIME);
      if (type === '') return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      void loadDropStep().then(({ dropStep }) => {
        // It is where the user put it: selecting it must not move the view to it.
        if (dropStep(store, geometry.current, type, at)) ownSelection.current = store.getState().selection;
      });
    },
    [store, screenToFlowPosition, geometry, setDropTarget, ownSelection],
  );
  return { onDragOver, onDragLeave, onDrop };
}
