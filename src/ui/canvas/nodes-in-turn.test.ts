import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { nodesInTurn, nothingGiven, type Given } from './nodes-in-turn';

const node = (id: string, parentId?: string): Node => ({ id, position: { x: 0, y: 0 }, data: {}, ...(parentId ? { parentId } : {}) });
const chain = (nodes: readonly Node[]): Edge[] => nodes.slice(1).map((n, i) => ({ id: `${nodes[i].id}->${n.id}`, source: nodes[i].id, target: n.id }));

describe('nodesInTurn', () => {
  it('gives everything at once when few nodes are new', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => node(`n${i}`));
    const edges = chain(nodes);
    const given = nothingGiven<Node, Edge>();
    const turn = nodesInTurn(nodes, edges, given, 10);
    expect(turn).toEqual({ nodes, edges, waiting: 0, more: false });
    expect(turn.nodes).toBe(nodes);
    expect(nodes.every((n) => given.nodes.has(n))).toBe(true);
  });

  it('gives a large new set a part per turn, in order, keeping the first part\'s edges until all the edges come in a turn of their own', () => {
    const nodes = Array.from({ length: 25 }, (_, i) => node(`n${i}`));
    const edges = chain(nodes);
    const given = nothingGiven<Node, Edge>();
    // The render that derived them gives none of them.
    expect(nodesInTurn(nodes, edges, given, 10)).toEqual({ nodes: [], edges: [], waiting: 25, more: true });
    const first = nodesInTurn(nodes, edges, given, 10);
    expect(first.nodes.map((n) => n.id)).toEqual(nodes.slice(0, 10).map((n) => n.id));
    expect(first.edges).toEqual(edges.slice(0, 9));
    expect(first).toMatchObject({ waiting: 15, more: true });
    const second = nodesInTurn(nodes, edges, given, 10);
    expect(second.nodes).toEqual(nodes.slice(0, 20));
    expect(second).toMatchObject({ waiting: 5, more: true });
    // The same array: React Flow rebuilds its edge lookup only for a new one.
    expect(second.edges).toBe(first.edges);
    const lastNodes = nodesInTurn(nodes, edges, given, 10);
    expect(lastNodes.nodes).toBe(nodes);
    expect(lastNodes.edges).toBe(first.edges);
    expect(lastNodes).toMatchObject({ waiting: 0, more: true });
    const all = nodesInTurn(nodes, edges, given, 10);
    expect(all).toEqual({ nodes, edges, waiting: 0, more: false });
    expect(all.edges).toBe(edges);
    // Later changes are given whole again.
    const edited = [...nodes.slice(0, 24), node('n24')];
    expect(nodesInTurn(edited, edges, given, 10)).toEqual({ nodes: edited, edges, waiting: 0, more: false });
  });

  it('keeps every node given before, wherever it is, and takes the new ones in order', () => {
    const old = [node('a'), node('b')];
    const oldEdges = chain(old);
    const given: Given<Node, Edge> = { nodes: new WeakSet<Node>(old), edges: oldEdges };
    const fresh = Array.from({ length: 6 }, (_, i) => node(`f${i}`));
    const nodes = [fresh[0], old[0], ...fresh.slice(1, 4), old[1], ...fresh.slice(4)];
    const derived = nodesInTurn(nodes, chain(nodes), given, 3);
    expect(derived.nodes).toEqual(old);
    expect(derived.edges).toBe(oldEdges);
    const turn = nodesInTurn(nodes, [], given, 3);
    expect(turn.nodes.map((n) => n.id)).toEqual(['f0', 'a', 'f1', 'f2', 'b']);
    expect(turn.waiting).toBe(3);
  });

  it('never gives a child without its group, which comes before it', () => {
    const nodes = [node('g1'), node('g1.a', 'g1'), node('g1.b', 'g1'), node('g2'), node('g2.a', 'g2')];
    const given = nothingGiven<Node, Edge>();
    for (let round = 0; round < 5; round++) {
      const ids = new Set(nodesInTurn(nodes, [], given, 2).nodes.map((n) => n.id));
      for (const n of nodes) if (ids.has(n.id) && n.parentId) expect(ids.has(n.parentId)).toBe(true);
    }
  });
});
