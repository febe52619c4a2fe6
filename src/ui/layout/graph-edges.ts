import { isFlowing } from '../../core/model/actions';
import type { Graph } from '../../core/model/types';
import { FAN_IN_LIMIT } from './fan-in';

/** A next or on_failure edge between two steps of one graph. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'on_failure';
}

/**
 * The edges the layering follows. Failure exits into a terminal step or a shared handler (the
 * magnus habit: every step's on_failure is `fail`) are left out: each would span the whole flow,
 * and ELK gives a long edge a dummy node per layer it crosses — quadratic, out of memory at 1,000
 * steps. They are still drawn; they just do not decide where steps go.
 */
export function layeredEdges(graph: Graph): GraphEdge[] {
  const names = new Set(graph.steps.map((s) => s.name));
  const terminal = new Set(graph.steps.filter((s) => s.type === 'success' || s.type === 'fail').map((s) => s.name));
  const edges = graph.steps.flatMap((step) =>
    (['next', 'on_failure'] as const).flatMap((kind): GraphEdge[] => {
      const target = isFlowing(step) ? step[kind] : undefined;
      return typeof target === 'string' && names.has(target) ? [{ from: step.name, to: target, kind }] : [];
    }),
  );
  const failureFanIn = new Map<string, number>();
  for (const e of edges) if (e.kind === 'on_failure') failureFanIn.set(e.to, (failureFanIn.get(e.to) ?? 0) + 1);
  return edges.filter((e) => e.kind === 'next' || (!terminal.has(e.to) && failureFanIn.get(e.to)! <= FAN_IN_LIMIT));
}

/** Terminal steps the layered edges do not reach (typically `fail`): they go in the bottom row, beside `success`. */
export function bottomRowSteps(graph: Graph, edges: readonly GraphEdge[]): string[] {
  const reached = new Set(edges.map((e) => e.to));
  return graph.steps.filter((s) => (s.type === 'success' || s.type === 'fail') && !reached.has(s.name)).map((s) => s.name);
}
