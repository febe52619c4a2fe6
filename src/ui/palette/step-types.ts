import { moveSteps } from '../../core/model/actions';
import { insertStep } from '../../core/model/new-steps';
import { findStep } from '../../core/model/paths';
import { insertionPlaces } from '../layout/placement';
import type { Pipeline, Position, StepType } from '../../core/model/types';
import type { DesignerStore } from '../store/store';

export { STEP_MIME } from './step-mime';

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
 * Adds a step into a graph (the pipeline's own, or a branch's: `graphPath`) wired into its chain —
 * after the step `after`, else before success (core insertStep) — as one undo step, and selects it
 * (which brings it into view). At `position` when the user chose the place (a drop); otherwise
 * between its neighbours, the steps below moving down to make room.
 */
export function addStepAt(store: DesignerStore, type: StepType, where: { graphPath?: string; after?: string; position?: Position }): string | undefined {
  let path: string | undefined;
  const added = store.getState().apply((pipeline) => {
    const result = insertStep(pipeline, type, where);
    path = result.path;
    return where.position ? result.pipeline : moveSteps(result.pipeline, insertionPlaces(result.pipeline, result.path, result.from, result.to));
  });
  if (!added || path === undefined) return undefined;
  store.getState().select([path]);
  return path;
}

/** The step a new one follows: the one selected last, if it is in `graphPath` (any graph when not given). */
export function stepToFollow(pipeline: Pipeline, selection: readonly string[], graphPath?: string): { graphPath: string; after?: string } {
  const visit = selection.length > 0 ? findStep(pipeline, selection[selection.length - 1]) : undefined;
  if (!visit || (graphPath !== undefined && visit.graphPath !== graphPath)) return { graphPath: graphPath ?? '' };
  return { graphPath: visit.graphPath, after: visit.step.name };
}

/** A palette click, Enter on an entry, or `A`: after the selected step, in its graph; else at the end of the pipeline. */
export function addAfterSelection(store: DesignerStore, type: StepType): string | undefined {
  const { history, selection } = store.getState();
  return addStepAt(store, type, stepToFollow(history.present, selection));
}
