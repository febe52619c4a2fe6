import { describe, expect, it } from 'vitest';
import { ActionError, connect, deleteSteps, disconnect, moveStepToGraph, setStartStep } from './actions';
import { addStep, insertStep, terminalGraph } from './new-steps';
import { addBranch, changeStepType, removeBranch, renameBranch, renameStep } from './structure-actions';
import { resetStepOverride, setExecutorSetting, setStepFields, setStepOverride } from './settings-actions';
import { effectiveSettings } from './effective';
import { findStep } from './paths';
import { validatePipeline } from '../validate/validate';
import type { Pipeline } from './types';

function pipeline(): Pipeline {
  return {
    dag: {
      start_at: 'a',
      steps: [
        { name: 'a', type: 'task', command: 'm.f', next: 'b' },
        { name: 'b', type: 'stub', next: 'success', on_failure: 'fail' },
        { name: 'p', type: 'parallel', next: 'success', branches: [{ name: 'one', graph: terminalGraph('x') }] },
        { name: 'success', type: 'success' },
        { name: 'fail', type: 'fail' },
      ],
    },
    executor: { docker_image: 'img', profiles: [] },
    services: [],
    parameters: [],
    variables: [],
    files: { dag: 'pipeline.yaml' },
    layout: { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, 'p.one.x': { x: 5, y: 5 } },
  };
}

