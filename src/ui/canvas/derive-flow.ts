/**
 * The canvas's nodes and edges, derived from the model (and the view's collapsed groups) and
 * nothing else. Pure (no React, no DOM), and incremental: a node or edge whose inputs did not
 * change keeps its object, so React Flow and the memoized node components skip it — what keeps a
 * 1,000-step pipeline responsive.
 *
 * Composite steps are React Flow sub flows: an expanded group is a node with one lane node per
 * branch graph as its children (`parentId`), and the lane's steps as the lane's children, at
 * positions relative to their lane. A collapsed group has no child nodes at all.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import type { Diagnostic } from '../../core/diagnostics';
import type { EdgeKind } from '../../core/model/actions';
import type { Graph, Pipeline, Position, Step, StepType } from '../../core/model/types';
import { FAN_IN_LIMIT } from '../layout/fan-in';
import { graphView, type LaneKind, type LaneView, type StepView } from '../layout/geometry';
import { EDGE_COLOR, EDGE_MARKER } from './edge-markers';
import { stepHandles } from './node-handles';

export interface ProblemSummary {
  count: number;
  errors: number;
  /** The messages, one a line, for the badge's tooltip and the node's or edge's accessible description. */
  text: string;
}

export interface StepNodeData extends Record<string, unknown> {
  name: string;
  type: StepType;
  /** What the step does, in one line: its command, its branches, its dag file. */
  summary: string;
  isStart: boolean;
  /** Whether next / on_failure may leave the step (not for success and fail). */
  flowing: boolean;
  /** kfp settings this step overrides, in the order written. */
  overrides: string[];
  problems?: ProblemSummary;
  /** A composite drawn as a group with its lanes. */
  expanded: boolean;
  /** A composite with branch graphs to show (not a dag step whose file was not loaded). */
  expandable: boolean;
}

export interface LaneNodeData extends Record<string, unknown> {
  title: string;
  kind: LaneKind;
  /** The type of the composite the lane belongs to, for its colour. */
  ownerType: StepType;
  graphPath: string;
  /** The branch graph has no steps: the lane invites drops. */
  empty: boolean;
}

export type StepNode = Node<StepNodeData, StepType>;
export type LaneNode = Node<LaneNodeData, 'lane'>;
export type CanvasNode = StepNode | LaneNode;

export const isLaneNode = (node: CanvasNode): node is LaneNode => node.type === 'lane';
export const isStepNode = (node: CanvasNode): node is StepNode => node.type !== 'lane';

export interface FlowEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  /** The target step's name (the edge's target is its path). */
  targetName: string;
  /** What is wrong with the edge, one message a line (see problemsByEdge). */
  problem?: string;
}

export type FlowEdge = Edge<FlowEdgeData>;

export const stepLabel = (name: string, type: StepType) => `Step ${name} (${type})`;

/** The flow's id: React Flow names its keyboard help `react-flow__node-desc-<id>` / `react-flow__edge-desc-<id>`. */
export const FLOW_ID = 'pipeline-flow';
/**
 * A node's or edge's accessible description: React Flow's keyboard help, then the element holding
 * its problems (a step node renders it, FlowCanvas renders the edges').
 */
export const problemTextId = (kind: 'node' | 'edge', id: string) => `${kind}-problems-${encodeURIComponent(id)}`;
const describedBy = (kind: 'node' | 'edge', id: string) => ({ 'aria-describedby': `react-flow__${kind}-desc-${FLOW_ID} ${problemTextId(kind, id)}` });
export const edgeLabel = (kind: EdgeKind, from: string, to: string) => `${kind === 'next' ? 'next' : 'on failure'}: ${from} → ${to}`;

