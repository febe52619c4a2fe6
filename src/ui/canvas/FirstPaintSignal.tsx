import { useNodesInitialized } from '@xyflow/react';
import { useFirstPaintDone, useSignalFirstPaint } from '../common/first-paint';

function Signal({ empty }: { empty: boolean }) {
  useSignalFirstPaint(useNodesInitialized() || empty);
  return null;
}

/** Tells first-paint.ts when the canvas shows its steps (React Flow shows nodes once measured); gone after. */
export function FirstPaintSignal({ empty }: { empty: boolean }) {
  return useFirstPaintDone() ? null : <Signal empty={empty} />;
}
