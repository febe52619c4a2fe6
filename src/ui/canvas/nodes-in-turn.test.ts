import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { nodesInTurn } from './nodes-in-turn';

const node = (id: string, parentId?: string): Node => ({ id, position: { x: 0, y: 0 }, data: {}, ...(parentId ? { parentId } : {}) });
const chain = (nodes: readonly Node[]): Edge[] => nodes.slice(1).map((n, i) => ({ id: `${nodes[i].id}->${n.id}`, source: nodes[i].id, target: n.id }));

describe('nodesInTurn', () => {
  it('gives everything at once when few nodes are new', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => node(`n${i}`));
    const edges = chain(nodes);
    const given = new WeakSet<Node>();
    const turn = nodesInTurn(nodes, edges, given, 10);
    expect(turn).toEqual({ nodes, edges, waiting: 0 });
    expect(turn.nodes).toBe(nodes);
    expect(nodes.every((n) => given.has(n))).toBe(true);
  });

  it('gives a large new set a part per turn, in order, with only the edges between the nodes given', () => {
    const nodes = Array.from({ length: 25 }, (_, i) => node(`n${i}`));
    const edges = chain(nodes);
    const given = new WeakSet<Node>();
    const first = nodesInTurn(nodes, edges, given, 10);
    expect(first.nodes.map((n) => n.id)).toEqual(nodes.slice(0, 10).map((n) => n.id));
    expect(first.edges).toEqual(edges.slice(0, 9));
    expect(first.waiting).toBe(15);
    const second = nodesInTurn(nodes, edges, given, 10);
    expect(second.nodes).toEqual(nodes.slice(0, 20));
    expect(second.waiting).toBe(5);
    const last = nodesInTurn(nodes, edges, given, 10);
    expect(last.nodes).toBe(nodes);
    expect(last.edges).toBe(edges);
    expect(last.waiting).toBe(0);
  });

  it('keeps every node given before, wherever it is, and takes the new ones in order', () => {
    const old = [node('a'), node('b')];
    const given = new WeakSet<Node>(old);
    const fresh = Array.from({ length: 6 }, (_, i) => node(`f${i}`));
    const nodes = [fresh[0], old[0], ...fresh.slice(1, 4), old[1], ...fresh.slice(4)];
    const turn = nodesInTurn(nodes, [], given, 3);
    expect(turn.nodes.map((n) => n.id)).toEqual(['f0', 'a', 'f1', 'f2', 'b']);
    expect(turn.waiting).toBe(3);
  });

  it('never gives a child without its group, which comes before it', () => {
    const nodes = [node('g1'), node('g1.a', 'g1'), node('g1.b', 'g1'), node('g2'), node('g2.a', 'g2')];
    const given = new WeakSet<Node>();
    for (let round = 0; round < 5; round++) {
      const ids = new Set(nodesInTurn(nodes, [], given, 2).nodes.map((n) => n.id));
      for (const n of nodes) if (ids.has(n.id) && n.parentId) expect(ids.has(n.parentId)).toBe(true);
    }
  });
});
