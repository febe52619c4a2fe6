import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { moveSteps } from '../../core/model/actions';
import type { Pipeline, Step } from '../../core/model/types';
import { ownValue } from '../../core/own';
import { layoutPositions } from '../layout/auto-layout';
import { canvasGeometry, type CanvasGeometry } from '../layout/geometry';
import { needsFullLayout, needsLayout } from '../layout/graph-layout';
import { useDesigner, useDesignerStore } from '../store/context';
import { deriveView, nearestNode, type CanvasNode } from './derive-flow';
import { SMALL_GRAPH } from '../layout/placement';
import { fitOptionsFor } from './fit-view';
import { changedPositions, isNodeInView, isNodePartlyInView, placeMissingSteps } from './placement';


/**
 * Places steps that have none, in every graph: a few new ones next to their neighbours, and small
 * graphs with none placed (a new group's branches) by a quick layered layout, at once; a large
 * graph with none placed (a pasted pipeline) by ELK. The view is fitted afterwards when it was the
 * pipeline's whole graph.
 */
export function usePlaceMissingSteps(pipeline: Pipeline, collapsed: ReadonlySet<string>, onPlacedAll: () => void) {
  const store = useDesignerStore();
  const collapsedNow = useRef(collapsed);
  collapsedNow.current = collapsed;
  useEffect(() => {
    if (!needsLayout(pipeline)) return;
    const placeNear = () => store.getState().amend((p) => (needsLayout(p) ? moveSteps(p, placeMissingSteps(p, collapsedNow.current)) : p));
    const wholeGraph = pipeline.dag.steps.length > 0 && pipeline.dag.steps.every((s) => !ownValue(pipeline.layout, s.name));
    if (!needsFullLayout(pipeline, SMALL_GRAPH)) {
      // Small graphs (a new group's branches) are laid out at once, without waiting for ELK's worker.
      placeNear();
      if (wholeGraph) onPlacedAll();
      return;
    }
    let cancelled = false;
    layoutPositions(pipeline, { onlyMissing: true, collapsed: collapsedNow.current })
      .then((positions) => {
        if (cancelled) return;
        store.getState().amend((p) => {
          const unplaced = Object.fromEntries(Object.entries(positions).filter(([path]) => !ownValue(p.layout, path)));
          const changed = changedPositions(p, unplaced);
          return Object.keys(changed).length > 0 ? moveSteps(p, changed) : p;
        });
        if (wholeGraph) onPlacedAll();
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        store.getState().notify({ kind: 'error', text: `Automatic layout failed (${error instanceof Error ? error.message : String(error)}); the steps were put on a grid.` });
        placeNear();
        if (wholeGraph) onPlacedAll();
      });
    return () => {
      cancelled = true;
    };
  }, [pipeline, store, onPlacedAll]);
}

/**
 * Keeps the user looking at the graph: fits the view on request (after an import's layout, or
 * Auto layout) and whenever a change leaves no step on screen (a new pipeline, say).
 */
export function useFitView(nodes: CanvasNode[], steps: readonly Step[], container: RefObject<HTMLElement | null>) {
  const { fitView, getViewport } = useReactFlow();
  const [request, setRequest] = useState(0);
  // The pipeline's own steps (steps in lanes sit inside their groups).
  const shown = nodes.filter((n) => !n.hidden && n.parentId === undefined);
  const shownSteps = shown.map((n) => n.id).join('\n');
  const current = useRef(shown);
  current.current = shown;
  useEffect(() => {
    if (request > 0) void fitView(fitOptionsFor(current.current));
  }, [request, fitView]);
  // Only when steps come or go: a user who panned away on purpose keeps the view while editing.
  useEffect(() => {
    const element = container.current;
    if (!element || current.current.length === 0 || element.clientWidth === 0) return;
    const viewport = getViewport();
    const visible = (n: CanvasNode) => isNodePartlyInView(n.position, viewport, element.clientWidth, element.clientHeight, { width: n.width ?? 0, height: n.height ?? 0 });
    if (!current.current.some(visible)) void fitView(fitOptionsFor(current.current));
  }, [shownSteps, container, fitView, getViewport]);
  // A wholly different pipeline (an import, a new one, undoing one) is shown whole. The model's
  // actions share the steps they do not change, so an edit always keeps some step objects.
  const before = useRef<ReadonlySet<Step> | undefined>(undefined);
  useEffect(() => {
    const previous = before.current;
    before.current = new Set(steps);
    if (previous && steps.length > 0 && !steps.some((s) => previous.has(s))) void fitView(fitOptionsFor(current.current));
  }, [steps, fitView]);
  return () => setRequest((n) => n + 1);
}

/**
 * Brings a step selected elsewhere (the diagnostics list, the palette) into view, at the current
 * zoom, expanding the collapsed groups it is inside. Selections made on the canvas itself are
 * already in view and leave the view alone.
 */
export function useRevealSelection(
  selection: string[],
  ownSelection: RefObject<string[] | undefined>,
  container: RefObject<HTMLElement | null>,
  collapsed: ReadonlySet<string>,
  reveal: (paths: readonly string[]) => void,
) {
  const store = useDesignerStore();
  const focusNonce = useDesigner((s) => s.focus?.nonce);
  const { getViewport, setCenter } = useReactFlow();
  const collapsedNow = useRef(collapsed);
  collapsedNow.current = collapsed;
  useEffect(() => {
    if (selection.length === 0 || selection === ownSelection.current) return;
    const pipeline = store.getState().history.present;
    const hiding = [...collapsedNow.current].filter((group) => selection[0].startsWith(group + '.'));
    if (hiding.length > 0) reveal([selection[0]]);
    const open = hiding.length > 0 ? new Set([...collapsedNow.current].filter((g) => !hiding.includes(g))) : collapsedNow.current;
    const geometry: CanvasGeometry = canvasGeometry(deriveView(pipeline, open));
    const id = nearestNode(selection[0], new Set(geometry.steps.keys()));
    const rect = id === undefined ? undefined : geometry.steps.get(id);
    const element = container.current;
    if (!rect || !element) return;
    const viewport = getViewport();
    // A group larger than the view is in view enough when its header is.
    const size = { width: Math.min(rect.width, element.clientWidth / viewport.zoom), height: Math.min(rect.height, element.clientHeight / viewport.zoom) };
    if (isNodeInView(rect, viewport, element.clientWidth, element.clientHeight, size)) return;
    // Animating re-renders the visible edges every frame: on a long pipeline, jump instead.
    const duration = geometry.steps.size > 300 ? 0 : 200;
    void setCenter(rect.x + size.width / 2, rect.y + size.height / 2, { zoom: viewport.zoom, duration });
  }, [selection, focusNonce, ownSelection, container, store, getViewport, setCenter, reveal]);
}
