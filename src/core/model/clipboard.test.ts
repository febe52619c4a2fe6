import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ActionError } from './actions';
import { copySteps, duplicateSteps, isCopiedSteps, pasteSteps, stepNamesIn } from './clipboard';
import { terminalGraph } from './new-steps';
import type { Pipeline } from './types';

function pipeline(): Pipeline {
  return {
    dag: {
      start_at: 'a',
      steps: [
        { name: 'a', type: 'task', command: 'm.f', next: 'b', kfp: [{ key: 'memory_limit', value: '2Gi' }] },
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
    layout: { a: { x: 100, y: 100 }, b: { x: 100, y: 200 }, p: { x: 400, y: 100 }, 'p.one.x': { x: 10, y: 20 } },
  };
}

describe('copy and paste of steps as magnus YAML', () => {
  it('copies the selected steps as a magnus pipeline text that keeps their settings and edges', () => {
    const text = copySteps(pipeline(), ['a', 'b']);
    const doc = parse(text);
    expect(Object.keys(doc.dag.steps)).toEqual(['a', 'b']);
    expect(doc.dag.steps.a).toMatchObject({ type: 'task', command: 'm.f', next: 'b', executor_config: { kfp: { memory_limit: '2Gi' } } });
    expect(doc['kfp-designer'].layout).toEqual({ a: [0, 0], b: [0, 100] });
  });

  it('pastes under new names with the edge between them following the rename', () => {
    const source = pipeline();
    const { pipeline: p, paths } = pasteSteps(source, copySteps(source, ['a', 'b']), { at: { x: 500, y: 500 } });
    expect(paths).toEqual(['a 2', 'b 2']);
    const pasted = p.dag.steps.slice(-2);
    expect(pasted[0]).toMatchObject({ name: 'a 2', next: 'b 2', kfp: [{ key: 'memory_limit', value: '2Gi' }] });
    // edges to steps outside the copy are kept when the target graph has them
    expect(pasted[1]).toMatchObject({ name: 'b 2', next: 'success', on_failure: 'fail' });
    expect(p.layout['a 2']).toEqual({ x: 500, y: 500 });
    expect(p.layout['b 2']).toEqual({ x: 500, y: 600 });
  });

  it('drops edges to steps the target graph does not have, and pastes into a branch', () => {
    const source = pipeline();
    const { pipeline: p, paths } = pasteSteps(source, copySteps(source, ['a']), { graphPath: 'p.one' });
    expect(paths).toEqual(['p.one.a']);
    const branch = (p.dag.steps[2] as Extract<Pipeline['dag']['steps'][number], { type: 'parallel' }>).branches[0].graph;
    expect(branch.steps.at(-1)).toEqual({ name: 'a', type: 'task', command: 'm.f', kfp: [{ key: 'memory_limit', value: '2Gi' }] });
  });

  it('copies composite steps with their branches and inner positions', () => {
    const source = pipeline();
    const { pipeline: p } = pasteSteps(source, copySteps(source, ['p']), { at: { x: 0, y: 0 } });
    expect(p.dag.steps.at(-1)).toMatchObject({ name: 'p 2', type: 'parallel' });
    expect(p.layout['p 2.one.x']).toEqual({ x: 10, y: 20 });
  });

  it('refuses text that is not a magnus fragment, with a reason', () => {
    expect(() => pasteSteps(pipeline(), 'hello world')).toThrow(ActionError);
    expect(() => pasteSteps(pipeline(), 'dag:\n  steps:\n    a: {type: nope}\n')).toThrow(/not a magnus pipeline.*line/);
  });
});

describe('copied steps on the clipboard', () => {
  it('start with a header line that tells them from a whole pipeline, and still parse as magnus', () => {
    const text = copySteps(pipeline(), ['a']);
    expect(isCopiedSteps(text)).toBe(true);
    expect(isCopiedSteps('dag:\n  steps: {}\n')).toBe(false);
    expect(stepNamesIn(text)).toEqual(['a']);
    expect(pasteSteps(pipeline(), text.replace(/^#.*\n/, '')).paths).toEqual(['a 2']);
  });

  it('number copies of copies on from their own number', () => {
    const source = pipeline();
    const once = pasteSteps(source, copySteps(source, ['a'])).pipeline;
    const twice = pasteSteps(once, copySteps(once, ['a 2']));
    expect(twice.paths).toEqual(['a 3']);
  });

  it('duplicates steps in their own graph as one change, with the edge between them renamed', () => {
    const source = pipeline();
    const { pipeline: p, paths } = duplicateSteps(source, ['p.one.x'], { x: 5, y: 6 });
    expect(paths).toEqual(['p.one.x 2']);
    expect(p.layout['p.one.x 2']).toEqual({ x: 5, y: 6 });
    const both = duplicateSteps(source, ['a', 'b']);
    expect(both.pipeline.dag.steps.find((s) => s.name === 'a 2')).toMatchObject({ next: 'b 2' });
    expect(() => duplicateSteps(source, [])).toThrow(ActionError);
  });
});
