import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { MAX_STEP_NESTING } from '../limits';
import { nestingProblem } from './nesting';
import type { Graph, Pipeline, Step } from './types';

type CompositeType = 'parallel' | 'map' | 'dag';

/** A composite of `type` holding `inner` as its graph. */
function composite(type: CompositeType, name: string, inner: Graph): Step {
  if (type === 'parallel') return { type, name, next: 'success', branches: [{ name: 'b', graph: inner }] } as Step;
  if (type === 'map') return { type, name, next: 'success', iterate_on: 'xs', iterate_as: 'x', branch: inner } as Step;
  return { type, name, next: 'success', graph: inner } as Step;
}

/** A root graph with `composites` composites nested one in another, a task at the bottom, after a few leaf steps. */
function nested(type: CompositeType, composites: number): Pipeline {
  let graph: Graph = { start_at: 'leaf', steps: [{ type: 'task', name: 'leaf', command: 'run', next: 'success' }, { type: 'success', name: 'success' }] };
  for (let level = composites; level >= 1; level--) {
    graph = { start_at: `c${level}`, steps: [{ type: 'stub', name: `s${level}`, next: `c${level}` }, composite(type, `c${level}`, graph), { type: 'success', name: 'success' }] };
  }
  return { ...generatePipeline(1), dag: graph };
}

describe('nestingProblem', () => {
  it.each(['parallel', 'map', 'dag'] as const)('finds a %s step whose steps would be nested past the limit, and none at the limit', (type) => {
    expect(nestingProblem(nested(type, MAX_STEP_NESTING))).toBeUndefined();
    const problem = nestingProblem(nested(type, MAX_STEP_NESTING + 1));
    expect(problem?.code).toBe('E_NESTING_TOO_DEEP');
    expect(problem?.step?.endsWith(`c${MAX_STEP_NESTING + 1}`)).toBe(true);
  });
});
