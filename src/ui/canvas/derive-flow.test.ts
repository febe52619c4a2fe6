import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostics';
import { importMagnus } from '../../core/magnus/import';
import { connect, moveSteps } from '../../core/model/actions';
import { addStep } from '../../core/model/new-steps';
import { setStepFields, setStepOverride } from '../../core/model/settings-actions';
import type { Pipeline } from '../../core/model/types';
import { CONTENT_LEFT, CONTENT_TOP, GROUP_HEADER, GROUP_PAD, LANE_GAP, LANE_MIN_HEIGHT, LANE_MIN_WIDTH, LANE_PAD, NODE_HEIGHT, NODE_WIDTH } from '../layout/geometry';
import { diagnosticsByStep } from '../store/derived';
import { createEdgeDeriver, createNodeDeriver, isLaneNode, nearestNode, problemsByEdge, problemsByNode, stepSummary, topLevelStep, type StepNode } from './derive-flow';
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

/** Every group collapsed: the pipeline's own graph only, as before groups existed. */
const ALL_COLLAPSED = new Set(['fan out', 'each', 'nested']);

describe('nodes derived from the model', () => {
  it('makes one node per step of the pipeline graph, named for tests and screen readers', () => {
    const nodes = createNodeDeriver()(load(), new Map(), ALL_COLLAPSED) as StepNode[];
    expect(nodes.map((n) => n.id)).toEqual(['prepare', 'fan out', 'each', 'nested', 'success', 'fail']);
    const prepare = nodes[0];
    expect(prepare.ariaLabel).toBe('Step prepare (task)');
    expect(prepare.type).toBe('task');
    expect(prepare.position).toEqual({ x: 10, y: 20 });
    expect(prepare.data).toMatchObject({ isStart: true, flowing: true, summary: 'python prep.py', overrides: [], expanded: false, expandable: false });
    expect(nodes.find((n) => n.id === 'fail')!.data.flowing).toBe(false);
    expect(nodes.find((n) => n.id === 'fan out')!.data).toMatchObject({ expanded: false, expandable: true });
    expect(nodes.find((n) => n.id === 'fan out')!.width).toBe(NODE_WIDTH);
  });

  it('summarises composites and hides steps that have no position yet', () => {
    const nodes = createNodeDeriver()(load(), new Map(), ALL_COLLAPSED) as StepNode[];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('fan out')!.data.summary).toBe('2 branches');
    expect(byId.get('each')!.data.summary).toBe('over files as file');
    expect(byId.get('nested')!.data.summary).toBe('sub.yaml (not loaded)');
    expect(byId.get('nested')!.data.expandable).toBe(false);
    expect(byId.get('fan out')!.hidden).toBe(false);
    expect(byId.get('each')!.hidden).toBe(true);
  });

  it('shows overrides and the step type summary for every type', () => {
    const p = setStepOverride(load(), 'prepare', 'memory_limit', '8Gi');
    expect((createNodeDeriver()(p, new Map())[0] as StepNode).data.overrides).toEqual(['memory_limit']);
    expect(stepSummary({ name: 't', type: 'task' })).toBe('(no command yet)');
    expect(stepSummary({ name: 's', type: 'stub' })).toMatch(/placeholder/);
  });

  it('keeps the node objects of unchanged steps, and only those', () => {
    const derive = createNodeDeriver();
    const p1 = load();
    const first = derive(p1, new Map(), ALL_COLLAPSED);
    const second = derive(setStepFields(p1, 'prepare', { command: 'python other.py' }), new Map(), ALL_COLLAPSED);
    expect(second[0]).not.toBe(first[0]);
    expect((second[0] as StepNode).data.summary).toBe('python other.py');
    expect(second.slice(1)).toEqual(first.slice(1));
    second.slice(1).forEach((node, i) => expect(node).toBe(first[i + 1]));
    const moved = derive(moveSteps(p1, { 'fan out': { x: 0, y: 0 } }), new Map(), ALL_COLLAPSED);
    expect(moved[1]).not.toBe(first[1]);
    expect(moved[1].position).toEqual({ x: 0, y: 0 });
  });

  it('hands back the same arrays when nothing drawn changed, so React Flow is not updated', () => {
    const nodesOf = createNodeDeriver();
    const edgesOf = createEdgeDeriver();
    const p1 = load();
    const nodes = nodesOf(p1, new Map(), ALL_COLLAPSED);
    const edges = edgesOf(p1, ALL_COLLAPSED);
    // An override's value is not drawn (its key is), and a parameter is not on the canvas at all.
    const p2 = setStepOverride(setStepOverride(p1, 'prepare', 'memory_limit', '1Gi'), 'prepare', 'memory_limit', '2Gi');
    const nodes2 = nodesOf(p2, new Map(), ALL_COLLAPSED);
    expect(nodesOf({ ...p2, parameters: [{ name: 'extra', value: 1 }] }, new Map(), ALL_COLLAPSED)).toBe(nodes2);
    expect(edgesOf(p2, ALL_COLLAPSED)).toBe(edges);
    expect(nodesOf(setStepFields(p2, 'prepare', { command: 'python other.py' }), new Map(), ALL_COLLAPSED)).not.toBe(nodes2);
    expect(nodes2).not.toBe(nodes);
  });
});

