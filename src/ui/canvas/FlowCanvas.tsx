import { Background, Controls, MiniMap, Panel, ReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState, type RefObject } from 'react';
import { canvasGeometry, type CanvasGeometry } from '../layout/geometry';
import { diagnosticsByStep } from '../store/derived';
import { useDesigner, usePipeline } from '../store/context';
import { useDiagnostics } from '../diagnostics/useDiagnostics';
import { AutoLayoutButton } from './AutoLayoutButton';
import { EDGE_TYPES } from './FailureStubEdge';
import { createEdgeDeriver, createNodeDeriver, deriveView, drawnSteps, isLaneNode, problemsByNode, type CanvasNode, type FlowEdge } from './derive-flow';
import { NODE_TYPES } from './nodes/node-types';
import { useCanvasDrop } from './useCanvasDrop';
import { useCanvasEdges } from './useCanvasEdges';
import { useCanvasNodes } from './useCanvasNodes';
import { useConnecting } from './useConnecting';
import { useDeleteKey } from './useDeleteKey';
import { useGroupKeys } from './useGroupKeys';
import { useShortcutCommand } from '../shortcuts/commands';
import { FIT_VIEW_OPTIONS, fitOptionsFor } from './fit-view';
import { useFitView, usePlaceMissingSteps, useRevealSelection } from './useViewKeeping';
import { DropTargetContext, GroupToggleContext, useCollapsedGroups } from './view-state';
import { useTheme } from '../theme/theme-store';

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Beyond this many nodes only the nodes on screen are rendered. */
const RENDER_VISIBLE_ONLY_FROM = 300;
const ARIA_LABELS = {
  'controls.ariaLabel': 'Canvas controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit view',
  'minimap.ariaLabel': 'Minimap',
};
/** Small: the canvas shares the width with three panels. */
const MINIMAP_SIZE = { width: 120, height: 80 };
const miniMapColor = (node: CanvasNode) =>
  isLaneNode(node) ? 'var(--minimap-lane)' : node.data.problems?.errors ? 'var(--error)' : node.selected ? 'var(--accent)' : node.data.expanded ? 'var(--minimap-group)' : 'var(--minimap-step)';

/**
 * The model's graphs as nodes and edges, recomputed only when the pipeline, its diagnostics or the
 * collapsed groups change. The badges come from the deferred diagnostics, so a keystroke does not
 * wait for validation.
 */
function useDerivedFlow(collapsed: ReadonlySet<string>) {
  const pipeline = usePipeline();
  const diagnostics = useDiagnostics();
  const [deriveNodes] = useState(createNodeDeriver);
  const [deriveEdges] = useState(createEdgeDeriver);
  return useMemo(() => {
    const view = deriveView(pipeline, collapsed);
    const problems = problemsByNode(diagnosticsByStep(diagnostics), drawnSteps(view));
    return {
      pipeline,
      geometry: canvasGeometry(view),
      nodes: deriveNodes(pipeline, problems, collapsed, view),
      edges: deriveEdges(pipeline, collapsed, view),
    };
  }, [pipeline, diagnostics, collapsed, deriveNodes, deriveEdges]);
}

export function FlowCanvas({ region }: { region: RefObject<HTMLElement | null> }) {
  const { collapsed, toggle, reveal } = useCollapsedGroups();
  const derived = useDerivedFlow(collapsed);
  const geometry = useRef<CanvasGeometry>(derived.geometry);
  geometry.current = derived.geometry;
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const selection = useDesigner((s) => s.selection);
  const { nodes, onNodesChange, onNodeDrag, ownSelection } = useCanvasNodes(derived.nodes, selection, geometry, setDropTarget);
  const { edges, onEdgesChange, clearEdgeSelection } = useCanvasEdges(derived.edges);
  const connecting = useConnecting();
  const drop = useCanvasDrop(geometry, setDropTarget);
  const container = useRef<HTMLDivElement>(null);
  const requestFit = useFitView(derived.nodes, derived.pipeline.dag.steps, container);
  // Read by React Flow when it mounts only: the pipeline as first shown.
  const [initialFit] = useState(() => fitOptionsFor(derived.nodes));
  usePlaceMissingSteps(derived.pipeline, collapsed, requestFit);
  useRevealSelection(selection, ownSelection, container, collapsed, reveal);
  useDeleteKey(region, nodes, edges, clearEdgeSelection);
  useGroupKeys(region, toggle);
  useShortcutCommand('fit', requestFit);
  const groupToggle = useMemo(() => ({ toggle }), [toggle]);
  const colorMode = useTheme();

  return (
    <GroupToggleContext.Provider value={groupToggle}>
      <DropTargetContext.Provider value={dropTarget}>
        <ReactFlow<CanvasNode, FlowEdge>
          ref={container}
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onNodeDrag={onNodeDrag}
          onEdgesChange={onEdgesChange}
          {...connecting}
          {...drop}
          deleteKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          // Raising a selected group above its own lanes would hide them (children are stacked by nesting).
          elevateNodesOnSelect={false}
          fitView
          fitViewOptions={initialFit}
          minZoom={0.1}
          onlyRenderVisibleElements={nodes.length >= RENDER_VISIBLE_ONLY_FROM}
          ariaLabelConfig={ARIA_LABELS}
          colorMode={colorMode}
        >
          <Background gap={16} />
          <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
          <MiniMap<CanvasNode> pannable zoomable nodeColor={miniMapColor} style={MINIMAP_SIZE} />
          <Panel position="top-right">
            <AutoLayoutButton collapsed={collapsed} onDone={requestFit} />
          </Panel>
        </ReactFlow>
      </DropTargetContext.Provider>
    </GroupToggleContext.Provider>
  );
}
