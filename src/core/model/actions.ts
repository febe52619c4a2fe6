/**
 * Every change to a pipeline, as pure functions from one pipeline to the next. The canvas, the
 * forms, keyboard shortcuts and imports all go through these, so there is one way to change the
 * model and one place where its rules (graph-local edges, no cycles, references kept consistent)
 * are enforced. Inputs are never mutated: unchanged parts are shared, which keeps undo cheap.
 */
import { setOwn } from '../own';
import { childGraphs, findGraph, findStep, joinPath, walkGraphs, walkSteps } from './paths';
import type {
  Branch,
  Graph,
  KfpConfig,
  OverrideEntry,
  Parameter,
  Pipeline,
  Position,
  Step,
  Variable,
} from './types';

export type EdgeKind = 'next' | 'on_failure';

export class ActionError extends Error {}

// ---------------------------------------------------------------------------------------------
// Locating and replacing graphs and steps without mutation

/** Replaces the graph at `graphPath` by `update(graph)`, copying only the path down to it. */
export function updateGraph(pipeline: Pipeline, graphPath: string, update: (graph: Graph) => Graph): Pipeline {
  return { ...pipeline, dag: updateGraphIn(pipeline.dag, '', graphPath, update) };
}

function updateGraphIn(graph: Graph, here: string, target: string, update: (graph: Graph) => Graph): Graph {
  if (here === target) return update(graph);
  let changed = false;
  const steps = graph.steps.map((step) => {
    const stepPath = joinPath(here, step.name);
    if (!(target === stepPath || target.startsWith(stepPath + '.'))) return step;
    const updated = updateChildGraph(step, stepPath, target, update);
    if (updated !== step) changed = true;
    return updated;
  });
  return changed ? { ...graph, steps } : graph;
}

function updateChildGraph(step: Step, stepPath: string, target: string, update: (graph: Graph) => Graph): Step {
  for (const child of childGraphs(step, stepPath)) {
    if (!(target === child.path || target.startsWith(child.path + '.'))) continue;
    const graph = updateGraphIn(child.graph, child.path, target, update);
    if (graph === child.graph) return step;
    switch (step.type) {
      case 'parallel':
        return { ...step, branches: step.branches.map((b) => (b.name === child.name ? { ...b, graph } : b)) };
      case 'map':
        return { ...step, branch: graph };
      case 'dag':
        return { ...step, graph };
    }
  }
  return step;
}

export interface StepLocation {
  graphPath: string;
  name: string;
}

/** Splits a step path into its graph path and name, checking that the step exists. */
export function locateStep(pipeline: Pipeline, stepPath: string): StepLocation & { step: Step; graph: Graph } {
  const visit = findStep(pipeline, stepPath);
  if (visit) return { graphPath: visit.graphPath, name: visit.step.name, step: visit.step, graph: visit.graph };
  throw new ActionError(`no step \`${stepPath}\``);
}

/** Applies `update` to one step. */
export function updateStep(pipeline: Pipeline, stepPath: string, update: (step: Step) => Step): Pipeline {
  const { graphPath, name } = locateStep(pipeline, stepPath);
  return updateGraph(pipeline, graphPath, (graph) => ({ ...graph, steps: graph.steps.map((s) => (s.name === name ? update(s) : s)) }));
}

// ---------------------------------------------------------------------------------------------
// Steps

