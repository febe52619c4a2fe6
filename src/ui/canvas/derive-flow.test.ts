import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostics';
import { importMagnus } from '../../core/magnus/import';
import { addStep, connect, moveSteps, setStepFields, setStepOverride } from '../../core/model/actions';
import type { Pipeline } from '../../core/model/types';
import { createEdgeDeriver, createNodeDeriver, problemsByNode, stepSummary, topLevelStep } from './derive-flow';
import { nextSelection, withSelection } from './selection';

const text = `dag:
  start_at: prepare
  steps:
    prepare: {type: task, command: python prep.py, next: fan out, on_failure: fail}
    fan out:
      type: parallel
      branches:
        a: {start_at: x, steps: {x: {type: stub, next: success}, success: {type: success}, fail: {type: fail}}}
        b: {start_at: x, steps: {x: {type: stub, next: success}, success: {type: success}, fail: {type: fail}}}
      next: each
    each: {type: map, iterate_on: files, iterate_as: file, branch: {start_at: s, steps: {s: {type: stub, next: success}, success: {type: success}, fail: {type: fail}}}, next: nested}
    nested: {type: dag, dag_definition: sub.yaml, next: dangling}
    success: {type: success}
    fail: {type: fail}
`;

const load = (): Pipeline => {
  const { pipeline } = importMagnus({ dag: { text } });
  return moveSteps(pipeline!, { prepare: { x: 10, y: 20 }, 'fan out': { x: 10, y: 120 } });
};

describe('nodes derived from the model', () => {
  it('makes one node per step of the pipeline graph, named for tests and screen readers', () => {
    const nodes = createNodeDeriver()(load(), new Map());
    expect(nodes.map((n) => n.id)).toEqual(['prepare', 'fan out', 'each', 'nested', 'success', 'fail']);
    const prepare = nodes[0];
    expect(prepare.ariaLabel).toBe('Step prepare (task)');
    expect(prepare.type).toBe('task');
    expect(prepare.position).toEqual({ x: 10, y: 20 });
    expect(prepare.data).toMatchObject({ isStart: true, flowing: true, summary: 'python prep.py', overrides: [] });
    expect(nodes.find((n) => n.id === 'fail')!.data.flowing).toBe(false);
  });

  it('summarises composites and hides steps that have no position yet', () => {
    const nodes = createNodeDeriver()(load(), new Map());
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('fan out')!.data.summary).toBe('2 branches');
    expect(byId.get('each')!.data.summary).toBe('over files as file');
    expect(byId.get('nested')!.data.summary).toBe('sub.yaml');
    expect(byId.get('fan out')!.hidden).toBe(false);
    expect(byId.get('each')!.hidden).toBe(true);
  });

  it('shows overrides and the step type summary for every type', () => {
    const p = setStepOverride(load(), 'prepare', 'memory_limit', '8Gi');
    expect(createNodeDeriver()(p, new Map())[0].data.overrides).toEqual(['memory_limit']);
    expect(stepSummary({ name: 't', type: 'task' })).toBe('(no command yet)');
    expect(stepSummary({ name: 's', type: 'stub' })).toMatch(/placeholder/);
  });

  it('keeps the node objects of unchanged steps, and only those', () => {
    const derive = createNodeDeriver();
    const p1 = load();
    const first = derive(p1, new Map());
    const second = derive(setStepFields(p1, 'prepare', { command: 'python other.py' }), new Map());
    expect(second[0]).not.toBe(first[0]);
    expect(second[0].data.summary).toBe('python other.py');
    expect(second.slice(1)).toEqual(first.slice(1));
    second.slice(1).forEach((node, i) => expect(node).toBe(first[i + 1]));
    const moved = derive(moveSteps(p1, { 'fan out': { x: 0, y: 0 } }), new Map());
    expect(moved[1]).not.toBe(first[1]);
    expect(moved[1].position).toEqual({ x: 0, y: 0 });
  });
});

