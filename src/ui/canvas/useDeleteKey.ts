import { useEffect, useRef, type RefObject } from 'react';
import { deleteSteps, disconnect } from '../../core/model/actions';
import { isTypingTarget } from '../common/typing-target';
import { isShortcut } from '../shortcuts/table';
import { useDesignerStore } from '../store/context';
import { isStepNode, type CanvasNode, type FlowEdge } from './derive-flow';

/**
 * Delete / Backspace removes the selected steps (with their edges) and selected edges, as one
 * undo step — but only while the canvas has the focus (or nothing has), never while typing and
 * never from a button elsewhere, where the key means something else.
 */
export function useDeleteKey(region: RefObject<HTMLElement | null>, nodes: CanvasNode[], edges: FlowEdge[], clearEdgeSelection: () => void) {
  const store = useDesignerStore();
  const current = useRef({ nodes, edges });
  current.current = { nodes, edges };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcut(event, 'delete') || isTypingTarget(event.target)) return;
      const inCanvas = event.target === document.body || (event.target instanceof Node && region.current?.contains(event.target));
      if (!inCanvas) return;
      const steps = current.current.nodes.filter((n) => isStepNode(n) && n.selected).map((n) => n.id);
      const lines = current.current.edges.filter((e) => e.selected && !steps.some((s) => e.source === s || e.source.startsWith(s + '.')));
      if (steps.length === 0 && lines.length === 0) return;
      event.preventDefault();
      const { apply, select, selection } = store.getState();
      const removed = apply((p) => lines.reduce((q, e) => disconnect(q, e.source, e.data!.kind), deleteSteps(p, steps)));
      if (!removed) return;
      select(selection.filter((path) => !steps.some((s) => path === s || path.startsWith(s + '.'))));
      clearEdgeSelection();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, region, clearEdgeSelection]);
}
