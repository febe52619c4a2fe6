import type { EdgeKind } from '../../core/model/actions';
import { EDGE_COLOR, EDGE_MARKER } from './edge-markers';

const KINDS: readonly EdgeKind[] = ['next', 'on_failure'];

/** The edges' arrowheads, as React Flow draws its own `arrowclosed` marker (edge-markers.ts says why here). */
export function EdgeMarkers() {
  return (
    <svg className="react-flow__marker" aria-hidden="true">
      <defs>
        {KINDS.map((kind) => (
          <marker key={kind} className="react-flow__arrowhead" id={EDGE_MARKER[kind]} markerWidth="12.5" markerHeight="12.5" viewBox="-10 -10 20 20" markerUnits="strokeWidth" orient="auto-start-reverse" refX="0" refY="0">
            <polyline className="arrowclosed" style={{ strokeWidth: 1, stroke: EDGE_COLOR[kind], fill: EDGE_COLOR[kind] }} strokeLinecap="round" strokeLinejoin="round" points="-5,-4 0,0 -5,4 -5,-4" />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