export function stepSummary(step: Step): string {
  switch (step.type) {
    case 'task':
      return step.command?.trim() || '(no command yet)';
    case 'stub':
      return 'placeholder, does nothing';
    case 'success':
      return 'ends the graph successfully';
    case 'fail':
      return 'ends the graph as failed';
    case 'parallel':
      return `${step.branches.length} ${step.branches.length === 1 ? 'branch' : 'branches'}`;
    case 'map':
      return `over ${step.iterate_on || '?'} as ${step.iterate_as || '?'}`;
    case 'dag':
      if (!step.dag_definition) return '(no dag_definition yet)';
      return step.graph ? step.dag_definition : `${step.dag_definition} (not loaded)`;
  }
}

/** The top-level step a path belongs to: itself, or the composite it sits in. */
export function topLevelStep(path: string, names: ReadonlySet<string>): string | undefined {
  if (names.has(path)) return path;
  const parts = path.split('.');
  // Step names may contain dots, so try every prefix, shortest first.
  for (let i = 1; i < parts.length; i++) {
    const candidate = parts.slice(0, i).join('.');
    if (names.has(candidate)) return candidate;
  }
  return undefined;
}

/** The innermost drawn node a step path belongs to: itself, or the collapsed group it is hidden in. */
export function nearestNode(path: string, ids: ReadonlySet<string>): string | undefined {
  if (ids.has(path)) return path;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const candidate = parts.slice(0, i).join('.');
    if (ids.has(candidate)) return candidate;
  }
  return undefined;
}

/** Problems per node: a collapsed group counts those of the steps inside it too. */
export function problemsByNode(byStep: ReadonlyMap<string, readonly Diagnostic[]>, names: ReadonlySet<string>): Map<string, ProblemSummary> {
  const grouped = new Map<string, Diagnostic[]>();
  for (const [path, diagnostics] of byStep) {
    const node = nearestNode(path, names);
    if (node === undefined) continue;
    grouped.set(node, [...(grouped.get(node) ?? []), ...diagnostics]);
  }
  const result = new Map<string, ProblemSummary>();
  for (const [node, diagnostics] of grouped) result.set(node, summarize(diagnostics));
  return result;
}

const summarize = (diagnostics: readonly Diagnostic[]): ProblemSummary => ({
  count: diagnostics.length,
  errors: diagnostics.filter((d) => d.severity === 'error').length,
  text: diagnostics.map((d) => `${d.severity}: ${d.message}`).join('\n'),
});

/**
 * Problems per drawn edge (`next:<step path>`, `on_failure:<step path>`): those about a step's
 * next or on_failure, e.g. what the chosen target cannot express of that edge.
 */
export function problemsByEdge(diagnostics: readonly Diagnostic[]): Map<string, ProblemSummary> {
  const byEdge = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.step === undefined || d.severity === 'info' || (d.field !== 'next' && d.field !== 'on_failure')) continue;
    const id = `${d.field}:${d.step}`;
    byEdge.set(id, [...(byEdge.get(id) ?? []), d]);
  }
  return new Map([...byEdge].map(([id, list]) => [id, summarize(list)]));
}

const sameProblems = (a?: ProblemSummary, b?: ProblemSummary) => a === b || (!!a && !!b && a.count === b.count && a.errors === b.errors && a.text === b.text);

const NO_COLLAPSED: ReadonlySet<string> = new Set();
const NO_PROBLEMS: ReadonlyMap<string, ProblemSummary> = new Map();

/** The view the canvas draws: every step where it goes, groups sized from their content. */
export const deriveView = (pipeline: Pipeline, collapsed: ReadonlySet<string> = NO_COLLAPSED): StepView[] =>
  graphView(pipeline.dag, '', pipeline.layout, collapsed);

/** The ids of every drawn step node (steps inside collapsed groups are not drawn). */
export function drawnSteps(view: readonly StepView[]): Set<string> {
  const ids = new Set<string>();
  const visit = (views: readonly StepView[]) => {
    for (const v of views) {
      ids.add(v.path);
      for (const lane of v.lanes) visit(lane.steps);
    }
  };
  visit(view);
  return ids;
}