/** The fixture with every inner step placed, two rows of a lane each. */
const placedInside = (): Pipeline =>
  moveSteps(load(), {
    'fan out.a.x': { x: CONTENT_LEFT, y: CONTENT_TOP },
    'fan out.a.success': { x: CONTENT_LEFT, y: CONTENT_TOP + 104 },
    'fan out.a.fail': { x: CONTENT_LEFT + 240, y: CONTENT_TOP + 104 },
    'fan out.b.x': { x: CONTENT_LEFT, y: CONTENT_TOP },
    'fan out.b.success': { x: CONTENT_LEFT, y: CONTENT_TOP + 104 },
    'fan out.b.fail': { x: CONTENT_LEFT + 240, y: CONTENT_TOP + 104 },
  });

describe('groups', () => {
  it('draw an expanded composite with one lane per branch, parents before children, positions relative to the lane', () => {
    const nodes = createNodeDeriver()(placedInside(), new Map(), new Set(['each']));
    expect(nodes.map((n) => n.id)).toEqual([
      'prepare',
      'fan out',
      'lane:fan out.a',
      'fan out.a.x',
      'fan out.a.success',
      'fan out.a.fail',
      'lane:fan out.b',
      'fan out.b.x',
      'fan out.b.success',
      'fan out.b.fail',
      'each',
      'nested',
      'success',
      'fail',
    ]);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const laneA = byId.get('lane:fan out.a')!;
    expect(isLaneNode(laneA)).toBe(true);
    expect(laneA).toMatchObject({ parentId: 'fan out', ariaLabel: 'Branch a of fan out', ariaRole: 'group', selectable: false, draggable: false, focusable: false });
    expect(laneA.data).toMatchObject({ title: 'a', kind: 'branch', ownerType: 'parallel', empty: false });
    expect(byId.get('fan out.a.x')).toMatchObject({ parentId: 'lane:fan out.a', position: { x: CONTENT_LEFT, y: CONTENT_TOP }, ariaLabel: 'Step x (stub)' });
    expect((byId.get('fan out.a.x') as StepNode).data.isStart).toBe(true);
    expect(byId.get('fan out')!.className).toBe('step-group-node');
  });

  it('size lanes from their content and groups from their lanes, lanes side by side and of one height', () => {
    const nodes = createNodeDeriver()(placedInside(), new Map(), new Set(['each']));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const laneWidth = CONTENT_LEFT + 240 + NODE_WIDTH + LANE_PAD;
    const laneHeight = CONTENT_TOP + 104 + NODE_HEIGHT + LANE_PAD;
    expect(byId.get('lane:fan out.a')).toMatchObject({ position: { x: GROUP_PAD, y: GROUP_HEADER }, width: laneWidth, height: laneHeight });
    expect(byId.get('lane:fan out.b')).toMatchObject({ position: { x: GROUP_PAD + laneWidth + LANE_GAP, y: GROUP_HEADER } });
    expect(byId.get('fan out')).toMatchObject({ width: 2 * laneWidth + LANE_GAP + 2 * GROUP_PAD, height: GROUP_HEADER + laneHeight + GROUP_PAD });
  });

  it('show a map`s lane as "over … as …", and an empty lane at its least size', () => {
    const p = moveSteps(load(), { each: { x: 0, y: 400 } });
    const nodes = createNodeDeriver()(p, new Map(), new Set(['fan out']));
    const lane = nodes.find((n) => n.id === 'lane:each.map_variable_placeholder')!;
    expect(lane).toMatchObject({ ariaLabel: 'Branch of each', width: LANE_MIN_WIDTH, height: LANE_MIN_HEIGHT });
    expect(lane.data).toMatchObject({ title: 'over files as file', kind: 'map' });
    // Its steps have no place yet: drawn hidden, not counted in the lane's size.
    expect(nodes.find((n) => n.id === 'each.map_variable_placeholder.s')!.hidden).toBe(true);
  });

  it('collapsed, render no children and count their inner problems on the group', () => {
    const problems = problemsByNode(new Map([['fan out.a.x', [{ code: 'E', severity: 'error' as const, message: 'bad', step: 'fan out.a.x' }]]]), new Set(['fan out']));
    expect(problems.get('fan out')!.count).toBe(1);
    const nodes = createNodeDeriver()(placedInside(), problems, new Set(['fan out']));
    expect(nodes.some((n) => n.parentId !== undefined && n.id.startsWith('lane:fan out'))).toBe(false);
    expect(nodes.some((n) => n.id.startsWith('fan out.'))).toBe(false);
    expect(nodes.find((n) => n.id === 'fan out')).toMatchObject({ width: NODE_WIDTH, height: NODE_HEIGHT });
  });

  it('nest at any depth: a group inside a lane is the lane`s child, with lanes of its own', () => {
    const { pipeline: withInner } = addStep(placedInside(), 'parallel', { graphPath: 'fan out.a', name: 'inner', position: { x: CONTENT_LEFT, y: 300 } });
    const nodes = createNodeDeriver()(withInner, new Map(), new Set(['each']));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('fan out.a.inner')).toMatchObject({ parentId: 'lane:fan out.a', ariaLabel: 'Step inner (parallel)' });
    expect(byId.get('lane:fan out.a.inner.branch_1')).toMatchObject({ parentId: 'fan out.a.inner', ariaLabel: 'Branch branch_1 of inner' });
    expect(byId.get('fan out.a.inner.branch_1.step')!.parentId).toBe('lane:fan out.a.inner.branch_1');
    // The outer lane grew around the inner group.
    expect(byId.get('lane:fan out.a')!.height).toBe(300 + byId.get('fan out.a.inner')!.height! + LANE_PAD);
    const order = nodes.map((n) => n.id);
    for (const node of nodes) if (node.parentId) expect(order.indexOf(node.parentId)).toBeLessThan(order.indexOf(node.id));
  });

  it('put inner problems on the innermost drawn node', () => {
    expect(nearestNode('fan out.a.x', new Set(['fan out', 'fan out.a.x']))).toBe('fan out.a.x');
    expect(nearestNode('fan out.a.x', new Set(['fan out']))).toBe('fan out');
    expect(nearestNode('elsewhere', new Set(['fan out']))).toBeUndefined();
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
    const first = derive(p, problems) as StepNode[];
    expect(first[0].data.problems).toEqual({ count: 2, errors: 1, text: 'x' });
    expect(derive(p, new Map([['prepare', { count: 2, errors: 1, text: 'x' }]]))[0]).toBe(first[0]);
    expect((derive(p, new Map())[0] as StepNode).data.problems).toBeUndefined();
  });

  it('gives the node its messages as its accessible description', () => {
    const [node] = createNodeDeriver()(load(), new Map([['prepare', { count: 1, errors: 1, text: 'error: cannot be emitted' }]])) as StepNode[];
    expect(node.domAttributes).toEqual({ 'aria-describedby': 'react-flow__node-desc-pipeline-flow node-problems-prepare' });
    expect((createNodeDeriver()(load(), new Map())[0] as StepNode).domAttributes).toBeUndefined();
  });

  it('counts a problem of a branch graph as a whole on the composite that owns it', () => {
    const graphLevel: Diagnostic = { code: 'E_EMIT_EMPTY', severity: 'error', message: 'nothing to emit', graph: 'fan out.a', field: 'start_at' };
    const problems = problemsByNode(diagnosticsByStep([graphLevel]), new Set(['prepare', 'fan out']));
    expect(problems.get('fan out')).toEqual({ count: 1, errors: 1, text: 'error: nothing to emit' });
  });
});

