import { describe, expect, it } from 'vitest';
import { generateNestedPipeline } from '../../../bench/generate';
import { walkSteps } from '../model/paths';
import { pipelineSteps, withPipelineSteps } from './visits';

describe("a validation's walk of the steps", () => {
  it('is walked once for the rules of one validation, and never outlives it', () => {
    const pipeline = generateNestedPipeline(30);
    const other = generateNestedPipeline(8);
    const seen = withPipelineSteps(pipeline, () => {
      const first = pipelineSteps(pipeline);
      expect(pipelineSteps(pipeline)).toBe(first);
      // Another pipeline validated inside (none is today) gets its own steps.
      expect(pipelineSteps(other)).toEqual([...walkSteps(other.dag)]);
      return first;
    });
    expect(seen).toEqual([...walkSteps(pipeline.dag)]);
    expect(pipelineSteps(pipeline)).not.toBe(seen);
  });
});
