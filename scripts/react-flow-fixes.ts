/**
 * A fix to React Flow's code, applied as the app is built.
 *
 * React Flow runs its selection listener only when someone listens (an `onSelectionChange` prop
 * or `useOnSelectionChange`), but it tests for listeners with `!!s.onSelectionChangeHandlers`, a
 * list that is always there, so the listener always runs: on every change of React Flow's store
 * (each part of a large pipeline given, each node measured, each frame of a pan) it walks every
 * node and edge for the selected ones — ~0.4 s of a 5,000-step restore, the page's longest tasks.
 * The designer listens to neither (selection comes through onNodesChange and onEdgesChange).
 * The build fails if the code to fix is not found, so an upgrade that changes it is noticed.
 * (The dev server pre-bundles React Flow without it: correct, only slower on large pipelines.)
 */
import type { Plugin } from 'vite';

const REACT_FLOW = /[\\/]node_modules[\\/]@xyflow[\\/]react[\\/]dist[\\/]esm[\\/]index\.m?js$/;
export const LISTENER_TEST = 'const changeSelector = (s) => !!s.onSelectionChangeHandlers;';
export const LISTENER_TEST_FIXED = 'const changeSelector = (s) => s.onSelectionChangeHandlers.length > 0;';

/** React Flow's module with the fix, or an error if the code it fixes is not (exactly once) there. */
export function fixReactFlow(code: string): string {
  const at = code.indexOf(LISTENER_TEST);
  if (at < 0 || code.indexOf(LISTENER_TEST, at + 1) >= 0) throw new Error(`@xyflow/react changed: "${LISTENER_TEST}" is not in it once (scripts/react-flow-fixes.ts)`);
  return code.slice(0, at) + LISTENER_TEST_FIXED + code.slice(at + LISTENER_TEST.length);
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
