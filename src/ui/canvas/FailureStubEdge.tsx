import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from './derive-flow';

const STUB_LENGTH = 22;

/** A short dashed exit out of the on-failure handle, ending in the name of the step it leads to. */
export const FailureStubEdge = memo(function FailureStubEdge({ sourceX, sourceY, target, data, style, markerEnd, interactionWidth }: EdgeProps<FlowEdge>) {
  const end = sourceX + STUB_LENGTH;
  return (
    <>
      <BaseEdge path={`M ${sourceX},${sourceY} L ${end},${sourceY}`} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />
      <text className="failure-stub-label" x={end + 6} y={sourceY + 4}>
        on failure → {data?.targetName ?? target}
      </text>
    </>
  );
});