describe('model actions', () => {
  it('never mutate their input and share what they do not change', () => {
    const before = pipeline();
    const snapshot = structuredClone(before);
    const after = setStepFields(before, 'a', { command: 'n.g' });
    expect(before).toEqual(snapshot);
    expect(after.dag.steps[1]).toBe(before.dag.steps[1]);
    expect(after.dag.steps[0]).toMatchObject({ command: 'n.g' });
  });

  it('add a step with a unique name, making it the start of an empty graph', () => {
    const { pipeline: p, path } = addStep(pipeline(), 'task', { position: { x: 1, y: 2 } });
    expect(path).toBe('task');
    expect(addStep(p, 'task').path).toBe('task 2');
    expect(p.layout.task).toEqual({ x: 1, y: 2 });
    const empty = { ...pipeline(), dag: { steps: [] } };
    expect(addStep(empty, 'stub').pipeline.dag.start_at).toBe('stub');
  });

  it('insert a step after the selected one, into its chain: selected → new → old next', () => {
    const { pipeline: p, path, from, to } = insertStep(pipeline(), 'task', { after: 'a' });
    expect({ path, from, to }).toEqual({ path: 'task', from: 'a', to: 'b' });
    expect(findStep(p, 'a')?.step).toMatchObject({ next: 'task' });
    expect(findStep(p, 'task')?.step).toMatchObject({ next: 'b' });
    // Its on_failure and everything else stay.
    expect(findStep(p, 'b')?.step).toMatchObject({ next: 'success', on_failure: 'fail' });
  });

  it('insert a step with nothing selected at the end of the chain from start_at, before success', () => {
    const { pipeline: p, from, to } = insertStep(pipeline(), 'stub');
    expect({ from, to }).toEqual({ from: 'b', to: 'success' });
    expect(findStep(p, 'b')?.step).toMatchObject({ next: 'stub' });
    expect(findStep(p, 'stub')?.step).toMatchObject({ next: 'success' });
    // After a terminal step there is no chain to join: the end of the chain it is.
    expect(insertStep(pipeline(), 'stub', { after: 'success' }).from).toBe('b');
  });

  it('insert into a branch, after a step without next, and as the first step of an empty graph', () => {
    const inBranch = insertStep(pipeline(), 'task', { graphPath: 'p.one' });
    expect(inBranch).toMatchObject({ path: 'p.one.task', from: 'p.one.x', to: 'p.one.success' });
    const dangling = setStepFields(pipeline(), 'a', { next: undefined });
    expect(insertStep(dangling, 'task', { after: 'a' })).toMatchObject({ from: 'a', to: 'success' });
    const empty = { ...pipeline(), dag: { steps: [{ name: 'success', type: 'success' as const }] } };
    const first = insertStep(empty, 'task');
    expect(first.pipeline.dag).toMatchObject({ start_at: 'task', steps: [{ name: 'success' }, { name: 'task', next: 'success' }] });
  });

  it('insert steps of every type that start valid: no error or warning beyond those the pipeline had', () => {
    const problems = (p: Pipeline) => validatePipeline(p).filter((d) => d.severity !== 'info');
    const before = problems(pipeline());
    for (const type of ['task', 'stub', 'parallel', 'map', 'dag'] as const) {
      for (const after of [undefined, 'a']) {
        expect(problems(insertStep(pipeline(), type, { after }).pipeline), `${type} after ${after}`).toEqual(before);
      }
    }
  });

  it('refuse a second success or fail step in a graph, and add one where it is missing', () => {
    expect(() => insertStep(pipeline(), 'success')).toThrow(ActionError);
    expect(() => insertStep(pipeline(), 'fail', { graphPath: 'p.one' })).toThrow(/already has its fail step `fail`/);
    const withoutFail = deleteSteps(pipeline(), ['fail']);
    expect(insertStep(withoutFail, 'fail').path).toBe('fail');
  });

  it('add steps inside a branch by graph path', () => {
    const { pipeline: p, path } = addStep(pipeline(), 'task', { graphPath: 'p.one' });
    expect(path).toBe('p.one.task');
    expect(findStep(p, 'p.one.task')?.graphPath).toBe('p.one');
  });

  it('rename a step with its references, start_at and positions (its branches included)', () => {
    let p = renameStep(pipeline(), 'a', 'first');
    expect(p.dag.start_at).toBe('first');
    expect(p.layout.first).toEqual({ x: 0, y: 0 });
    p = renameStep(p, 'b', 'second');
    expect(p.dag.steps[0]).toMatchObject({ name: 'first', next: 'second' });
    p = renameStep(p, 'p', 'fan');
    expect(p.layout['fan.one.x']).toEqual({ x: 5, y: 5 });
    expect(() => renameStep(p, 'first', 'second')).toThrow(ActionError);
  });

  it('delete steps and the edges that pointed at them', () => {
    const p = deleteSteps(pipeline(), ['b', 'a']);
    expect(p.dag.steps.map((s) => s.name)).toEqual(['p', 'success', 'fail']);
    expect(p.dag.start_at).toBeUndefined();
    expect(p.layout).toEqual({ 'p.one.x': { x: 5, y: 5 } });
    const q = deleteSteps(pipeline(), ['b']);
    expect(q.dag.steps[0]).toEqual({ name: 'a', type: 'task', command: 'm.f' });
  });

  it('connect refuses cycles, terminal sources and edges across graphs, with a reason', () => {
    expect(() => connect(pipeline(), 'b', 'a', 'next')).toThrow(/cycle/);
    expect(() => connect(pipeline(), 'b', 'a', 'on_failure')).toThrow(/cycle/);
    expect(() => connect(pipeline(), 'success', 'a', 'next')).toThrow(/ends its graph/);
    expect(() => connect(pipeline(), 'a', 'p.one.x', 'next')).toThrow(/different graphs/);
    expect(() => connect(pipeline(), 'a', 'a', 'next')).toThrow(/itself/);
  });

  it('connect replaces an edge, which may be the one that made a would-be cycle', () => {
    const p = connect(pipeline(), 'a', 'p', 'on_failure');
    expect(p.dag.steps[0]).toMatchObject({ next: 'b', on_failure: 'p' });
    // b → a would be a cycle through a.next = b; a.next is replaced first, so a → success is fine.
    const q = connect(pipeline(), 'a', 'success', 'next');
    expect(connect(q, 'b', 'a', 'next').dag.steps[1]).toMatchObject({ next: 'a' });
    expect(disconnect(p, 'a', 'on_failure').dag.steps[0]).toEqual({ name: 'a', type: 'task', command: 'm.f', next: 'b' });
  });

  it('change the start step and the type of a step, keeping its edges', () => {
    expect(setStartStep(pipeline(), 'b').dag.start_at).toBe('b');
    const p = changeStepType(pipeline(), 'b', 'task');
    expect(p.dag.steps[1]).toMatchObject({ name: 'b', type: 'task', next: 'success', on_failure: 'fail' });
    const q = changeStepType(pipeline(), 'b', 'success');
    expect(q.dag.steps[1]).toEqual({ name: 'b', type: 'success' });
  });

  it('override a setting on a step and reset it back to inherited', () => {
    let p = setStepOverride(pipeline(), 'a', 'memory_limit', '4G');
    expect(effectiveSettings(p, p.dag.steps[0]).memory_limit).toEqual({ value: '4G', source: { kind: 'step' } });
    p = setStepOverride(p, 'a', 'memory_limit', '5G');
    expect(p.dag.steps[0].kfp).toEqual([{ key: 'memory_limit', value: '5G' }]);
    p = resetStepOverride(p, 'a', 'memory_limit');
    expect(p.dag.steps[0].kfp).toBeUndefined();
    expect(effectiveSettings(p, p.dag.steps[0]).memory_limit.source).toEqual({ kind: 'default' });
    p = setExecutorSetting(p, 'memory_limit', '2G');
    expect(effectiveSettings(p, p.dag.steps[0]).memory_limit).toEqual({ value: '2G', source: { kind: 'global' } });
    expect(setExecutorSetting(p, 'memory_limit', undefined).executor).toEqual({ docker_image: 'img', profiles: [] });
  });

  it('add, rename and remove branches of a parallel step, moving their positions', () => {
    let p = addBranch(pipeline(), 'p');
    expect(findStep(p, 'p.branch_2.step')).toBeDefined();
    p = renameBranch(p, 'p', 'one', 'uno');
    expect(p.layout['p.uno.x']).toEqual({ x: 5, y: 5 });
    p = removeBranch(p, 'p', 'uno');
    expect(p.layout['p.uno.x']).toBeUndefined();
    expect(() => addBranch(p, 'a')).toThrow(ActionError);
  });
});

