// Not in paths.ts, which is part of the page's first load: only the emitter asks this.
import type { Graph, Step } from './types';

/** Whether some step of any graph passes `test`: walkSteps's order, without its visits and paths (a test that needs them walks). */
export function someStep(graph: Graph, test: (step: Step) => boolean): boolean {
  for (const step of graph.steps) {
    if (test(step)) return true;
    switch (step.type) {
      case 'parallel':
        for (const branch of step.branches) if (someStep(branch.graph, test)) return true;
        break;
      case 'map':
        if (someStep(step.branch, test)) return true;
        break;
      case 'dag':
        if (step.graph && someStep(step.graph, test)) return true;
        break;
    }
  }
  return false;
}
