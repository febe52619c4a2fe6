/**
 * More failure exits than this into one step make it a shared handler: laid out apart from the
 * flow (graph-edges.ts) and drawn with stubs rather than an edge from each (the canvas). Apart from
 * graph-edges.ts, which loads with the layout, not with the canvas.
 */
export const FAN_IN_LIMIT = 3;
