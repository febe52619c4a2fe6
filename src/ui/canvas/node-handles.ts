/**
 * Where a step node's handles sit, given its size, as React Flow would measure them. React Flow
 * renders every node once to measure its handles, even with only the visible elements rendered,
 * unless the node declares them: declared, a 1,000-step import draws the steps in view instead of
 * all of them. The numbers follow canvas.css (node borders, 11 px handles centred on the edge);
 * keep them in step with it (e2e: the canvas specs connect steps by their handles).
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { Size } from '../layout/geometry';

/** .step-node borders: 5 px coloured stripe on the left, 1 px elsewhere. */
const BORDER = { left: 5, top: 1, right: 1, bottom: 1 };
/** .react-flow__handle.step-handle: 11 px, centred on the padding box's edge. */
const HANDLE = 11;

export function stepHandles({ width, height }: Size, flowing: boolean): NodeHandle[] {
  const half = HANDLE / 2;
  const centreX = BORDER.left + (width - BORDER.left - BORDER.right) / 2 - half;
  const centreY = BORDER.top + (height - BORDER.top - BORDER.bottom) / 2 - half;
  const into: NodeHandle = { id: 'in', type: 'target', position: Position.Top, x: centreX, y: BORDER.top - half, width: HANDLE, height: HANDLE };
  if (!flowing) return [into];
  return [
    into,
    { id: 'next', type: 'source', position: Position.Bottom, x: centreX, y: height - BORDER.bottom - half, width: HANDLE, height: HANDLE },
    { id: 'on_failure', type: 'source', position: Position.Right, x: width - BORDER.right - half, y: centreY, width: HANDLE, height: HANDLE },
  ];
}
