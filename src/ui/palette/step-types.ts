import { addStep } from '../../core/model/actions';
import type { Position, StepType } from '../../core/model/types';
import type { DesignerStore } from '../store/store';

/** The drag-and-drop type of a palette entry; the canvas accepts drops of it. */
export const STEP_MIME = 'application/x-kfp-step-type';

export interface PaletteEntry {
  type: StepType;
  help: string;
}

export const PALETTE_ENTRIES: readonly PaletteEntry[] = [
  { type: 'task', help: 'Runs a command: a Python function, a notebook or a shell command.' },
  { type: 'stub', help: 'Does nothing: a placeholder while you sketch the flow.' },
  { type: 'parallel', help: 'Runs branches side by side and waits for all of them.' },
  { type: 'map', help: 'Runs a branch once for each item of a list parameter.' },
  { type: 'dag', help: 'Runs the pipeline of another dag file as one step.' },
  { type: 'success', help: 'Ends the graph successfully.' },
  { type: 'fail', help: 'Ends the graph as failed.' },
];

export const isStepType = (value: string): value is StepType => PALETTE_ENTRIES.some((e) => e.type === value);

/**
 * Adds a step at a place of a graph (the pipeline's own, or a branch's: `graphPath`) as one undo
 * step and selects it (which brings it into view).
 */
export function addStepAt(store: DesignerStore, type: StepType, position: Position, graphPath = ''): string | undefined {
  let path: string | undefined;
  const added = store.getState().apply((pipeline) => {
    const result = addStep(pipeline, type, { position, graphPath });
    path = result.path;
    return result.pipeline;
  });
  if (!added || path === undefined) return undefined;
  store.getState().select([path]);
  return path;
}
