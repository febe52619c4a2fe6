/**
 * Handing React Flow a large new set of nodes a part at a time. React Flow takes the nodes it is
 * given in one synchronous update (its internal node records, the minimap's shapes, the edges'
 * lookups), ~0.35 s for 5,000 new steps: given all at once, a big import stopped the page that
 * long. Nodes it already holds cost next to nothing to give again (it keeps their records while
 * the objects are the same), so each task gives it those plus a bounded number of new ones, in
 * the derived order (a group before its children), until it holds them all. Pure.
 */
import type { Edge, Node } from '@xyflow/react';

/** New nodes React Flow is given per task: ~30 ms of its work on a 2-core machine. */
export const NEW_NODES_PER_TASK = 400;

export interface NodesInTurn<N, E> {
  nodes: readonly N[];
  edges: readonly E[];
  /** Nodes not given yet (0: all of them, and `nodes` and `edges` are the ones asked for). */
  waiting: number;
}

/**
 * What to give React Flow now: every node of `nodes` it was given before (`given`), plus the first
 * `budget` new ones; the edges between the nodes given. Marks the nodes given in `given`.
 */
export function nodesInTurn<N extends Node, E extends Edge>(nodes: readonly N[], edges: readonly E[], given: WeakSet<N>, budget = NEW_NODES_PER_TASK): NodesInTurn<N, E> {
  let fresh = 0;
  for (const node of nodes) if (!given.has(node)) fresh++;
  if (fresh <= budget) {
    for (const node of nodes) given.add(node);
    return { nodes, edges, waiting: 0 };
  }
  const shown: N[] = [];
  const ids = new Set<string>();
  let taken = 0;
  for (const node of nodes) {
    if (!given.has(node)) {
      if (taken === budget) continue;
      taken++;
      given.add(node);
    }
    shown.push(node);
    ids.add(node.id);
  }
  return { nodes: shown, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)), waiting: fresh - taken };
}
