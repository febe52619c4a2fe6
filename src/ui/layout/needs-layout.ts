// Apart from graph-layout.ts, so the canvas can ask without loading the layout code (it loads when used).
import { childGraphs, joinPath, walkGraphs } from '../../core/model/paths';
import type { Graph, Pipeline, Step } from '../../core/model/types';
import { ownValue } from '../../core/own';

/**
 * Whether two graphs have the same steps by name and type, in every nested graph: then the same
 * layout places the same steps. Steps the two share are not looked into, so after an edit (one
 * step replaced) this costs a comparison per step, not a walk of the whole pipeline.
 */
function sameShape(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.steps.length !== b.steps.length) return false;
  return a.steps.every((s, i) => s === b.steps[i] || sameStepShape(s, b.steps[i]));
}

function sameStepShape(a: Step, b: Step): boolean {
  if (a.name !== b.name || a.type !== b.type) return false;
  const [from, to] = [childGraphs(a, ''), childGraphs(b, '')];
  return from.length === to.length && from.every((child, i) => child.name === to[i].name && sameShape(child.graph, to[i].graph));
}

/** The last answer: the canvas asks after every change, and most changes (a keystroke) place nothing. */
let last: { dag: Graph; layout: Pipeline['layout']; answer: boolean } | undefined;

/** Whether any step of any graph has no position yet (magnus files carry none). */
export function needsLayout(pipeline: Pipeline): boolean {
  if (last && last.layout === pipeline.layout && sameShape(last.dag, pipeline.dag)) return last.answer;
  let answer = false;
  for (const { graph, path } of walkGraphs(pipeline.dag)) {
    if (graph.steps.some((s) => !ownValue(pipeline.layout, joinPath(path, s.name)))) {
      answer = true;
      break;
    }
  }
  last = { dag: pipeline.dag, layout: pipeline.layout, answer };
  return answer;
}

/**
 * Whether some graph has more than `beyond` steps but none placed: that calls for ELK's layered
 * layout rather than the quick one (or a place here and there).
 */
export function needsFullLayout(pipeline: Pipeline, beyond = 0): boolean {
  for (const { graph, path } of walkGraphs(pipeline.dag)) {
    if (graph.steps.length > beyond && graph.steps.every((s) => !ownValue(pipeline.layout, joinPath(path, s.name)))) return true;
  }
  return false;
}
