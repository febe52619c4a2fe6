/**
 * Composite steps: a compact node with a summary when collapsed; expanded, the header of a group
 * whose lanes (one per branch graph) are child nodes drawn inside it.
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../derive-flow';
import { StepNodeFrame } from './StepNodeFrame';

export const ParallelNode = memo(function ParallelNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      ⇉ {data.summary}
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

/** A dag step whose file was not loaded says so, and has nothing to expand. */
export const DagNode = memo(function DagNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      <code title={data.expandable ? undefined : 'The nested dag file was not supplied: import it together with this pipeline to see and emit its steps'}>{data.summary}</code>
    </StepNodeFrame>
  );
});
