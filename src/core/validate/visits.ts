import { childGraphs, joinPath, type StepVisit } from '../model/paths';
import type { Graph, Pipeline } from '../model/types';

/**
 * The pipeline's steps, walked once per validation: a dozen rules each walked all of them, ~1.6 MB
 * of visits per keystroke at 1,000 steps. Scoped to one validatePipeline call, so nothing outlives it.
 */
let walked: { pipeline: Pipeline; visits: readonly StepVisit[] } | undefined;

export function pipelineSteps(pipeline: Pipeline): readonly StepVisit[] {
  return walked?.pipeline === pipeline ? walked.visits : stepVisits(pipeline.dag);
}

/** A model too malformed to walk is left to each rule, which reports its own failure (validate.ts runRule). */
export function withPipelineSteps<T>(pipeline: Pipeline, run: () => T): T {
  let visits: readonly StepVisit[];
  try {
    visits = stepVisits(pipeline.dag);
  } catch {
    return run();
  }
  const outer = walked;
  walked = { pipeline, visits };
  try {
    return run();
  } finally {
    walked = outer;
  }
}

/** What walkSteps visits, in an array: a walk without a generator's object per step and level. */
export function stepVisits(graph: Graph): StepVisit[] {
  const visits: StepVisit[] = [];
  const visit = (graph: Graph, graphPath: string, depth: number) => {
    for (const step of graph.steps) {
      const path = joinPath(graphPath, step.name);
      visits.push({ step, path, graph, graphPath, depth });
      for (const child of childGraphs(step, path)) visit(child.graph, child.path, depth + 1);
    }
  };
  visit(graph, '', 0);
  return visits;
}
