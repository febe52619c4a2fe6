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
 * the same name, type, next and on_failure: the walk is the same with the new step objects. A
 * keystroke in a step field replaces one step object, and walking 1,000 steps again (sets of seen
 * names and of allocated task names) was ~0.8 ms of its emission. Undefined where that cannot be
 * known this way: a replaced step object that is still in the graph elsewhere (then which of its
 * places the walk met is not known).
 */
export function reusedWalk(graph: Graph): LinearWalk | undefined {
  const before = last;
  if (before === undefined || graph.start_at !== before.startAt) return undefined;
  const steps = graph.steps;
  if (steps === before.steps) return before;
  const replaced = replacedSteps(before.steps, steps);
  if (replaced === undefined) return undefined;
  const chain = before.chain.slice();
  for (const [old, step] of replaced) {
    if (steps.includes(old)) return undefined;
    const at = chain.indexOf(old);
    if (at >= 0) chain[at] = step; // own-keys: an index
  }
  return keepWalk({ ...before, steps, chain });
}

/**
 * The steps of `after` that replace those of `before` in their places, where no more than a few
 * do and each keeps what a walk along `next` reads of it (its name, type, next and on_failure).
 */
export function replacedSteps(before: readonly Step[], after: readonly Step[]): [Step, Step][] | undefined {
  if (before.length !== after.length) return undefined;
  const replaced: [Step, Step][] = [];
  for (let i = 0; i < after.length; i++) {
    const old = before[i];
    const step = after[i];
    if (old === step) continue;
    if (old.name !== step.name || old.type !== step.type || flowOf(old).next !== flowOf(step).next || flowOf(old).on_failure !== flowOf(step).on_failure) return undefined;
    if (replaced.length === MAX_REPLACED) return undefined;
    replaced.push([old, step]);
  }
  return replaced;
}

export function keepWalk(walk: LinearWalk): LinearWalk {
  last = walk;
  return walk;
}

const flowOf = (step: Step) => step as { next?: string; on_failure?: string };
