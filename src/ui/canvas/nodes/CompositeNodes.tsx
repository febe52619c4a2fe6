/**
 * Composite steps, one node each for now: a summary of what is inside. They are kept apart
 * because they will become expandable groups showing their branches.
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../derive-flow';
import { StepNodeFrame } from './StepNodeFrame';

export const ParallelNode = memo(function ParallelNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      ⫴ {data.summary}
    </StepNodeFrame>
  );
});

export const MapNode = memo(function MapNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      ↻ {data.summary}
    </StepNodeFrame>
  );
});

export const DagNode = memo(function DagNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      <code>{data.summary}</code>
    </StepNodeFrame>
  );
});
