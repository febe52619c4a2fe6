import type { EdgeChange, EdgeSelectionChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { FlowEdge } from './derive-flow';

/** The model's edges, with which of them is selected (only the canvas selects edges). */
export function useCanvasEdges(derived: FlowEdge[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const edges = useMemo(() => (selected.size === 0 ? derived : derived.map((e) => (selected.has(e.id) ? { ...e, selected: true } : e))), [derived, selected]);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const selects = changes.filter((c): c is EdgeSelectionChange => c.type === 'select');
    if (selects.length === 0) return;
    setSelected((current) => {
      const next = new Set(current);
      for (const change of selects) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);
  const clearEdgeSelection = useCallback(() => setSelected(new Set()), []);
  return { edges, onEdgesChange, clearEdgeSelection };
}