describe('moving a step to another graph', () => {
  it('moves a step into a branch: its edges are dropped and listed, start_at cleared, name kept', () => {
    const { pipeline: p, path, droppedEdges } = moveStepToGraph(pipeline(), 'a', 'p.one', { x: 20, y: 40 });
    expect(path).toBe('p.one.a');
    expect(droppedEdges).toEqual(['next: a → b']);
    expect(p.dag.start_at).toBeUndefined();
    expect(p.dag.steps.map((s) => s.name)).toEqual(['b', 'p', 'success', 'fail']);
    expect(findStep(p, 'p.one.a')?.step).toEqual({ name: 'a', type: 'task', command: 'm.f' });
    expect(p.layout.a).toBeUndefined();
    expect(p.layout['p.one.a']).toEqual({ x: 20, y: 40 });
    expect(p.layout['p.one.x']).toEqual({ x: 5, y: 5 });
  });

  it('drops the edges into the step too, and makes its name unique in the new graph', () => {
    const { pipeline: p, path, droppedEdges } = moveStepToGraph(pipeline(), 'p.one.x', '');
    expect(path).toBe('x');
    expect(droppedEdges).toEqual(['next: x → success']);
    const branch = findStep(p, 'p')!.step;
    expect(branch.type === 'parallel' && branch.branches[0].graph.start_at).toBeUndefined();
    expect(p.layout).not.toHaveProperty('x');
    expect(p.layout).not.toHaveProperty('p.one.x');

    const into = moveStepToGraph(pipeline(), 'b', 'p.one');
    expect(into.droppedEdges).toEqual(['next: a → b', 'next: b → success', 'on failure: b → fail']);
    expect(findStep(into.pipeline, 'a')?.step).toEqual({ name: 'a', type: 'task', command: 'm.f' });
    const back = moveStepToGraph(into.pipeline, 'p.one.b', '', { x: 1, y: 1 });
    expect(back.path).toBe('b');
    const twice = moveStepToGraph(addStepNamed(pipeline(), 'p.one', 'a'), 'a', 'p.one');
    expect(twice.path).toBe('p.one.a 2');
  });

  it('takes a composite with its branches, whose positions move with it', () => {
    const base = pipeline();
    const { pipeline: withBranch } = addStepAt(base, 'p.one', 'parallel', 'inner');
    const placed = { ...withBranch, layout: { ...withBranch.layout, 'p.one.inner': { x: 3, y: 3 }, 'p.one.inner.branch_1.step': { x: 7, y: 8 } } };
    const { pipeline: p, path } = moveStepToGraph(placed, 'p.one.inner', '', { x: 100, y: 0 });
    expect(path).toBe('inner');
    expect(p.layout.inner).toEqual({ x: 100, y: 0 });
    expect(p.layout['inner.branch_1.step']).toEqual({ x: 7, y: 8 });
    expect(p.layout['p.one.inner.branch_1.step']).toBeUndefined();
    expect(findStep(p, 'inner.branch_2.success')).toBeDefined();
  });

  it('is refused for success and fail steps, into the step`s own branches, and to a graph that does not exist', () => {
    expect(() => moveStepToGraph(pipeline(), 'success', 'p.one')).toThrow(ActionError);
    expect(() => moveStepToGraph(pipeline(), 'p.one.fail', '')).toThrow(/ends its own graph/);
    expect(() => moveStepToGraph(pipeline(), 'p', 'p.one')).toThrow(/its own branches/);
    expect(() => moveStepToGraph(pipeline(), 'a', 'nowhere')).toThrow(/no graph/);
  });

  it('within its own graph only moves it', () => {
    const before = pipeline();
    expect(moveStepToGraph(before, 'a', '').pipeline).toBe(before);
    expect(moveStepToGraph(before, 'a', '', { x: 9, y: 9 }).pipeline.layout.a).toEqual({ x: 9, y: 9 });
  });

  it('never mutates its input', () => {
    const before = pipeline();
    const snapshot = structuredClone(before);
    moveStepToGraph(before, 'b', 'p.one', { x: 1, y: 2 });
    expect(before).toEqual(snapshot);
  });
});

function addStepNamed(p: Pipeline, graphPath: string, name: string): Pipeline {
  return addStep(p, 'stub', { graphPath, name }).pipeline;
}

function addStepAt(p: Pipeline, graphPath: string, type: 'parallel', name: string) {
  return addStep(p, type, { graphPath, name });
}
