import { describe, expect, it } from 'vitest';
import { generateNestedPipeline } from '../../../bench/generate';
import { setLayout } from '../../core/model/actions';
import { addStep } from '../../core/model/new-steps';
import { renameStep } from '../../core/model/structure-actions';
import { setStepOverride } from '../../core/model/settings-actions';
import { walkSteps } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import { needsLayout } from './needs-layout';

const placedEverywhere = (pipeline: Pipeline) => setLayout(pipeline, Object.fromEntries([...walkSteps(pipeline.dag)].map((v, i) => [v.path, { x: 0, y: i * 100 }])));

describe('whether a pipeline has steps to place, asked after every change', () => {
  // Nested: a step inside a map inside a parallel branch has a path of several graphs.
  const placed = placedEverywhere(generateNestedPipeline(120));
  const inner = [...walkSteps(placed.dag)].find((v) => v.depth === 2 && v.step.type === 'task')!;

  it('answers for the pipeline asked about, whatever was asked before', () => {
    expect(needsLayout(placed)).toBe(false);
    // An edit of a step's settings, deep inside: still nothing to place.
    const edited = setStepOverride(placed, inner.path, 'memory_limit', '3Gi');
    expect(needsLayout(edited)).toBe(false);
    // A step added in that same graph has no position.
    const added = addStep(edited, 'stub', { graphPath: inner.graphPath, name: 'new one' }).pipeline;
    expect(needsLayout(added)).toBe(true);
    expect(needsLayout(edited)).toBe(false);
    // A renamed step keeps its position (the action moves it); one whose position is gone has none.
    expect(needsLayout(renameStep(edited, inner.path, 'renamed'))).toBe(false);
    const { [inner.path]: _gone, ...rest } = edited.layout;
    expect(needsLayout(setLayout(edited, rest))).toBe(true);
    // The same dag laid out anew, and a dag whose nested step changed name behind the layout's back.
    expect(needsLayout(setLayout(edited, { ...edited.layout }))).toBe(false);
    const branchRenamed = structuredClone(edited);
    const parallel = branchRenamed.dag.steps[0];
    if (parallel.type !== 'parallel') throw new Error('the generated pipeline changed');
    parallel.branches[0] = { ...parallel.branches[0], name: 'other branch' };
    expect(needsLayout({ ...branchRenamed, layout: edited.layout })).toBe(true);
  });
});
