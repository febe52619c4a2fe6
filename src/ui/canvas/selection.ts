/**
 * The store's selection (step paths, in the order picked) and React Flow's (a flag per node) kept
 * as one: the store is the truth, the canvas shows it and reports the user's clicks back to it.
 */
import type { NodeSelectionChange } from '@xyflow/react';
import type { StepNode } from './derive-flow';

const shown = new WeakMap<StepNode, { key: string; node: StepNode }>();

/**
 * The nodes as the selection shows them: `selected`, or marked as containing a selected step
 * (a diagnostic about a step inside a composite, say). Untouched nodes keep their identity.
 */
export function withSelection(nodes: readonly StepNode[], selection: readonly string[]): StepNode[] {
  const selected = new Set(selection);
  return nodes.map((node) => {
    const isSelected = selected.has(node.id);
    const contains = !isSelected && selection.some((path) => path.startsWith(node.id + '.'));
    if (!isSelected && !contains) return node;
    const key = `${isSelected}|${contains}`;
    const cached = shown.get(node);
    if (cached?.key === key) return cached.node;
    const variant: StepNode = { ...node, selected: isSelected, ...(contains ? { className: 'contains-selection' } : {}) };
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
