import type { Edge, Node } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { nodesInTurn, nothingGiven } from './nodes-in-turn';

/**
 * The nodes and edges to give React Flow: all of them, or — while a large new set comes in — a
 * growing part, one more part per task, so the page answers between parts (nodes-in-turn.ts).
 */
export function useNodesInTurn<N extends Node, E extends Edge>(nodes: readonly N[], edges: readonly E[]) {
  const given = useRef(nothingGiven<N, E>());
  const [turn, setTurn] = useState(0);
  // `turn` asks for the next part: the same nodes, more of them given.
  const inTurn = useMemo(() => nodesInTurn(nodes, edges, given.current), [nodes, edges, turn]);
  const { more } = inTurn;
  useEffect(() => {
    if (!more) return;
    const timer = setTimeout(() => setTurn((t) => t + 1), 0);
    return () => clearTimeout(timer);
  }, [inTurn, more]);
  return inTurn;
}
