import type { EdgeKind } from '../../core/model/actions';

/** The colour of each kind of edge, its arrowhead's too. */
export const EDGE_COLOR: Readonly<Record<EdgeKind, string>> = {
  next: 'var(--next-edge, #64748b)',
  on_failure: 'var(--failure-edge)',
};

/**
 * The arrowheads' element ids, given to React Flow as strings. Given as objects (type and colour),
 * React Flow lists every edge's marker, keys sorted into an id, whenever it is given a new edges
 * array: ~50 ms at 5,000 edges, on each edit and each part of a large import. Two kinds, drawn once
 * by EdgeMarkers.tsx.
 */
export const EDGE_MARKER: Readonly<Record<EdgeKind, string>> = {
  next: 'kfp-arrow-next',
  on_failure: 'kfp-arrow-on-failure',
};
