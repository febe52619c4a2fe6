/**
 * A palette entry dropped on the canvas: the step added there — into the branch of the lane it is
 * dropped on, if any, centred under the pointer, and into that graph's chain (after the selected
 * step if it is in that graph, else before success). Loaded with the first drag over the canvas,
 * not with the page: drawing the first steps does not need it.
 */
import type { Position } from '../../core/model/types';
import { NODE_SIZE, type CanvasGeometry } from '../layout/geometry';
import { addStepAt, isStepType, stepToFollow } from '../palette/step-types';
import type { DesignerStore } from '../store/store';
import { landingOfNewStep } from './drop-target';

/** `at`: the pointer, in canvas coordinates. Whether a step was added. */
export function dropStep(store: DesignerStore, geometry: CanvasGeometry, type: string, at: Position): boolean {
  if (!isStepType(type)) return false;
  const corner = { x: at.x - NODE_SIZE.width / 2, y: at.y - NODE_SIZE.height / 2 };
  const { graphPath, position } = landingOfNewStep(geometry, corner, NODE_SIZE);
  const { history, selection } = store.getState();
  return addStepAt(store, type, { ...stepToFollow(history.present, selection, graphPath), position }) !== undefined;
}
