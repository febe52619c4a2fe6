import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from './derive-flow';

/**
 * React Flow's smooth-step edge, with its label drawn without being measured. React Flow's own
 * label measures itself (getBBox, a layout of the page) in an effect and renders the edge again
 * with a background box of that size: for every edge drawn, on the frame that draws them. Here a
 * halo of the background's colour behind the letters (canvas.css) keeps the label readable over
 * the line, whatever its length.
 */
export const LabelledEdge = memo(function LabelledEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, style, markerEnd, interactionWidth }: EdgeProps<FlowEdge>) {
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />
      <text className="react-flow__edge-text edge-label" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="central">
        {label}
      </text>
    </>
  );
});
