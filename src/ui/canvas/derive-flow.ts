/**
 * The canvas's nodes and edges, derived from the model and nothing else. Pure (no React, no DOM),
 * and incremental: a node or edge whose inputs did not change keeps its object, so React Flow and
 * the memoized node components skip it — what keeps a 1,000-step pipeline responsive.
 */
import type { Edge, MarkerType, Node } from '@xyflow/react';
import type { Diagnostic } from '../../core/diagnostics';
import type { EdgeKind } from '../../core/model/actions';
import type { Pipeline, Position, Step, StepType } from '../../core/model/types';
import { FAN_IN_LIMIT, NODE_HEIGHT, NODE_WIDTH } from '../layout/graph-layout';

export interface ProblemSummary {
  count: number;
  errors: number;
  /** The messages, one a line, for the badge's tooltip. */
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
}

export type StepNode = Node<StepNodeData, StepType>;

export interface FlowEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
}

export type FlowEdge = Edge<FlowEdgeData>;

export const stepLabel = (name: string, type: StepType) => `Step ${name} (${type})`;
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
      return step.dag_definition || '(no dag_definition yet)';
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

/** Problems per node: a composite counts those of the steps inside it too. */
export function problemsByNode(byStep: ReadonlyMap<string, readonly Diagnostic[]>, names: ReadonlySet<string>): Map<string, ProblemSummary> {
  const grouped = new Map<string, Diagnostic[]>();
  for (const [path, diagnostics] of byStep) {
    const node = topLevelStep(path, names);
    if (node === undefined) continue;
    grouped.set(node, [...(grouped.get(node) ?? []), ...diagnostics]);
  }
  const result = new Map<string, ProblemSummary>();
  for (const [node, diagnostics] of grouped) {
    result.set(node, {
      count: diagnostics.length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      text: diagnostics.map((d) => `${d.severity}: ${d.message}`).join('\n'),
    });
  }
  return result;
}

const sameProblems = (a?: ProblemSummary, b?: ProblemSummary) => a === b || (!!a && !!b && a.count === b.count && a.errors === b.errors && a.text === b.text);

interface NodeInputs {
  step: Step;
  position: Position | undefined;
  isStart: boolean;
  problems: ProblemSummary | undefined;
  node: StepNode;
}

/**
 * A function from the pipeline to its nodes that remembers its last answer. Steps are shared
 * between pipeline versions by the model's actions, so an unchanged step is recognised by identity.
 */
export function createNodeDeriver() {
  let cache = new Map<string, NodeInputs>();
  return (pipeline: Pipeline, problems: ReadonlyMap<string, ProblemSummary>): StepNode[] => {
    const next = new Map<string, NodeInputs>();
    const nodes = pipeline.dag.steps.map((step) => {
      const inputs = { step, position: pipeline.layout[step.name], isStart: pipeline.dag.start_at === step.name, problems: problems.get(step.name) };
      const cached = cache.get(step.name);
      const reuse =
        cached && cached.step === step && cached.position === inputs.position && cached.isStart === inputs.isStart && sameProblems(cached.problems, inputs.problems);
      const node = reuse ? cached.node : stepNode(inputs);
      next.set(step.name, { ...inputs, node });
      return node;
    });
    cache = next;
    return nodes;
  };
}

function stepNode({ step, position, isStart, problems }: Omit<NodeInputs, 'node'>): StepNode {
  return {
    id: step.name,
    type: step.type,
    // A step without a position is hidden until one is found for it, never drawn stacked at 0,0.
    position: position ?? { x: 0, y: 0 },
    hidden: position === undefined,
    ariaLabel: stepLabel(step.name, step.type),
    // The size is fixed (layout relies on it), so React Flow need not wait to measure it.
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
    data: {
      name: step.name,
      type: step.type,
      summary: stepSummary(step),
      isStart,
      flowing: step.type !== 'success' && step.type !== 'fail',
      overrides: (step.kfp ?? []).map((entry) => entry.key),
      ...(problems ? { problems } : {}),
    },
  };
}

/** Edges for next (solid) and on_failure (dashed, red); a name that leads nowhere draws none (validation reports it). */
export function createEdgeDeriver() {
  let cache = new Map<string, FlowEdge>();
  return (pipeline: Pipeline): FlowEdge[] => {
    const names = new Set(pipeline.dag.steps.map((s) => s.name));
    const failureFanIn = new Map<string, number>();
    for (const step of pipeline.dag.steps) {
      if ('on_failure' in step && step.on_failure !== undefined) failureFanIn.set(step.on_failure, (failureFanIn.get(step.on_failure) ?? 0) + 1);
    }
    const next = new Map<string, FlowEdge>();
    for (const step of pipeline.dag.steps) {
      if (step.type === 'success' || step.type === 'fail') continue;
      for (const kind of ['next', 'on_failure'] as const) {
        const target = step[kind];
        if (target === undefined || !names.has(target)) continue;
        const id = `${kind}:${step.name}`;
        const stub = kind === 'on_failure' && failureFanIn.get(target)! > FAN_IN_LIMIT;
        const cached = cache.get(id);
        next.set(id, cached && cached.target === target && (cached.type === 'failureStub') === stub ? cached : flowEdge(id, step.name, target, kind, stub));
      }
    }
    cache = next;
    return [...next.values()];
  };
}

/**
 * A failure exit into a shared handler (every step → `fail`) is drawn as a short stub labelled
 * with its target: a thousand red lines across the graph say nothing, and cost seconds a frame.
 */
function flowEdge(id: string, source: string, target: string, kind: EdgeKind, stub = false): FlowEdge {
  const failure = kind === 'on_failure';
  const color = failure ? 'var(--failure-edge)' : 'var(--next-edge, #64748b)';
  return {
    id,
    source,
    target,
    sourceHandle: kind,
    targetHandle: 'in',
    type: stub ? 'failureStub' : 'smoothstep',
    label: failure ? 'on failure' : 'next',
    ariaLabel: edgeLabel(kind, source, target),
    className: failure ? 'edge-on-failure' : 'edge-next',
    style: failure ? { stroke: color, strokeDasharray: '6 4', strokeWidth: 1.5 } : { stroke: color, strokeWidth: 1.5 },
    // The enum's value, spelled out: this module stays free of React Flow's runtime.
    markerEnd: { type: 'arrowclosed' as unknown as MarkerType, color },
    data: { kind },
  };
}
