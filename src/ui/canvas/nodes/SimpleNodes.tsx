import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '../derive-flow';
import { StepNodeFrame } from './StepNodeFrame';

/** A task shows its command, the thing most worth seeing at a glance. */
export const TaskNode = memo(function TaskNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      <code>{data.summary}</code>
    </StepNodeFrame>
  );
});

export const StubNode = memo(function StubNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      {data.summary}
    </StepNodeFrame>
  );
});

/** success and fail: no way out, so no source handles (the frame leaves them out). */
export const TerminalNode = memo(function TerminalNode({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <StepNodeFrame id={id} data={data} selected={selected}>
      {data.summary}
    </StepNodeFrame>
  );
});