function sameNode(a: CanvasNode, b: CanvasNode): boolean {
  if (
    a.type !== b.type ||
    a.position.x !== b.position.x ||
    a.position.y !== b.position.y ||
    a.width !== b.width ||
    a.height !== b.height ||
    a.parentId !== b.parentId ||
    a.hidden !== b.hidden
  ) {
    return false;
  }
  if (isLaneNode(a) && isLaneNode(b)) {
    return a.data.title === b.data.title && a.data.ownerType === b.data.ownerType && a.data.empty === b.data.empty && a.ariaLabel === b.ariaLabel;
  }
  const x = a.data as StepNodeData;
  const y = b.data as StepNodeData;
  return (
    x.summary === y.summary &&
    x.isStart === y.isStart &&
    x.expanded === y.expanded &&
    x.expandable === y.expandable &&
    x.overrides.join('\n') === y.overrides.join('\n') &&
    sameProblems(x.problems, y.problems)
  );
}

/**
 * A function from the pipeline to its nodes that remembers its last answer: nodes equal to the
 * last ones keep their objects. Parents come before their children, as React Flow requires.
 */
/** What a step node is made from; the same inputs (the step by identity) give the same node without building it. */
interface StepInputs {
  step: Step;
  x: number | undefined;
  y: number | undefined;
  width: number;
  height: number;
  parentId: string | undefined;
  isStart: boolean;
  expanded: boolean;
  problems: ProblemSummary | undefined;
}

const sameInputs = (a: StepInputs, b: StepInputs) =>
  a.step === b.step &&
  a.x === b.x &&
  a.y === b.y &&
  a.width === b.width &&
  a.height === b.height &&
  a.parentId === b.parentId &&
  a.isStart === b.isStart &&
  a.expanded === b.expanded &&
  sameProblems(a.problems, b.problems);

/**
 * The previous array when every element is the same object: React Flow re-adopts every node (and
 * re-indexes every edge) whenever it is handed a new array, which on a keystroke that changes
 * nothing on the canvas (a memory limit, a command) was most of the update.
 */
function unlessSame<T>(previous: T[] | undefined, next: T[]): T[] {
  return previous && previous.length === next.length && previous.every((item, i) => item === next[i]) ? previous : next;
}

export function createNodeDeriver() {
  let cache = new Map<string, { node: CanvasNode; inputs?: StepInputs }>();
  let last: CanvasNode[] | undefined;
  return (pipeline: Pipeline, problems: ReadonlyMap<string, ProblemSummary>, collapsed: ReadonlySet<string> = NO_COLLAPSED, view?: readonly StepView[]): CanvasNode[] => {
    const next = new Map<string, { node: CanvasNode; inputs?: StepInputs }>();
    const nodes: CanvasNode[] = [];
    const keep = (id: string, build: () => CanvasNode, inputs?: StepInputs) => {
      const cached = cache.get(id);
      let node: CanvasNode;
      if (cached && inputs && cached.inputs && sameInputs(cached.inputs, inputs)) node = cached.node;
      else {
        const fresh = build();
        node = cached && sameNode(cached.node, fresh) ? cached.node : fresh;
      }
      next.set(id, { node, inputs });
      nodes.push(node);
    };
    const visit = (views: readonly StepView[], graph: Graph, parentId: string | undefined, shift: Position) => {
      for (const v of views) {
        const isStart = graph.start_at === v.step.name;
        const found = problems.get(v.path);
        const inputs: StepInputs = {
          step: v.step,
          x: v.position && v.position.x + shift.x,
          y: v.position && v.position.y + shift.y,
          ...v.size,
          parentId,
          isStart,
          expanded: v.expanded,
          problems: found,
        };
        keep(v.path, () => stepNode(v, isStart, found, parentId, shift), inputs);
        for (const lane of v.lanes) {
          keep(lane.id, () => laneNode(lane, v));
          visit(lane.steps, lane.graph, lane.id, lane.shift);
        }
      }
    };
    visit(view ?? deriveView(pipeline, collapsed), pipeline.dag, undefined, { x: 0, y: 0 });
    cache = next;
    return (last = unlessSame(last, nodes));
  };
}