describe('problem badges', () => {
  const diag = (step: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ code: 'E_X', severity, message: `bad ${step}`, step });

  it('counts a composite’s inner problems on its node', () => {
    const names = new Set(['prepare', 'fan out', 'a.b']);
    expect(topLevelStep('fan out.a.x', names)).toBe('fan out');
    expect(topLevelStep('a.b.c', names)).toBe('a.b');
    expect(topLevelStep('elsewhere', names)).toBeUndefined();
    const byStep = new Map([
      ['prepare', [diag('prepare'), diag('prepare', 'warning')]],
      ['fan out.a.x', [diag('fan out.a.x')]],
    ]);
    const problems = problemsByNode(byStep, names);
    expect(problems.get('prepare')).toEqual({ count: 2, errors: 1, text: 'error: bad prepare\nwarning: bad prepare' });
    expect(problems.get('fan out')!.count).toBe(1);
  });

  it('puts the count on the node, and a new node only when it changes', () => {
    const derive = createNodeDeriver();
    const p = load();
    const problems = new Map([['prepare', { count: 2, errors: 1, text: 'x' }]]);
    const first = derive(p, problems);
    expect(first[0].data.problems).toEqual({ count: 2, errors: 1, text: 'x' });
    expect(derive(p, new Map([['prepare', { count: 2, errors: 1, text: 'x' }]]))[0]).toBe(first[0]);
    expect(derive(p, new Map())[0].data.problems).toBeUndefined();
  });
});

describe('edges derived from next and on_failure', () => {
  it('draws next solid and on_failure dashed, named "kind: from → to", none to a missing step', () => {
    const edges = createEdgeDeriver()(load());
    expect(edges.map((e) => e.ariaLabel)).toEqual(['next: prepare → fan out', 'on failure: prepare → fail', 'next: fan out → each', 'next: each → nested']);
    const [next, failure] = edges;
    expect(next).toMatchObject({ source: 'prepare', target: 'fan out', sourceHandle: 'next', label: 'next', data: { kind: 'next' } });
    expect(next.style?.strokeDasharray).toBeUndefined();
    expect(failure).toMatchObject({ sourceHandle: 'on_failure', label: 'on failure', className: 'edge-on-failure' });
    expect(failure.style?.strokeDasharray).toBeDefined();
  });

  it('follows reconnections and keeps unchanged edges', () => {
    const derive = createEdgeDeriver();
    const p = load();
    const first = derive(p);
    const { pipeline: withStub } = addStep(p, 'stub', { name: 'recover' });
    const second = derive(connect(withStub, 'prepare', 'recover', 'on_failure'));
    expect(second[0]).toBe(first[0]);
    expect(second[1].ariaLabel).toBe('on failure: prepare → recover');
  });
});

describe('failure exits into a shared handler', () => {
  it('are drawn as stubs once more than a few steps fail into the same step, named as any edge', () => {
    const derive = createEdgeDeriver();
    let p = load();
    expect(derive(p).find((e) => e.id === 'on_failure:prepare')!.type).toBe('smoothstep');
    for (const from of ['fan out', 'each', 'nested']) p = connect(p, from, 'fail', 'on_failure');
    const stubs = derive(p).filter((e) => e.type === 'failureStub');
    expect(stubs.map((e) => e.ariaLabel)).toEqual(['on failure: prepare → fail', 'on failure: fan out → fail', 'on failure: each → fail', 'on failure: nested → fail']);
  });
});

describe('selection', () => {
  it('marks selected nodes and composites that contain a selected step, keeping the others', () => {
    const nodes = createNodeDeriver()(load(), new Map());
    const shown = withSelection(nodes, ['prepare', 'fan out.a.x']);
    expect(shown[0].selected).toBe(true);
    expect(shown[1].selected).toBe(false);
    expect(shown[1].className).toBe('contains-selection');
    expect(shown[2]).toBe(nodes[2]);
    expect(withSelection(nodes, ['prepare'])[0]).toBe(shown[0]);
  });

  it('applies select changes in the order steps were picked', () => {
    expect(nextSelection(['a', 'b'], [{ id: 'c', type: 'select', selected: true }, { id: 'a', type: 'select', selected: false }])).toEqual(['b', 'c']);
    expect(nextSelection(['a'], [{ id: 'a', type: 'select', selected: true }])).toEqual(['a']);
  });
});
