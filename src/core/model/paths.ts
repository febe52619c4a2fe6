import type { Graph, Pipeline, Step } from './types';

/**
 * Step paths are magnus internal names (§4.7): `X`, `P.branch.X`, `M.map_variable_placeholder.X`,
 * `D.dag.X`. Graph paths name the graph a step lives in: '' for the pipeline's own graph.
 */
export const MAP_BRANCH = 'map_variable_placeholder';
export const DAG_BRANCH = 'dag';

export const joinPath = (parent: string, name: string) => (parent === '' ? name : `${parent}.${name}`);

/** The sub-graphs of a composite step, with their graph paths. */
export function childGraphs(step: Step, stepPath: string): { path: string; name: string; graph: Graph }[] {
  switch (step.type) {
    case 'parallel':
      return step.branches.map((b) => ({ path: joinPath(stepPath, b.name), name: b.name, graph: b.graph }));
    case 'map':
      return [{ path: joinPath(stepPath, MAP_BRANCH), name: MAP_BRANCH, graph: step.branch }];
    case 'dag':
      return step.graph ? [{ path: joinPath(stepPath, DAG_BRANCH), name: DAG_BRANCH, graph: step.graph }] : [];
    default:
      return [];
  }
}

export interface StepVisit {
  step: Step;
  path: string;
  graph: Graph;
  graphPath: string;
  depth: number;
}

/** Every step of every graph, depth first, parents before their branches. */
export function* walkSteps(graph: Graph, graphPath = '', depth = 0): Generator<StepVisit> {
  for (const step of graph.steps) {
    const path = joinPath(graphPath, step.name);
    yield { step, path, graph, graphPath, depth };
    for (const child of childGraphs(step, path)) yield* walkSteps(child.graph, child.path, depth + 1);
  }
}

/** Every graph (the pipeline's own first), with its path. */
export function* walkGraphs(graph: Graph, graphPath = ''): Generator<{ graph: Graph; path: string }> {
  yield { graph, path: graphPath };
  for (const step of graph.steps) {
    for (const child of childGraphs(step, joinPath(graphPath, step.name))) yield* walkGraphs(child.graph, child.path);
  }
}

export function findGraph(root: Graph, graphPath: string): Graph | undefined {
  for (const g of walkGraphs(root)) if (g.path === graphPath) return g.graph;
  return undefined;
}

/**
 * The first step walkSteps would visit at `stepPath`, looking only into the composite steps whose
 * path leads there: forms and actions look a step up on every keystroke, and walking all of a long
 * pipeline's steps (a path string and a visit each) cost ~1 ms a look at 1,000 steps.
 */
export function findStep(pipeline: Pipeline, stepPath: string): StepVisit | undefined {
  return findIn(pipeline.dag, '', 0, stepPath);
}

function findIn(graph: Graph, graphPath: string, depth: number, stepPath: string): StepVisit | undefined {
  for (const step of graph.steps) {
    const path = joinPath(graphPath, step.name);
    if (path === stepPath) return { step, path, graph, graphPath, depth };
    if (stepPath.length > path.length && stepPath.startsWith(path) && stepPath[path.length] === '.') {
      for (const child of childGraphs(step, path)) {
        const found = findIn(child.graph, child.path, depth + 1, stepPath);
        if (found) return found;
      }
    }
  }
  return undefined;
}
