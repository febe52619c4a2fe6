import { MiniMap } from '@xyflow/react';
import { isLaneNode, type CanvasNode } from './derive-flow';
import { MINIMAP_SIZE } from './fit-view';

const miniMapColor = (node: CanvasNode) =>
  isLaneNode(node) ? 'var(--minimap-lane)' : node.data.problems?.errors ? 'var(--error)' : node.selected ? 'var(--accent)' : node.data.expanded ? 'var(--minimap-group)' : 'var(--minimap-step)';

/** The canvas's minimap: loaded after the first paint, which it does not need (FlowCanvas). */
export function CanvasMiniMap({ strokeWidth }: { strokeWidth: number }) {
  return <MiniMap<CanvasNode> pannable zoomable nodeColor={miniMapColor} nodeStrokeColor={miniMapColor} nodeStrokeWidth={strokeWidth} style={MINIMAP_SIZE} />;
}
