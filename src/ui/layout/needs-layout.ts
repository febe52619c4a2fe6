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

/** A graph with none of its steps placed and at most this many is laid out at once (placement.ts); larger ones by ELK. */
const SMALL_GRAPH = 40;

/** Whether placing `pipeline`'s missing steps takes ELK: a graph larger than SMALL_GRAPH has none placed. */
export const needsElk = (pipeline: Pipeline) => needsFullLayout(pipeline, SMALL_GRAPH);

/**
 * How the canvas places a pipeline's missing steps. Mostly new steps (a dag pasted over the old one
 * in the YAML tab): the few that kept their names keep no place either, and the whole graph is laid
 * out afresh (`toPlace` is the pipeline without its own graph's places).
 */
export function layoutPlan(pipeline: Pipeline): { mostlyNew: boolean; toPlace: Pipeline } {
  const mostlyNew = isMostlyNew(pipeline);
  return { mostlyNew, toPlace: mostlyNew ? withoutOwnPlaces(pipeline) : pipeline };
}

/** More than half of the pipeline's own steps have no place: new ones, most of them. */
function isMostlyNew(pipeline: Pipeline): boolean {
  const steps = pipeline.dag.steps;
  const unplaced = steps.filter((s) => !ownValue(pipeline.layout, s.name)).length;
  return unplaced > 0 && unplaced < steps.length && unplaced * 2 > steps.length;
}

/** The pipeline without the places of its own graph's steps (their branches keep theirs). */
function withoutOwnPlaces(pipeline: Pipeline): Pipeline {
  const own = new Set(pipeline.dag.steps.map((s) => s.name));
  return { ...pipeline, layout: Object.fromEntries(Object.entries(pipeline.layout).filter(([path]) => !own.has(path))) };
}
