import type { Diagnostic } from '../diagnostics';
import { MAX_STEP_NESTING } from '../limits';
import { childGraphs, joinPath } from './paths';
import type { Graph, Pipeline, StepType } from './types';

export const nestingTooDeep = (name: string, type: StepType) =>
  `${type} step \`${name}\` is already inside ${MAX_STEP_NESTING} composite steps (parallel, map, dag), the limit: its own steps would be nested ${MAX_STEP_NESTING + 1} deep`;

/**
 * The first composite step whose steps would be nested deeper than MAX_STEP_NESTING, found without
 * recursion and without looking below the limit, so a model nested 10,000 deep (a damaged saved
 * pipeline) costs no more than one at the limit. The validator, the emitters and the exporter walk
 * the model recursively, so they ask this first.
 */
export function nestingProblem(pipeline: Pipeline): Diagnostic | undefined {
  const stack: { graph: Graph; graphPath: string; nesting: number }[] = [{ graph: pipeline.dag, graphPath: '', nesting: 0 }];
  while (stack.length > 0) {
    const { graph, graphPath, nesting } = stack.pop()!;
    const steps = Array.isArray(graph?.steps) ? graph.steps : [];
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i];
      // Only composites hold graphs: a leaf step's path and (empty) children were most of the walk.
      if (step.type !== 'parallel' && step.type !== 'map' && step.type !== 'dag') continue;
      const path = joinPath(graphPath, step.name);
      const children = childGraphs(step, path);
      if (nesting >= MAX_STEP_NESTING) {
        return { code: 'E_NESTING_TOO_DEEP', severity: 'error', message: nestingTooDeep(step.name, step.type), step: path, graph: graphPath };
      }
      for (const child of children) stack.push({ graph: child.graph, graphPath: child.path, nesting: nesting + 1 });
    }
  }
  return undefined;
}
