import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { moveSteps } from '../../core/model/actions';
import type { Pipeline } from '../../core/model/types';
import { layoutPositions } from '../layout/auto-layout';
import { needsLayout, NODE_HEIGHT, NODE_WIDTH } from '../layout/graph-layout';
import { useDesigner, useDesignerStore } from '../store/context';
import { topLevelStep, type StepNode } from './derive-flow';
import { changedPositions, isNodeInView, isNodePartlyInView, placeMissingSteps } from './placement';

export const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.15 };

/** Places steps that have none, fitting the view afterwards when it was the whole graph (an import). */
export function usePlaceMissingSteps(pipeline: Pipeline, onPlacedAll: () => void) {
  const store = useDesignerStore();
  useEffect(() => {
    if (!needsLayout(pipeline)) return;
    const placeNear = () => store.getState().amend((p) => (needsLayout(p) ? moveSteps(p, placeMissingSteps(p)) : p));
    if (pipeline.dag.steps.some((s) => pipeline.layout[s.name])) {
      // A few new steps in a laid-out graph go next to their neighbours, leaving the rest alone.
      placeNear();
      return;
    }
    let cancelled = false;
    layoutPositions(pipeline, { onlyMissing: true })
      .then((positions) => {
        if (cancelled) return;
        store.getState().amend((p) => {
          const unplaced = Object.fromEntries(Object.entries(positions).filter(([name]) => !p.layout[name]));
          const changed = changedPositions(p, unplaced);
          return Object.keys(changed).length > 0 ? moveSteps(p, changed) : p;
        });
        onPlacedAll();
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        store.getState().notify({ kind: 'error', text: `Automatic layout failed (${error instanceof Error ? error.message : String(error)}); the steps were put on a grid.` });
        placeNear();
        onPlacedAll();
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
export function useFitView(nodes: StepNode[], container: RefObject<HTMLElement | null>) {
  const { fitView, getViewport } = useReactFlow();
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) void fitView(FIT_VIEW_OPTIONS);
  }, [request, fitView]);
  // Only when steps come or go: a user who panned away on purpose keeps the view while editing.
  const shown = nodes.filter((n) => !n.hidden);
  const shownSteps = shown.map((n) => n.id).join('\n');
  const current = useRef(shown);
  current.current = shown;
  useEffect(() => {
    const element = container.current;
    if (!element || current.current.length === 0 || element.clientWidth === 0) return;
    const viewport = getViewport();
    if (!current.current.some((n) => isNodePartlyInView(n.position, viewport, element.clientWidth, element.clientHeight))) void fitView(FIT_VIEW_OPTIONS);
  }, [shownSteps, container, fitView, getViewport]);
  return () => setRequest((n) => n + 1);
}

/**
 * Brings a step selected elsewhere (the diagnostics list, the palette) into view, at the current
 * zoom. Selections made on the canvas itself are already in view and leave the view alone.
 */
export function useRevealSelection(selection: string[], ownSelection: RefObject<string[] | undefined>, container: RefObject<HTMLElement | null>) {
  const store = useDesignerStore();
  const focusNonce = useDesigner((s) => s.focus?.nonce);
  const { getViewport, setCenter } = useReactFlow();
  useEffect(() => {
    if (selection.length === 0 || selection === ownSelection.current) return;
    const pipeline = store.getState().history.present;
    const id = topLevelStep(selection[0], new Set(pipeline.dag.steps.map((s) => s.name)));
    const position = id === undefined ? undefined : pipeline.layout[id];
    const element = container.current;
    if (!position || !element) return;
    const viewport = getViewport();
    if (isNodeInView(position, viewport, element.clientWidth, element.clientHeight)) return;
    // Animating re-renders the visible edges every frame: on a long pipeline, jump instead.
    const duration = pipeline.dag.steps.length > 300 ? 0 : 200;
    void setCenter(position.x + NODE_WIDTH / 2, position.y + NODE_HEIGHT / 2, { zoom: viewport.zoom, duration });
  }, [selection, focusNonce, ownSelection, container, store, getViewport, setCenter]);
}
