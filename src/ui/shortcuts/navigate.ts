/**
 * Which step the keyboard moves the selection to: along the edges (next, or back to the step whose
 * next leads here) or through every step in list order, branches included. Pure.
 */
import { isFlowing } from '../../core/model/actions';
import { joinPath, walkSteps } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';

export type StepMove = 'next' | 'previous' | 'following' | 'preceding';

/** The step path a move from `from` lands on; undefined when there is nowhere to go. Without a (known) step to start from, the start step. */
export function stepToGo(pipeline: Pipeline, from: string | undefined, move: StepMove): string | undefined {
  const visits = [...walkSteps(pipeline.dag)];
  const index = from === undefined ? -1 : visits.findIndex((v) => v.path === from);
  if (index < 0) {
    const start = pipeline.dag.steps.find((s) => s.name === pipeline.dag.start_at) ?? pipeline.dag.steps[0];
    return start?.name;
  }
  const { step, graph, graphPath } = visits[index];
  const inGraph = (name: string | undefined) => (name !== undefined && graph.steps.some((s) => s.name === name) ? joinPath(graphPath, name) : undefined);
  switch (move) {
    case 'following':
      return visits[index + 1]?.path;
    case 'preceding':
      return visits[index - 1]?.path;
    case 'next':
      return isFlowing(step) ? (inGraph(step.next) ?? inGraph(step.on_failure)) : undefined;
    case 'previous': {
      const before = graph.steps.find((s) => isFlowing(s) && s.next === step.name) ?? graph.steps.find((s) => isFlowing(s) && s.on_failure === step.name);
      if (before) return joinPath(graphPath, before.name);
      // The first step of a branch goes back up to its group.
      for (let i = index - 1; i >= 0; i--) if (graphPath.startsWith(visits[i].path + '.')) return visits[i].path;
      return undefined;
    }
  }
}
