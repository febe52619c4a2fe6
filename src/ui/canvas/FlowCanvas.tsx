import { Background, ControlButton, Controls, MiniMap, Panel, ReactFlow } from '@xyflow/react';
import { lazy, memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Pipeline } from '../../core/model/types';
import { canvasGeometry, type CanvasGeometry } from '../layout/geometry';
import { diagnosticsByStep } from '../store/derived';
import { useDeferredPipeline, useDesigner, usePipeline } from '../store/context';
import { useDiagnostics } from '../diagnostics/useDiagnostics';
import { EDGE_TYPES } from './edge-types';
import { createEdgeDeriver, createNodeDeriver, deriveView, drawnSteps, FLOW_ID, isLaneNode, problemsByEdge, problemsByNode, problemTextId, type CanvasNode, type FlowEdge } from './derive-flow';
import { NODE_TYPES } from './nodes/node-types';
import { useCanvasDrop } from './useCanvasDrop';
import { useCanvasEdges } from './useCanvasEdges';
import { useCanvasNodes } from './useCanvasNodes';
import { useNodesInTurn } from './useNodesInTurn';
import { EdgeMarkers } from './EdgeMarkers';
import { useConnecting } from './useConnecting';
import { useDeleteKey } from './useDeleteKey';
import { useGroupKeys } from './useGroupKeys';
import { useShortcutCommand } from '../shortcuts/commands';
import { MINIMAP_SIZE, minimapStroke, viewportToShow, type ViewArea } from './fit-view';
import { useCanvasTouches, useFitView, usePlaceMissingSteps, useRevealSelection, type RequestFit } from './useViewKeeping';
import { DropTargetContext, GroupToggleContext, useCollapsedGroups } from './view-state';
import { useTheme } from '../theme/theme-store';
import { AfterFirstPaint } from '../common/AfterFirstPaint';
import { FirstPaintSignal } from './FirstPaintSignal';
import { canvasShows } from '../common/canvas-shown';
import { afterNextFrame } from '../common/next-frame';

const AutoLayoutButton = lazy(() => import('./AutoLayoutButton').then((m) => ({ default: m.AutoLayoutButton })));

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** Beyond this many nodes only the nodes on screen are rendered. */
const RENDER_VISIBLE_ONLY_FROM = 300;
/**
 * Beyond this many nodes there is no minimap: React Flow's draws every node and re-reads each one
 * on every change of the canvas (a pan, a drag, each part of an import) — ~0.1 s a change at 5,000
 * nodes — and in its 120 × 80 pixels that many steps are a smear.
 */
const MINIMAP_MAX_NODES = 2_000;
const ARIA_LABELS = {
  'controls.ariaLabel': 'Canvas controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit view',
  'minimap.ariaLabel': 'Minimap',
};
const miniMapColor = (node: CanvasNode) =>
  isLaneNode(node) ? 'var(--minimap-lane)' : node.data.problems?.errors ? 'var(--error)' : node.selected ? 'var(--accent)' : node.data.expanded ? 'var(--minimap-group)' : 'var(--minimap-step)';

/**
 * Places steps that have none, from the present pipeline, not the deferred one the nodes are drawn
 * from: placing compares it with the store's (a dag replaced in the YAML tab is laid out afresh only
 * when they are the same). A component of its own, so that a keystroke in a form (a new present
 * pipeline) does not render the whole canvas before the field shows it.
 */
function PlaceMissingSteps({ collapsed, requestFit, touches }: { collapsed: ReadonlySet<string>; requestFit: RequestFit; touches: RefObject<number> }) {
  usePlaceMissingSteps(usePipeline(), collapsed, requestFit, touches);
  return null;
}

/**
 * The model's graphs as nodes and edges, recomputed only when the pipeline, its diagnostics or the
 * collapsed groups change. From the deferred pipeline and diagnostics: a keystroke in a form waits
 * neither for walking a long pipeline's steps nor for validation.
 */
function useDerivedFlow(pipeline: Pipeline, collapsed: ReadonlySet<string>) {
  const diagnostics = useDiagnostics();
  const [deriveNodes] = useState(createNodeDeriver);
  const [deriveEdges] = useState(createEdgeDeriver);
  return useMemo(() => {
    const view = deriveView(pipeline, collapsed);
    const problems = problemsByNode(diagnosticsByStep(diagnostics), drawnSteps(view));
    const edgeProblems = problemsByEdge(diagnostics);
    return {
      pipeline,
      geometry: canvasGeometry(view),
      nodes: deriveNodes(pipeline, problems, collapsed, view),
      edges: deriveEdges(pipeline, collapsed, view, edgeProblems),
      edgeProblems,
    };
  }, [pipeline, diagnostics, collapsed, deriveNodes, deriveEdges]);
}

/**
 * Tells canvas-shown.ts once the steps of `pipeline` are on screen: React Flow takes the nodes it is
 * given in its own effects and renders them after, so two frames after this commit.
 */