/** `base`, or `base 2`, `base 3`… — the first name not used in the graph. */
export function uniqueStepName(graph: Graph, base: string): string {
  const used = new Set(graph.steps.map((s) => s.name));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** Deletes steps and every edge and start_at that pointed at them. */
export function deleteSteps(pipeline: Pipeline, stepPaths: readonly string[]): Pipeline {
  let next = pipeline;
  for (const path of stepPaths) {
    let location: StepLocation;
    try {
      location = locateStep(next, path);
    } catch {
      continue; // already gone with a deleted parent
    }
    const { graphPath, name } = location;
    const clear = (target: string | undefined) => (target === name ? undefined : target);
    next = updateGraph(next, graphPath, (g) =>
      dropUndefined({
        ...g,
        start_at: g.start_at === name ? undefined : g.start_at,
        steps: g.steps.filter((s) => s.name !== name).map((s) => (isFlowing(s) ? dropUndefined({ ...s, next: clear(s.next), on_failure: clear(s.on_failure) }) : s)),
      }),
    );
    next = { ...next, layout: removePathPrefix(next.layout, path) };
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Edges

export const isFlowing = (step: Step): step is Extract<Step, { next?: string }> => step.type !== 'success' && step.type !== 'fail';

/**
 * Draws `next` or `on_failure` from one step to another of the same graph. Refuses, with a message
 * a person can act on, what magnus would refuse: edges across graphs, edges out of terminal steps,
 * and cycles over next ∪ on_failure.
 */
export function connect(pipeline: Pipeline, fromPath: string, toPath: string, kind: EdgeKind): Pipeline {
  const from = locateStep(pipeline, fromPath);
  const to = locateStep(pipeline, toPath);
  if (from.graphPath !== to.graphPath) {
    throw new ActionError(`\`${from.name}\` and \`${to.name}\` are in different graphs; next and on_failure stay inside one graph`);
  }
  if (!isFlowing(from.step)) throw new ActionError(`a ${from.step.type} step ends its graph; it has no ${kind}`);
  if (fromPath === toPath) throw new ActionError(`\`${from.name}\` cannot follow itself`);
  if (reaches(from.graph, to.name, from.name, { skip: { name: from.name, kind } })) {
    throw new ActionError(`\`${to.name}\` already leads to \`${from.name}\`; this ${kind} would make a cycle`);
  }
  return updateStep(pipeline, fromPath, (step) => ({ ...step, [kind]: to.name }));
}

export function disconnect(pipeline: Pipeline, fromPath: string, kind: EdgeKind): Pipeline {
  return updateStep(pipeline, fromPath, (step) => {
    const copy = { ...step } as Record<string, unknown>;
    delete copy[kind];
    return copy as unknown as Step;
  });
}

/** Whether `start` reaches `goal` over next ∪ on_failure, ignoring one edge that is about to be replaced. */
export function reaches(graph: Graph, start: string, goal: string, options: { skip?: { name: string; kind: EdgeKind } } = {}): boolean {
  const byName = new Map(graph.steps.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (name === goal) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    const step = byName.get(name);
    if (!step || !isFlowing(step)) continue;
    for (const kind of ['next', 'on_failure'] as const) {
      if (options.skip && options.skip.name === name && options.skip.kind === kind) continue;
      const target = step[kind];
      if (target) stack.push(target);
    }
  }
  return false;
}

export function setStartStep(pipeline: Pipeline, stepPath: string): Pipeline {
  const { graphPath, name } = locateStep(pipeline, stepPath);
  return updateGraph(pipeline, graphPath, (g) => ({ ...g, start_at: name }));
}

// ---------------------------------------------------------------------------------------------
// Moving a step between graphs

export interface MovedStep {
  pipeline: Pipeline;
  /** The step's path in its new graph (its name may have changed to stay unique there). */
  path: string;
  /** The edges that were lost, as `next: a → b` / `on failure: a → b` (edges never cross graphs). */
  droppedEdges: string[];
}

/** The paths of a step and of every step inside its branches, found by structure (names may contain dots). */
function subtreePaths(step: Step, stepPath: string): { steps: string[]; graphs: string[] } {
  const steps = [stepPath];
  const graphs: string[] = [];
  for (const child of childGraphs(step, stepPath)) {
    for (const { path } of walkGraphs(child.graph, child.path)) graphs.push(path);
    for (const visit of walkSteps(child.graph, child.path)) steps.push(visit.path);
  }
  return { steps, graphs };
}

/**
 * Moves a step (with everything inside its branches) from its graph into another one: onto a
 * branch's lane, or out onto the pipeline's own graph. Edges are graph-local, so the step's own
 * next/on_failure and every edge into it are dropped (and listed for the user); its name is made
 * unique in the new graph. `position` is its place in the new graph; without one it is left
 * unplaced for the canvas to place. Its inner steps keep their (lane-relative) positions.
 */
export function moveStepToGraph(pipeline: Pipeline, stepPath: string, targetGraphPath: string, position?: Position): MovedStep {
  const { graphPath, name, step } = locateStep(pipeline, stepPath);
  if (step.type === 'success' || step.type === 'fail') {
    throw new ActionError(`\`${name}\` is a ${step.type} step: it ends its own graph and cannot move to another one`);
  }
  const inside = subtreePaths(step, stepPath);
  if (inside.graphs.includes(targetGraphPath)) throw new ActionError(`\`${name}\` cannot go into its own branches`);
  const target = findGraph(pipeline.dag, targetGraphPath);
  if (!target) throw new ActionError(`there is no graph \`${targetGraphPath}\` to move \`${name}\` into`);
  if (targetGraphPath === graphPath) {
    return { pipeline: position ? moveSteps(pipeline, { [stepPath]: position }) : pipeline, path: stepPath, droppedEdges: [] };
  }

  const droppedEdges: string[] = [];
  const label = (kind: EdgeKind, from: string, to: string) => `${kind === 'next' ? 'next' : 'on failure'}: ${from} → ${to}`;
  const removed = updateGraph(pipeline, graphPath, (g) =>
    dropUndefined({
      ...g,
      start_at: g.start_at === name ? undefined : g.start_at,
      steps: g.steps
        .filter((s) => s.name !== name)
        .map((s) => {
          if (!isFlowing(s) || (s.next !== name && s.on_failure !== name)) return s;
          for (const kind of ['next', 'on_failure'] as const) if (s[kind] === name) droppedEdges.push(label(kind, s.name, name));
          return dropUndefined({ ...s, next: s.next === name ? undefined : s.next, on_failure: s.on_failure === name ? undefined : s.on_failure });
        }),
    }),
  );
  for (const kind of ['next', 'on_failure'] as const) if (step[kind] !== undefined) droppedEdges.push(label(kind, name, step[kind]!));

  const newName = uniqueStepName(target, name);
  const newPath = joinPath(targetGraphPath, newName);
  const moved = dropUndefined({ ...step, name: newName, next: undefined, on_failure: undefined });
  const added = updateGraph(removed, targetGraphPath, (g) => ({
    ...g,
    steps: [...g.steps, moved],
    ...(g.start_at === undefined ? { start_at: newName } : {}),
  }));

  const layout: Record<string, Position> = {};
  const renamed = new Map(inside.steps.map((path) => [path, newPath + path.slice(stepPath.length)]));
  for (const [path, pos] of Object.entries(pipeline.layout)) {
    const to = renamed.get(path);
    if (to === undefined) setOwn(layout, path, pos);
    else if (path !== stepPath) setOwn(layout, to, pos);
  }
  if (position) setOwn(layout, newPath, position);
  return { pipeline: { ...added, layout }, path: newPath, droppedEdges };
}

// ---------------------------------------------------------------------------------------------
// Layout (kept apart from the semantics)

export function moveSteps(pipeline: Pipeline, positions: Record<string, Position>): Pipeline {
  return { ...pipeline, layout: { ...pipeline.layout, ...positions } };
}

export const setLayout = (pipeline: Pipeline, layout: Record<string, Position>): Pipeline => ({ ...pipeline, layout });

export const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '.');

export function removePathPrefix(layout: Record<string, Position>, prefix: string): Record<string, Position> {
  return Object.fromEntries(Object.entries(layout).filter(([path]) => !isUnder(path, prefix)));
}

/** A copy without the keys set to undefined. */
export function dropUndefined<T extends object>(value: T): T {
  const copy = { ...value };
  for (const key of Object.keys(copy) as (keyof T)[]) if (copy[key] === undefined) delete copy[key];
  return copy;
}
