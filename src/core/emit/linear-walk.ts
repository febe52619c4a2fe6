import type { Graph, Step } from '../model/types';

/**
 * The steps a linear plan runs, in order, with the names the plan gave them. What decides it is
 * each step's name, type and next (and the graph's start_at), never the rest of a step.
 */
export interface LinearWalk {
  steps: readonly Step[];
  startAt: string | undefined;
  chain: Step[];
  commandNames: string[];
  names: string[];
  rootName: string;
}

/** The last walk planned, for the next plan of the same pipeline after an edit (a keystroke). */
let last: LinearWalk | undefined;

/** Past this many replaced steps, walking again costs about what checking them would. */
const MAX_REPLACED = 8;

/**
 * The last walk, for a graph whose steps are the last walk's but for a few replaced by steps of
 * the same name, type and next: the walk is the same with the new step objects. A keystroke in
 * a step field replaces one step object, and walking 1,000 steps again (sets of seen names and
 * of allocated task names) was ~0.8 ms of its emission. Undefined where that cannot be known
 * this way: a replaced step object that is still in the graph elsewhere (then which of its places
 * the walk met is not known).
 */
export function reusedWalk(graph: Graph): LinearWalk | undefined {
  const before = last;
  const steps = graph.steps;
  if (before === undefined || graph.start_at !== before.startAt || steps.length !== before.steps.length) return undefined;
  if (steps === before.steps) return before;
  const replaced: [Step, Step][] = [];
  for (let i = 0; i < steps.length; i++) {
    const old = before.steps[i];
    const step = steps[i];
    if (old === step) continue;
    if (old.name !== step.name || old.type !== step.type || nextOf(old) !== nextOf(step) || replaced.length === MAX_REPLACED) return undefined;
    replaced.push([old, step]);
  }
  const chain = before.chain.slice();
  for (const [old, step] of replaced) {
    if (steps.includes(old)) return undefined;
    const at = chain.indexOf(old);
    if (at >= 0) chain[at] = step;
  }
  return keepWalk({ ...before, steps, chain });
}

export function keepWalk(walk: LinearWalk): LinearWalk {
  last = walk;
  return walk;
}

const nextOf = (step: Step) => (step as { next?: string }).next;