function useSignalShown(pipeline: Pipeline) {
  useEffect(() => {
    let second: (() => void) | undefined;
    const first = afterNextFrame(() => (second = afterNextFrame(() => canvasShows(pipeline))));
    return () => {
      first();
      second?.();
    };
  }, [pipeline]);
}

/** React Flow's own fit-view icon (its control fits by React Flow's rules; this one by fit-view.ts). */
function FitIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
      <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.63zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
    </svg>
  );
}

interface FlowCanvasProps {
  region: RefObject<HTMLElement | null>;
  /** The canvas's size when it mounts, for the view it opens with. */
  area: ViewArea;
}

/**
 * The canvas, drawn from the deferred pipeline. Only this reads the store's present pipeline: on a
 * keystroke in a form React renders it with the deferred pipeline still the previous one, so the
 * canvas below (its hooks, React Flow and its store) is skipped until the deferred render, rather
 * than run once more before the field shows the keystroke.
 */
export function FlowCanvas(props: FlowCanvasProps) {
  return <DeferredFlowCanvas {...props} pipeline={useDeferredPipeline()} />;
}

const DeferredFlowCanvas = memo(function DeferredFlowCanvas({ region, area, pipeline }: FlowCanvasProps & { pipeline: Pipeline }) {
  const { collapsed, toggle, reveal } = useCollapsedGroups();
  const derived = useDerivedFlow(pipeline, collapsed);
  const geometry = useRef<CanvasGeometry>(derived.geometry);
  geometry.current = derived.geometry;
  const [dropTarget, setDropTarget] = useState<string | undefined>();
  const selection = useDesigner((s) => s.selection);
  const { nodes, onNodesChange, onNodeDrag, ownSelection } = useCanvasNodes(derived.nodes, selection, geometry, setDropTarget);
  const { edges, onEdgesChange, clearEdgeSelection } = useCanvasEdges(derived.edges);
  // A large new set of nodes (an import) is given to React Flow a part per task.
  const inTurn = useNodesInTurn(nodes, edges);
  const connecting = useConnecting();
  const drop = useCanvasDrop(geometry, setDropTarget, ownSelection);
  const container = useRef<HTMLDivElement>(null);
  const touches = useCanvasTouches(region);
  const requestFit = useFitView(derived.nodes, derived.pipeline, container, touches);
  // Read by React Flow when it mounts only. Computed here, not by React Flow's fitView, which waits
  // for every node to be measured: on a busy machine that came after the user started dropping
  // steps, and moved them away.
  const [initialView] = useState(() => viewportToShow(derived.nodes, area) ?? { x: 0, y: 0, zoom: 1 });
  useRevealSelection(selection, ownSelection, container, collapsed, reveal);
  useDeleteKey(region, nodes, edges, clearEdgeSelection);
  useGroupKeys(region, toggle);
  useShortcutCommand('fit', requestFit);
  const groupToggle = useMemo(() => ({ toggle }), [toggle]);
  const colorMode = useTheme();
  const fitNow = () => requestFit();
  const miniStroke = useMemo(() => minimapStroke(derived.nodes), [derived.nodes]);
  useSignalShown(derived.pipeline);

  return (
    <GroupToggleContext.Provider value={groupToggle}>
      <DropTargetContext.Provider value={dropTarget}>
        <ReactFlow<CanvasNode, FlowEdge>
          id={FLOW_ID}
          ref={container}
          nodes={inTurn.nodes as CanvasNode[]}
          edges={inTurn.edges as FlowEdge[]}
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
          defaultViewport={initialView}
          minZoom={0.1}
          onlyRenderVisibleElements={nodes.length >= RENDER_VISIBLE_ONLY_FROM}
          ariaLabelConfig={ARIA_LABELS}
          colorMode={colorMode}
        >
          <FirstPaintSignal empty={nodes.length === 0} />
          <EdgeMarkers />
          <PlaceMissingSteps collapsed={collapsed} requestFit={requestFit} touches={touches} />
          <Background gap={16} />
          <Controls showInteractive={false} showFitView={false}>
            <ControlButton onClick={fitNow} aria-label="Fit view" title="Fit view">
              <FitIcon />
            </ControlButton>
          </Controls>
          {nodes.length <= MINIMAP_MAX_NODES && (
            <MiniMap<CanvasNode> pannable zoomable nodeColor={miniMapColor} nodeStrokeColor={miniMapColor} nodeStrokeWidth={miniStroke} style={MINIMAP_SIZE} />
          )}
          <Panel position="top-right">
            <AfterFirstPaint>
              <AutoLayoutButton collapsed={collapsed} onDone={requestFit} />
            </AfterFirstPaint>
          </Panel>
          {/* The edges' accessible descriptions (aria-describedby in derive-flow). */}
          <div hidden>
            {[...derived.edgeProblems].map(([id, problem]) => (
              <span key={id} id={problemTextId('edge', id)}>
                {problem.text}
              </span>
            ))}
          </div>
        </ReactFlow>
      </DropTargetContext.Provider>
    </GroupToggleContext.Provider>
  );
});
