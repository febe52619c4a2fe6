/**
 * New steps: a fresh step of a type, added to a graph or inserted into its chain. Apart from
 * actions.ts, which the canvas loads with the page: steps are added from the palette, the forms and
 * the toolbar, which load after the first paint.
 */
import { ActionError, isFlowing, uniqueStepName, updateGraph } from './actions';
import { findGraph, joinPath } from './paths';
import type { Graph, Pipeline, Position, Step, StepType } from './types';

const DEFAULT_NAMES: Record<StepType, string> = {
  task: 'task',
  stub: 'stub',
  success: 'success',
  fail: 'fail',
  parallel: 'parallel',
  map: 'map',
  dag: 'dag',
};

/** A graph that is valid on its own: start → success, with its own fail step (§3.1). */
export function terminalGraph(startName = 'step'): Graph {
  return {
    start_at: startName,
    steps: [
      { name: startName, type: 'stub', next: 'success' },
      { name: 'success', type: 'success' },
      { name: 'fail', type: 'fail' },
    ],
  };
}

/** A fresh step of `type`, with what magnus requires of that type filled in where there is an obvious choice. */
export function newStep(type: StepType, name: string): Step {
  switch (type) {
    case 'task':
      return { name, type, command_type: 'shell', command: 'echo "hello"' };
    case 'stub':
    case 'success':
    case 'fail':
      return { name, type } as Step;
    case 'parallel':
      return { name, type, branches: [{ name: 'branch_1', graph: terminalGraph() }, { name: 'branch_2', graph: terminalGraph() }] };
    case 'map':
      return { name, type, iterate_on: 'items', iterate_as: 'item', branch: terminalGraph() };
    case 'dag':
      return { name, type, dag_definition: 'nested.yaml', graph: terminalGraph() };
  }
}

export function addStep(
  pipeline: Pipeline,
  type: StepType,
  options: { graphPath?: string; name?: string; position?: Position } = {},
): { pipeline: Pipeline; path: string } {
  const graphPath = options.graphPath ?? '';
  let path = '';
  let next = updateGraph(pipeline, graphPath, (graph) => {
    const name = uniqueStepName(graph, options.name ?? DEFAULT_NAMES[type]);
    path = joinPath(graphPath, name);
    const steps = [...graph.steps, newStep(type, name)];
    return { ...graph, steps, ...(graph.start_at === undefined && type !== 'success' && type !== 'fail' ? { start_at: name } : {}) };
  });
  if (options.position) next = { ...next, layout: { ...next.layout, [path]: options.position } };
  return { pipeline: next, path };
}

export interface InsertedStep {
  pipeline: Pipeline;
  path: string;
  /** The step whose next now leads to the new one, if any. */
  from?: string;
  /** Where the new step's next leads, if anywhere. */
  to?: string;
}

const terminalOf = (graph: Graph, type: 'success' | 'fail') => graph.steps.find((s) => s.type === type);

/** The last step of the chain from start_at along next before it reaches `end` (or runs out), if the chain has one. */
function chainEnd(graph: Graph, end: string | undefined): Step | undefined {
  const byName = new Map(graph.steps.map((s) => [s.name, s]));
  const seen = new Set<string>();
  let step = graph.start_at === undefined ? undefined : byName.get(graph.start_at);
  let last: Step | undefined;
  while (step && isFlowing(step) && !seen.has(step.name)) {
    seen.add(step.name);
    last = step;
    if (step.next === undefined || step.next === end) break;
    step = byName.get(step.next);
  }
  return last;
}

/**
 * Adds a step wired so that it starts valid (no step added alone is an error the user did not
 * make): after the flowing step `after` of its graph (after → new → after's old next, or the
 * graph's success step when it had none), else at the end of the chain from start_at, before
 * the success step. A graph has exactly one success and one fail step (§3.1): another one is
 * refused. Placing it is the canvas's business.
 */
export function insertStep(pipeline: Pipeline, type: StepType, options: { graphPath?: string; after?: string; position?: Position } = {}): InsertedStep {
  const graphPath = options.graphPath ?? '';
  const graph = findGraph(pipeline.dag, graphPath);
  if (!graph) throw new ActionError(`there is no graph \`${graphPath}\` to add a step to`);
  if (type === 'success' || type === 'fail') {
    const existing = terminalOf(graph, type);
    if (existing) throw new ActionError(`this graph already has its ${type} step \`${existing.name}\` (a graph has exactly one); point next or on failure at it instead`);
    return addStep(pipeline, type, { graphPath, position: options.position });
  }
  const success = terminalOf(graph, 'success')?.name;
  const chosen = options.after === undefined ? undefined : graph.steps.find((s) => s.name === options.after);
  const from = chosen && isFlowing(chosen) ? chosen : chainEnd(graph, success);
  const to = from && isFlowing(from) && from.next !== undefined ? from.next : success;
  const added = addStep(pipeline, type, { graphPath, position: options.position });
  const name = added.path.slice(graphPath === '' ? 0 : graphPath.length + 1);
  const wired = updateGraph(added.pipeline, graphPath, (g) => ({
    ...g,
    steps: g.steps.map((s) => (s.name === name && to !== undefined ? ({ ...s, next: to } as Step) : from !== undefined && s.name === from.name ? ({ ...s, next: name } as Step) : s)),
  }));
  return { pipeline: wired, path: added.path, ...(from ? { from: joinPath(graphPath, from.name) } : {}), ...(to !== undefined ? { to: joinPath(graphPath, to) } : {}) };
}
