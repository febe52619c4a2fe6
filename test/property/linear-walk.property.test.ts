import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsGraphShape } from '../../src/core/emit/graph-plan';
import { planLinear, type LinearPlan } from '../../src/core/emit/plan';
import type { Graph, Pipeline, Step } from '../../src/core/model/types';
import { generatePipeline } from '../../bench/generate';

/** Changes of a graph: a step's content, its next, on_failure or type, a step object put in a second place, a move, the start. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('content' as const), at: fc.nat(), memory: fc.constantFrom('1Gi', '3Gi') }),
  fc.record({ kind: fc.constant('next' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), type: fc.constantFrom('task' as const, 'stub' as const, 'success' as const, 'fail' as const) }),
  fc.record({ kind: fc.constant('on_failure' as const), at: fc.nat(), to: fc.option(fc.nat(), { nil: undefined }) }),
  fc.record({ kind: fc.constant('share' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('start' as const), at: fc.nat() }),
);

function applyChange(graph: Graph, c: fc.infer<typeof change>): Graph {
  const steps = graph.steps;
  if (c.kind === 'start') return { ...graph, start_at: steps[c.at % steps.length].name };
  const next = [...steps];
  const i = c.at % steps.length;
  const step = steps[i];
  switch (c.kind) {
    case 'content':
      next[i] = { ...step, kfp: [{ key: 'memory_limit', value: c.memory }] } as Step;
      break;
    case 'next':
      next[i] = { ...step, next: steps[c.to % steps.length].name } as Step;
      break;
    case 'on_failure':
      next[i] = { ...step, on_failure: c.to === undefined ? undefined : steps[c.to % steps.length].name } as Step;
      break;
    case 'type':
      next[i] = { ...step, type: c.type } as Step;
      break;
    case 'share':
      next[c.to % steps.length] = step;
      break;
    case 'swap':
      next[i] = steps[c.to % steps.length];
      next[c.to % steps.length] = step;
      break;
  }
  return { ...graph, steps: next };
}

/** What a plan says, with each task's step by its place in the steps array (an object can be in two). */
const described = (plan: LinearPlan, steps: readonly Step[]) => ({
  rootName: plan.rootName,
  diagnostics: plan.diagnostics,
  volumes: plan.volumes,
  tasks: plan.tasks.map((t) => ({ step: t.step, name: t.name, commandName: t.commandName, path: t.path, after: t.after, isStart: t.isStart, retries: t.retries, settings: t.settings(), inSteps: steps.includes(t.step) })),
});

/** Another graph (of another length), asked about just before, so that nothing is reused. */
const other = (pipeline: Pipeline): Pipeline => ({ ...pipeline, dag: { start_at: 'x', steps: [...pipeline.dag.steps, { name: 'x', type: 'success' }] } });

function freshPlan(pipeline: Pipeline): LinearPlan {
  planLinear(other(pipeline));
  return planLinear(pipeline);
}

function freshShape(pipeline: Pipeline): boolean {
  needsGraphShape(other(pipeline));
  return needsGraphShape(pipeline);
}

describe('property: a linear plan made after an edit equals one made afresh', () => {
  it('after any sequence of changes of the steps, the plan names and orders the same steps, and the shape is the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (size, edits) => {
        let pipeline = generatePipeline(size);
        planLinear(pipeline);
        needsGraphShape(pipeline);
        for (const changes of edits) {
          pipeline = { ...pipeline, dag: changes.reduce(applyChange, pipeline.dag) };
          expect(needsGraphShape(pipeline)).toBe(freshShape(pipeline));
          const incremental = described(planLinear(pipeline), pipeline.dag.steps);
          expect(incremental).toEqual(described(freshPlan(pipeline), pipeline.dag.steps));
          // toEqual compares steps by content: the walk must give the new step objects, not equal old ones.
          for (const task of incremental.tasks) expect(task.inSteps).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a step object in two places, one of them replaced, is walked where the graph names it', () => {
    const pipeline = generatePipeline(3);
    const [first, second] = pipeline.dag.steps;
    // Two places of one object under one name: the later place is the one the name means.
    const shared: Pipeline = { ...pipeline, dag: { ...pipeline.dag, steps: [first, second, ...pipeline.dag.steps.slice(2), second] } };
    planLinear(shared);
    const copy = { ...second, kfp: [{ key: 'memory_limit', value: '9Gi' }] } as Step;
    const edited: Pipeline = { ...shared, dag: { ...shared.dag, steps: [first, copy, ...shared.dag.steps.slice(2)] } };
    expect(planLinear(edited).tasks[1].step).toBe(second);
  });
});