function stepNode(v: StepView, isStart: boolean, problems: ProblemSummary | undefined, parentId: string | undefined, shift: Position): StepNode {
  const { step, position, size } = v;
  return {
    id: v.path,
    type: step.type,
    // A step without a position is hidden until one is found for it, never drawn stacked at 0,0.
    position: position ? { x: position.x + shift.x, y: position.y + shift.y } : { x: 0, y: 0 },
    hidden: position === undefined,
    ariaLabel: stepLabel(step.name, step.type),
    // What is wrong with it, for assistive technology (the badge's tooltip is for the mouse).
    ...(problems ? { domAttributes: describedBy('node', v.path) } : {}),
    ...(parentId !== undefined ? { parentId } : {}),
    ...(v.expanded ? { className: 'step-group-node' } : {}),
    // The size is known (layout relies on it), so React Flow need not wait to measure it.
    width: size.width,
    height: size.height,
    measured: { ...size },
    // Groups have their own borders and are few: React Flow measures theirs.
    ...(v.expanded ? {} : { handles: stepHandles(size, step.type !== 'success' && step.type !== 'fail') }),
    data: {
      name: step.name,
      type: step.type,
      summary: stepSummary(step),
      isStart,
      flowing: step.type !== 'success' && step.type !== 'fail',
      overrides: (step.kfp ?? []).map((entry) => entry.key),
      expanded: v.expanded,
      expandable: v.expandable,
      ...(problems ? { problems } : {}),
    },
  };
}

const LANE_STYLE = { pointerEvents: 'all' } as const;
const NO_HANDLES: NodeHandle[] = [];

function laneNode(lane: LaneView, owner: StepView): LaneNode {
  return {
    id: lane.id,
    type: 'lane',
    parentId: owner.path,
    position: lane.position,
    ariaLabel: lane.label,
    ariaRole: 'group',
    className: 'lane-node',
    // A lane takes the pointer (React Flow gives none to a node without handlers): dragging on it
    // pans, as on the canvas, rather than moving the whole group; drops and connections find it.
    style: LANE_STYLE,
    selectable: false,
    draggable: false,
    focusable: false,
    connectable: false,
    deletable: false,
    width: lane.size.width,
    height: lane.size.height,
    measured: { ...lane.size },
    handles: NO_HANDLES,
    data: { title: lane.title, kind: lane.kind, ownerType: owner.step.type, graphPath: lane.graphPath, empty: lane.graph.steps.length === 0 },
  };
}

/** Where an edge's accessible name says it is, when it is inside a lane: `in Branch b of p`. */
const laneSuffix = (lane: LaneView | undefined) => (lane ? ` (in ${lane.label})` : '');

/**
 * Edges for next (solid) and on_failure (dashed, red) of every drawn graph; a name that leads
 * nowhere draws none (validation reports it). Edges stay inside their graph, so inside their lane.
 */
