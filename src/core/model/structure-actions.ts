/**
 * Changes to a pipeline's structure that only the step forms make — renaming a step, changing its
 * type, a parallel step's branches — apart from actions.ts for the reason settings-actions.ts is:
 * they load with the forms, not before the first paint.
 */
import { ActionError, dropUndefined, isFlowing, isUnder, locateStep, removePathPrefix, updateGraph, updateStep } from './actions';
import { newStep, terminalGraph } from './new-steps';
import { joinPath } from './paths';
import type { Branch, Pipeline, Position, Step, StepType } from './types';

/** Renames a step and everything that refers to it: edges, start_at, positions of it and its branches. */
export function renameStep(pipeline: Pipeline, stepPath: string, newName: string): Pipeline {
  const { graphPath, name, graph } = locateStep(pipeline, stepPath);
  if (newName === name) return pipeline;
  if (newName.trim() === '') throw new ActionError('a step needs a name');
  if (graph.steps.some((s) => s.name === newName)) throw new ActionError(`this graph already has a step \`${newName}\``);
  const rename = (target: string | undefined) => (target === name ? newName : target);
  const renamed = updateGraph(pipeline, graphPath, (g) => ({
    ...g,
    ...(g.start_at === name ? { start_at: newName } : {}),
    steps: g.steps.map((s) => {
      const withName = s.name === name ? { ...s, name: newName } : s;
      return isFlowing(withName) ? dropUndefined({ ...withName, next: rename(withName.next), on_failure: rename(withName.on_failure) }) : withName;
    }),
  }));
  return { ...renamed, layout: movePathPrefix(pipeline.layout, stepPath, joinPath(graphPath, newName)) };
}

/** Changes a step's type, keeping its name, edges, overrides and what the new type can use. */
export function changeStepType(pipeline: Pipeline, stepPath: string, type: StepType): Pipeline {
  return updateStep(pipeline, stepPath, (step) => {
    if (step.type === type) return step;
    const fresh = newStep(type, step.name);
    const keep = { kfp: step.kfp, otherOverrides: step.otherOverrides };
    const flow = isFlowing(step) && isFlowing(fresh) ? { next: step.next, on_failure: step.on_failure } : {};
    return dropUndefined({ ...fresh, ...keep, ...flow } as Step);
  });
}

export function addBranch(pipeline: Pipeline, stepPath: string, name?: string): Pipeline {
  return updateStep(pipeline, stepPath, (step) => {
    if (step.type !== 'parallel') throw new ActionError('only parallel steps have branches');
    const used = new Set(step.branches.map((b) => b.name));
    let branchName = name ?? `branch_${step.branches.length + 1}`;
    for (let n = step.branches.length + 2; used.has(branchName); n++) branchName = `branch_${n}`;
    const branch: Branch = { name: branchName, graph: terminalGraph() };
    return { ...step, branches: [...step.branches, branch] };
  });
}

export function removeBranch(pipeline: Pipeline, stepPath: string, branchName: string): Pipeline {
  const next = updateStep(pipeline, stepPath, (step) => {
    if (step.type !== 'parallel') throw new ActionError('only parallel steps have branches');
    return { ...step, branches: step.branches.filter((b) => b.name !== branchName) };
  });
  return { ...next, layout: removePathPrefix(next.layout, joinPath(stepPath, branchName)) };
}

export function renameBranch(pipeline: Pipeline, stepPath: string, branchName: string, newName: string): Pipeline {
  const next = updateStep(pipeline, stepPath, (step) => {
    if (step.type !== 'parallel') throw new ActionError('only parallel steps have branches');
    if (step.branches.some((b) => b.name === newName)) throw new ActionError(`\`${step.name}\` already has a branch \`${newName}\``);
    return { ...step, branches: step.branches.map((b) => (b.name === branchName ? { ...b, name: newName } : b)) };
  });
  return { ...next, layout: movePathPrefix(next.layout, joinPath(stepPath, branchName), joinPath(stepPath, newName)) };
}

function movePathPrefix(layout: Record<string, Position>, from: string, to: string): Record<string, Position> {
  return Object.fromEntries(Object.entries(layout).map(([path, pos]) => [isUnder(path, from) ? to + path.slice(from.length) : path, pos]));
}
