/**
 * Handing React Flow a large new set of nodes a part at a time. React Flow takes the nodes it is
 * given in one synchronous update (its internal node records, the minimap's shapes, the edges'
 * lookups), ~0.35 s for 5,000 new steps: given all at once, a big import stopped the page that
 * long. Nodes it already holds cost next to nothing to give again (it keeps their records while
 * the objects are the same), so each task gives it those plus a bounded number of new ones, in
 * the derived order (a group before its children), until it holds them all, beginning in the task
 * after the render that derived them. Edges are not like
 * that: every new array of edges makes React Flow rebuild its lookup of all of them and their
 * markers, so while nodes wait it keeps the edges of the first part (the ones in view when a
 * pipeline opens), and takes them all once, in a task of their own after the last nodes. Pure.
 */
import type { Edge, Node } from '@xyflow/react';

/** New nodes React Flow is given per task: ~30 ms of its work on a 2-core machine. */
export const NEW_NODES_PER_TASK = 400;

export interface NodesInTurn<N, E> {
  nodes: readonly N[];
  edges: readonly E[];
  /** Nodes not given yet. */
  waiting: number;
  /** Whether more is to be given in a later task (false: `nodes` and `edges` are the ones asked for). */
  more: boolean;
}

/** What React Flow was given so far. */
export interface Given<N extends object, E> {
  nodes: WeakSet<N>;
  /** The edges given last: while a large set comes in, the ones kept. */
  edges: readonly E[];
  /** A large set coming in: derived (nothing of it given yet), or given in parts. */
  coming?: 'derived' | 'parts';
}

export function nothingGiven<N extends object, E>(): Given<N, E> {
  return { nodes: new WeakSet<N>(), edges: [] };
}

/**
 * What to give React Flow now: every node of `nodes` it was given before, plus the first `budget`
 * new ones; while nodes wait, the edges between the nodes of the first part. Records in `given`.
 */
export function nodesInTurn<N extends Node, E extends Edge>(nodes: readonly N[], edges: readonly E[], given: Given<N, E>, budget = NEW_NODES_PER_TASK): NodesInTurn<N, E> {
  let fresh = 0;
  for (const node of nodes) if (!given.nodes.has(node)) fresh++;
  if (fresh <= budget) {
    for (const node of nodes) given.nodes.add(node);
    const coming = given.coming;
    given.coming = undefined;
    // The last part's nodes and all the edges are each a large update: one task each.
    if (coming !== undefined && fresh > 0) return { nodes, edges: given.edges, waiting: 0, more: true };
    given.edges = edges;
    return { nodes, edges, waiting: 0, more: false };
  }
  if (given.coming === undefined) {
    // The render that derived a large new set is a long task of its own: its first part goes next.
    given.coming = 'derived';
    return { nodes: nodes.filter((n) => given.nodes.has(n)), edges: given.edges, waiting: fresh, more: true };
  }
  const shown: N[] = [];
  const ids = given.coming === 'derived' ? new Set<string>() : undefined;
  let taken = 0;
  for (const node of nodes) {
    if (!given.nodes.has(node)) {
      if (taken === budget) continue;
      taken++;
      given.nodes.add(node);
    }
    shown.push(node);
    ids?.add(node.id);
  }
  if (ids !== undefined) {
    given.edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    given.coming = 'parts';
  }
  return { nodes: shown, edges: given.edges, waiting: fresh - taken, more: true };
}
