import type { EdgeTypes } from '@xyflow/react';
import { FailureStubEdge } from './FailureStubEdge';
import { LabelledEdge } from './LabelledEdge';

/** One constant object: React Flow remounts every edge if this changes between renders. */
export const EDGE_TYPES = { failureStub: FailureStubEdge, labelled: LabelledEdge } satisfies EdgeTypes;
