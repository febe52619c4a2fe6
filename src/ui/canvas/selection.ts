/**
 * The store's selection (step paths, in the order picked) and React Flow's (a flag per node) kept
 * as one: the store is the truth, the canvas shows it and reports the user's clicks back to it.
 */
import type { NodeSelectionChange } from '@xyflow/react';
import { isLaneNode, type CanvasNode } from './derive-flow';

const shown = new WeakMap<CanvasNode, { key: string; node: CanvasNode }>();

/**
 * The nodes as the selection shows them: `selected`, or marked as containing a selected step
 * that is not drawn (inside a collapsed group, say, picked from the Problems list). Untouched
 * nodes keep their identity.
 */
export function withSelection(nodes: readonly CanvasNode[], selection: readonly string[]): CanvasNode[] {
  const selected = new Set(selection);
  return nodes.map((node) => {
    if (isLaneNode(node)) return node;
    const isSelected = selected.has(node.id);
    const contains = !isSelected && !node.data.expanded && selection.some((path) => path.startsWith(node.id + '.'));
    if (!isSelected && !contains) return node;
    const key = `${isSelected}|${contains}`;
    const cached = shown.get(node);
    if (cached?.key === key) return cached.node;
    const className = [node.className, contains ? 'contains-selection' : undefined].filter(Boolean).join(' ');
    const variant: CanvasNode = { ...node, selected: isSelected, ...(className ? { className } : {}) };
    shown.set(node, { key, node: variant });
    return variant;
  });
}

/** The selection after React Flow's select changes: those still selected in their order, then the new ones. */
export function nextSelection(previous: readonly string[], changes: readonly NodeSelectionChange[]): string[] {
  const deselected = new Set(changes.filter((c) => !c.selected).map((c) => c.id));
  const kept = previous.filter((path) => !deselected.has(path));
  const added = changes.filter((c) => c.selected && !kept.includes(c.id)).map((c) => c.id);
  return [...kept, ...added];
}
