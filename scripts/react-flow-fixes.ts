/**
 * Fixes to React Flow's code, applied as the app is built.
 *
 * The selection listener: React Flow runs it only when someone listens (an `onSelectionChange`
 * prop or `useOnSelectionChange`), but it tests for listeners with `!!s.onSelectionChangeHandlers`,
 * a list that is always there, so the listener always runs: on every change of React Flow's store
 * (each part of a large pipeline given, each node measured, each frame of a pan) it walks every
 * node and edge for the selected ones — ~0.4 s of a 5,000-step restore, the page's longest tasks.
 * The designer listens to neither (selection comes through onNodesChange and onEdgesChange).
 *
 * The node resizer: `NodeResizeControl` is made by a call to React's `memo` at the top of the
 * module, which the bundler must assume has effects, so the resizer (with @xyflow/system's
 * XYResizer, ~2.6 KB gzip) was in the page's first load though the designer never resizes a node.
 * Marked pure, it goes when unused, as every other unused part of React Flow does.
 *
 * The build fails if the code to fix is not found, so an upgrade that changes it is noticed.
 * (The dev server pre-bundles React Flow without them: correct, only slower and larger.)
 */
import type { Plugin } from 'vite';

const REACT_FLOW = /[\\/]node_modules[\\/]@xyflow[\\/]react[\\/]dist[\\/]esm[\\/]index\.m?js$/;
export const LISTENER_TEST = 'const changeSelector = (s) => !!s.onSelectionChangeHandlers;';
export const LISTENER_TEST_FIXED = 'const changeSelector = (s) => s.onSelectionChangeHandlers.length > 0;';
export const RESIZE_CONTROL = 'const NodeResizeControl = memo(ResizeControl);';
export const RESIZE_CONTROL_FIXED = 'const NodeResizeControl = /*#__PURE__*/ memo(ResizeControl);';

const FIXES: readonly (readonly [string, string])[] = [
  [LISTENER_TEST, LISTENER_TEST_FIXED],
  [RESIZE_CONTROL, RESIZE_CONTROL_FIXED],
];

/** React Flow's module with the fixes, or an error if the code one fixes is not (exactly once) there. */
export function fixReactFlow(code: string): string {
  return FIXES.reduce((fixed, [from, to]) => {
    const at = fixed.indexOf(from);
    if (at < 0 || fixed.indexOf(from, at + 1) >= 0) throw new Error(`@xyflow/react changed: "${from}" is not in it once (scripts/react-flow-fixes.ts)`);
    return fixed.slice(0, at) + to + fixed.slice(at + from.length);
  }, code);
}

export function reactFlowFixes(): Plugin {
  return {
    name: 'kfp-designer:react-flow-fixes',
    transform(code, id) {
      if (!REACT_FLOW.test(id)) return undefined;
      return { code: fixReactFlow(code), map: null };
    },
  };
}