export function createEdgeDeriver() {
  let cache = new Map<string, FlowEdge>();
  /** The edges of each graph by its path: an unchanged graph object keeps its edges without a look. */
  let byGraph = new Map<string, { graph: Graph; label: string; problems: string; edges: FlowEdge[] }>();
  let last: FlowEdge[] | undefined;
  return (pipeline: Pipeline, collapsed: ReadonlySet<string> = NO_COLLAPSED, view?: readonly StepView[], problems: ReadonlyMap<string, ProblemSummary> = NO_PROBLEMS): FlowEdge[] => {
    const next = new Map<string, FlowEdge>();
    const nextByGraph = new Map<string, { graph: Graph; label: string; problems: string; edges: FlowEdge[] }>();
    const graphEdges = (graph: Graph, graphPath: string, lane: LaneView | undefined) => {
      const label = lane?.label ?? '';
      const path = (name: string) => (graphPath === '' ? name : `${graphPath}.${name}`);
      const problemOf = (id: string) => (problems.size === 0 ? undefined : problems.get(id));
      // Usually none: then the graph's edges are reused without looking at its steps.
      const problemKey = problems.size === 0 ? '' : graph.steps.map((s) => `${problemOf(`next:${path(s.name)}`)?.text ?? ''}|${problemOf(`on_failure:${path(s.name)}`)?.text ?? ''}`).join('\n');
      const known = byGraph.get(graphPath);
      if (known && known.graph === graph && known.label === label && known.problems === problemKey) {
        for (const e of known.edges) next.set(e.id, e);
        nextByGraph.set(graphPath, known);
        return;
      }
      const own: FlowEdge[] = [];
      const names = new Set(graph.steps.map((s) => s.name));
      const failureFanIn = new Map<string, number>();
      for (const step of graph.steps) {
        if ('on_failure' in step && step.on_failure !== undefined) failureFanIn.set(step.on_failure, (failureFanIn.get(step.on_failure) ?? 0) + 1);
      }
      for (const step of graph.steps) {
        if (step.type === 'success' || step.type === 'fail') continue;
        for (const kind of ['next', 'on_failure'] as const) {
          const target = step[kind];
          if (target === undefined || !names.has(target)) continue;
          const from = path(step.name);
          const id = `${kind}:${from}`;
          const stub = kind === 'on_failure' && failureFanIn.get(target)! > FAN_IN_LIMIT;
          const name = edgeLabel(kind, step.name, target) + laneSuffix(lane);
          const cached = cache.get(id);
          const to = path(target);
          const problem = problemOf(id);
          const same = cached && cached.target === to && cached.ariaLabel === name && (cached.type === 'failureStub') === stub && cached.data?.problem === problem?.text;
          const made = same ? cached : flowEdge(id, from, to, target, kind, name, stub, problem);
          next.set(id, made);
          own.push(made);
        }
      }
      nextByGraph.set(graphPath, { graph, label, problems: problemKey, edges: own });
    };
    const visit = (views: readonly StepView[]) => {
      for (const v of views) {
        for (const lane of v.lanes) {
          graphEdges(lane.graph, lane.graphPath, lane);
          visit(lane.steps);
        }
      }
    };
    graphEdges(pipeline.dag, '', undefined);
    visit(view ?? deriveView(pipeline, collapsed));
    cache = next;
    byGraph = nextByGraph;
    return (last = unlessSame(last, [...next.values()]));
  };
}

/**
 * A failure exit into a shared handler (every step → `fail`) is drawn as a short stub labelled
 * with its target: a thousand red lines across the graph say nothing, and cost seconds a frame.
 */
function flowEdge(id: string, source: string, target: string, targetName: string, kind: EdgeKind, ariaLabel: string, stub = false, problem?: ProblemSummary): FlowEdge {
  const failure = kind === 'on_failure';
  const color = EDGE_COLOR[kind];
  const severity = problem ? (problem.errors > 0 ? 'error' : 'warning') : undefined;
  return {
    id,
    source,
    target,
    sourceHandle: kind,
    targetHandle: 'in',
    type: stub ? 'failureStub' : 'labelled',
    label: `${severity ? '⚠ ' : ''}${failure ? 'on failure' : 'next'}`,
    ariaLabel,
    // What is wrong with it, read out after its name.
    ...(problem ? { domAttributes: describedBy('edge', id) } : {}),
    className: `${failure ? 'edge-on-failure' : 'edge-next'}${severity ? ` edge-has-${severity}` : ''}`,
    style: failure ? { stroke: color, strokeDasharray: '6 4', strokeWidth: 1.5 } : { stroke: color, strokeWidth: 1.5 },
    markerEnd: EDGE_MARKER[kind],
    data: { kind, targetName, ...(problem ? { problem: problem.text } : {}) },
  };
}
