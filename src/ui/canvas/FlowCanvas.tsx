import { Background, Controls, MiniMap, Panel, ReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState, type RefObject } from 'react';
import { allDiagnostics, diagnosticsByStep } from '../store/derived';
import { useDesigner, usePipeline } from '../store/context';
import { AutoLayoutButton } from './AutoLayoutButton';
import { EDGE_TYPES } from './FailureStubEdge';
import { createEdgeDeriver, createNodeDeriver, problemsByNode, type FlowEdge, type StepNode } from './derive-flow';
import { NODE_TYPES } from './nodes/node-types';
import { useCanvasDrop } from './useCanvasDrop';
import { useCanvasEdges } from './useCanvasEdges';
import { useCanvasNodes } from './useCanvasNodes';
import { useConnecting } from './useConnecting';
import { useDeleteKey } from './useDeleteKey';
import { FIT_VIEW_OPTIONS, useFitView, usePlaceMissingSteps, useRevealSelection } from './useViewKeeping';

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Beyond this many steps only the nodes on screen are rendered. */
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
const miniMapColor = (node: StepNode) => (node.data.problems?.errors ? 'var(--error)' : node.selected ? 'var(--accent)' : '#94a3b8');

/** The model's own graph as nodes and edges, recomputed only when the pipeline or the target changes. */
function useDerivedFlow() {
  const pipeline = usePipeline();
  const target = useDesigner((s) => s.target);
  const [deriveNodes] = useState(createNodeDeriver);
  const [deriveEdges] = useState(createEdgeDeriver);
  return useMemo(() => {
    const names = new Set(pipeline.dag.steps.map((s) => s.name));
    const problems = problemsByNode(diagnosticsByStep(allDiagnostics(pipeline, target)), names);
    return { pipeline, nodes: deriveNodes(pipeline, problems), edges: deriveEdges(pipeline) };
  }, [pipeline, target, deriveNodes, deriveEdges]);
}

export function FlowCanvas({ region }: { region: RefObject<HTMLElement | null> }) {
  const derived = useDerivedFlow();
  const selection = useDesigner((s) => s.selection);
  const { nodes, onNodesChange, ownSelection } = useCanvasNodes(derived.nodes, selection);
  const { edges, onEdgesChange, clearEdgeSelection } = useCanvasEdges(derived.edges);
  const connecting = useConnecting();
  const drop = useCanvasDrop();
  const container = useRef<HTMLDivElement>(null);
  const requestFit = useFitView(derived.nodes, container);
  usePlaceMissingSteps(derived.pipeline, requestFit);
  useRevealSelection(selection, ownSelection, container);
  useDeleteKey(region, nodes, edges, clearEdgeSelection);

  return (
    <ReactFlow<StepNode, FlowEdge>
      ref={container}
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      {...connecting}
      {...drop}
      deleteKeyCode={null}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.1}
      onlyRenderVisibleElements={nodes.length >= RENDER_VISIBLE_ONLY_FROM}
      ariaLabelConfig={ARIA_LABELS}
    >
      <Background gap={16} />
      <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
      <MiniMap<StepNode> pannable zoomable nodeColor={miniMapColor} style={MINIMAP_SIZE} />
      <Panel position="top-right">
        <AutoLayoutButton onDone={requestFit} />
      </Panel>
    </ReactFlow>
  );
}
