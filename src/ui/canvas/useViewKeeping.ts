import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { moveSteps } from '../../core/model/actions';
import type { Pipeline, Step } from '../../core/model/types';
import { ownValue } from '../../core/own';
import { canvasGeometry, type CanvasGeometry } from '../layout/geometry';
import { layoutPlan, needsElk, needsLayout } from '../layout/needs-layout';
import { useDesigner, useDesignerStore } from '../store/context';
import { deriveView, nearestNode, type CanvasNode } from './derive-flow';
import { viewportToShow } from './fit-view';
import { changedPositions } from '../layout/changed-positions';
import { loadPlacement, placementLoaded, type Placement } from '../layout/load-placement';
import { isNodeInView, isNodePartlyInView } from './placement';
import { createPendingFit } from './pending-fit';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Places steps that have none, in every graph: a few new ones next to their neighbours, and small
 * graphs with none placed (a new group's branches) by a quick layered layout, at once; a large
 * graph with none placed (a pasted pipeline) by ELK; a graph whose steps are mostly new is laid out
 * afresh. The view is fitted afterwards when it was the pipeline's whole graph, unless the user
 * touched the canvas meanwhile.
 */
export function usePlaceMissingSteps(pipeline: Pipeline, collapsed: ReadonlySet<string>, requestFit: RequestFit, touches: RefObject<number>) {
  const store = useDesignerStore();
  const collapsedNow = useRef(collapsed);
  collapsedNow.current = collapsed;
  useEffect(() => {
    if (!needsLayout(pipeline)) return;
    const { mostlyNew, toPlace } = layoutPlan(pipeline);
    const wholeGraph = toPlace.dag.steps.length > 0 && toPlace.dag.steps.every((s) => !ownValue(toPlace.layout, s.name));
    const touchedAt = touches.current;
    const onPlacedAll = () => requestFit(touchedAt);
    let cancelled = false;
    const place = ({ placeMissingSteps }: Placement) => {
      store.getState().amend((p) => {
        if (!needsLayout(p)) return p;
        const base = mostlyNew && p === pipeline ? toPlace : p;
        return moveSteps(base, placeMissingSteps(base, collapsedNow.current));
      });
      if (wholeGraph) onPlacedAll();
    };
    // In this effect once the placing code is here (main.tsx loads it after the first paint).
    const placeNear = () => {
      const placement = placementLoaded();
      if (placement) return place(placement);
      loadPlacement()
        .then((loaded) => {
          if (!cancelled) place(loaded);
        })
        .catch((error: unknown) => store.getState().notify({ kind: 'error', text: `The new steps could not be placed (${errorText(error)}).` }));
    };
    const cancel = () => {
      cancelled = true;
    };
    if (!needsElk(toPlace)) {
      // Small graphs (a new group's branches) are laid out at once, without waiting for ELK's worker.
      placeNear();
      return cancel;
    }
    // The layout code loads the first time a whole graph needs placing (ELK is loaded then anyway).
    import('../layout/auto-layout')
      .then(({ layoutPositions }) => layoutPositions(toPlace, { onlyMissing: true, collapsed: collapsedNow.current }))
      .then((positions) => {
        if (cancelled) return;
        store.getState().amend((p) => {
          const unplaced = Object.fromEntries(Object.entries(positions).filter(([path]) => !ownValue(p.layout, path) || (mostlyNew && !ownValue(toPlace.layout, path))));
          const changed = changedPositions(p, unplaced);
          return Object.keys(changed).length > 0 ? moveSteps(p, changed) : p;
        });
        if (wholeGraph) onPlacedAll();
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        store.getState().notify({ kind: 'error', text: `Automatic layout failed (${errorText(error)}); the steps were put on a grid.` });
        placeNear();
      });
    return cancel;
  }, [pipeline, store, requestFit, touches]);
}

/**
 * Counts the user's touches of the canvas (a click, a wheel, a key, a drop): work that finishes
 * later (a layout in a worker) moves the view only if the user has not started working meanwhile.
 */
export function useCanvasTouches(region: RefObject<HTMLElement | null>) {
  const touches = useRef(0);
  useEffect(() => {
    const element = region.current;
    if (!element) return;
    const touched = () => touches.current++;
    const events = ['pointerdown', 'wheel', 'keydown', 'drop'] as const;
    for (const type of events) element.addEventListener(type, touched, { capture: true, passive: true });
    return () => {
      for (const type of events) element.removeEventListener(type, touched, { capture: true });
    };
  }, [region]);
  return touches;
}

/** Fits the view now, or — given the touch count when the work that asks for it began — only if the canvas was not touched since. */
export type RequestFit = (touchedAt?: number) => void;

/**
 * Keeps the user looking at the graph: shows it on request (F, Fit view, after Auto layout or an
 * import) and when a change leaves no step on screen (a new pipeline, say). Nothing else moves
 * the view.
 */
export function useFitView(nodes: CanvasNode[], drawn: Pipeline, container: RefObject<HTMLElement | null>, touches: RefObject<number>): RequestFit {
  const store = useDesignerStore();
  const { setViewport, getViewport } = useReactFlow();
  const [request, setRequest] = useState(0);
  const [pending] = useState(createPendingFit);
  // The pipeline's own steps (steps in lanes sit inside their groups).
  const shown = nodes.filter((n) => !n.hidden && n.parentId === undefined);
  const shownSteps = shown.map((n) => n.id).join('\n');
  const current = useRef(shown);
  current.current = shown;
  const show = useCallback(() => {
    const element = container.current;
    const viewport = element && viewportToShow(current.current, { width: element.clientWidth, height: element.clientHeight });
    if (viewport) void setViewport(viewport);
  }, [container, setViewport]);
  // A request only renders: the fit waits for the nodes of the pipeline it was asked for.
  useEffect(() => {
    if (pending.due(drawn, store.getState().history.present)) show();
  }, [request, drawn, pending, store, show]);
  // Only when steps come or go: a user who panned away on purpose keeps the view while editing.
  useEffect(() => {
    const element = container.current;
    if (!element || current.current.length === 0 || element.clientWidth === 0) return;
    const viewport = getViewport();
    const visible = (n: CanvasNode) => isNodePartlyInView(n.position, viewport, element.clientWidth, element.clientHeight, { width: n.width ?? 0, height: n.height ?? 0 });
    if (!current.current.some(visible)) show();
  }, [shownSteps, container, show, getViewport]);
  // A wholly different pipeline (an import, a new one, undoing one) is shown whole. The model's
  // actions share the steps they do not change, so an edit always keeps some step objects.
  const before = useRef<ReadonlySet<Step> | undefined>(undefined);
  const steps = drawn.dag.steps;
  useEffect(() => {
    const previous = before.current;
    before.current = new Set(steps);
    if (previous && steps.length > 0 && !steps.some((s) => previous.has(s))) show();
  }, [steps, show]);
  return useCallback(
    (touchedAt?: number) => {
      if (touchedAt !== undefined && touchedAt !== touches.current) return;
      pending.ask(store.getState().history.present);
      setRequest((n) => n + 1);
    },
    [touches, pending, store],
  );
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