describe('problems on edges', () => {
  const onEdge = (field: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({ code: 'W_X', severity, message: `about ${field}`, step: 'prepare', field });

  it('are the problems about a step’s next or on_failure, keyed as the edge', () => {
    const problems = problemsByEdge([onEdge('on_failure', 'error'), onEdge('next'), onEdge('command'), onEdge('next', 'info')]);
    expect([...problems.keys()]).toEqual(['on_failure:prepare', 'next:prepare']);
    expect(problems.get('on_failure:prepare')).toEqual({ count: 1, errors: 1, text: 'error: about on_failure' });
  });

  it('mark the edge, say why in its accessible description, and go when fixed', () => {
    const derive = createEdgeDeriver();
    const p = load();
    const plain = derive(p, ALL_COLLAPSED);
    const marked = derive(p, ALL_COLLAPSED, undefined, problemsByEdge([onEdge('on_failure', 'error')]));
    const edge = marked.find((e) => e.id === 'on_failure:prepare')!;
    expect(edge).toMatchObject({
      label: '⚠ on failure',
      className: 'edge-on-failure edge-has-error',
      domAttributes: { 'aria-describedby': 'react-flow__edge-desc-pipeline-flow edge-problems-on_failure%3Aprepare' },
      data: { problem: 'error: about on_failure' },
    });
    expect(marked.find((e) => e.id === 'next:prepare')).toBe(plain.find((e) => e.id === 'next:prepare'));
    const fixed = derive(p, ALL_COLLAPSED).find((e) => e.id === 'on_failure:prepare')!;
    expect(fixed.domAttributes).toBeUndefined();
    expect(fixed.label).toBe('on failure');
  });
});

describe('edges derived from next and on_failure', () => {
  it('draws next solid and on_failure dashed, named "kind: from → to", none to a missing step', () => {
    const edges = createEdgeDeriver()(load(), ALL_COLLAPSED);
    expect(edges.map((e) => e.ariaLabel)).toEqual(['next: prepare → fan out', 'on failure: prepare → fail', 'next: fan out → each', 'next: each → nested']);
    const [next, failure] = edges;
    expect(next).toMatchObject({ source: 'prepare', target: 'fan out', sourceHandle: 'next', label: 'next', data: { kind: 'next' } });
    expect(next.style?.strokeDasharray).toBeUndefined();
    expect(failure).toMatchObject({ sourceHandle: 'on_failure', label: 'on failure', className: 'edge-on-failure' });
    expect(failure.style?.strokeDasharray).toBeDefined();
  });

  it('draws the edges inside expanded groups between step paths, saying which lane they are in, dashed red for on_failure too', () => {
    const p = connect(load(), 'fan out.a.x', 'fan out.a.fail', 'on_failure');
    const edges = createEdgeDeriver()(p, new Set(['each']));
    const inner = edges.filter((e) => e.source.startsWith('fan out.'));
    expect(inner.map((e) => e.ariaLabel)).toEqual([
      'next: x → success (in Branch a of fan out)',
      'on failure: x → fail (in Branch a of fan out)',
      'next: x → success (in Branch b of fan out)',
    ]);
    expect(inner[1]).toMatchObject({ source: 'fan out.a.x', target: 'fan out.a.fail', className: 'edge-on-failure', data: { kind: 'on_failure', targetName: 'fail' } });
    expect(inner[1].style?.strokeDasharray).toBeDefined();
    expect(createEdgeDeriver()(p, ALL_COLLAPSED).some((e) => e.source.startsWith('fan out.'))).toBe(false);
  });

  it('follows reconnections and keeps unchanged edges', () => {
    const derive = createEdgeDeriver();
    const p = load();
    const first = derive(p, ALL_COLLAPSED);
    const { pipeline: withStub } = addStep(p, 'stub', { name: 'recover' });
    const second = derive(connect(withStub, 'prepare', 'recover', 'on_failure'), ALL_COLLAPSED);
    expect(second[0]).toBe(first[0]);
    expect(second[1].ariaLabel).toBe('on failure: prepare → recover');
  });
});

describe('failure exits into a shared handler', () => {
  it('are drawn as stubs once more than a few steps fail into the same step, named as any edge', () => {
    const derive = createEdgeDeriver();
    let p = load();
    expect(derive(p, ALL_COLLAPSED).find((e) => e.id === 'on_failure:prepare')!.type).toBe('labelled');
    for (const from of ['fan out', 'each', 'nested']) p = connect(p, from, 'fail', 'on_failure');
    const stubs = derive(p, ALL_COLLAPSED).filter((e) => e.type === 'failureStub');
    expect(stubs.map((e) => e.ariaLabel)).toEqual(['on failure: prepare → fail', 'on failure: fan out → fail', 'on failure: each → fail', 'on failure: nested → fail']);
  });
});

describe('selection', () => {
  it('marks selected nodes and collapsed groups that hide a selected step, keeping the others', () => {
    const nodes = createNodeDeriver()(load(), new Map(), ALL_COLLAPSED);
    const shown = withSelection(nodes, ['prepare', 'fan out.a.x']);
    expect(shown[0].selected).toBe(true);
    expect(shown[1].selected).toBe(false);
    expect(shown[1].className).toBe('contains-selection');
    expect(shown[2]).toBe(nodes[2]);
    expect(withSelection(nodes, ['prepare'])[0]).toBe(shown[0]);
    // Expanded, the group shows the step itself: no marker on the group.
    const open = createNodeDeriver()(placedInside(), new Map(), new Set(['each']));
    const marked = withSelection(open, ['fan out.a.x']);
    expect(marked.find((n) => n.id === 'fan out')!.className).toBe('step-group-node');
    expect(marked.find((n) => n.id === 'fan out.a.x')!.selected).toBe(true);
  });

  it('applies select changes in the order steps were picked', () => {
    expect(nextSelection(['a', 'b'], [{ id: 'c', type: 'select', selected: true }, { id: 'a', type: 'select', selected: false }])).toEqual(['b', 'c']);
    expect(nextSelection(['a'], [{ id: 'a', type: 'select', selected: true }])).toEqual(['a']);
  });
});
