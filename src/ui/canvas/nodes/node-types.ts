import type { NodeTypes } from '@xyflow/react';
import type { StepType } from '../../../core/model/types';
import { DagNode, MapNode, ParallelNode } from './CompositeNodes';
import { LaneNode } from './LaneNode';
import { StubNode, TaskNode, TerminalNode } from './SimpleNodes';

/** One constant object: React Flow remounts every node if this changes between renders. */
export const NODE_TYPES = {
  task: TaskNode,
  stub: StubNode,
  success: TerminalNode,
  fail: TerminalNode,
  parallel: ParallelNode,
  map: MapNode,
  dag: DagNode,
  lane: LaneNode,
} satisfies Record<StepType | 'lane', NodeTypes[string]>;
