import { describe, expect, it } from 'vitest';
import { emitPipeline } from '../../core/emit/index';
import { validatePipeline } from '../../core/validate/validate';
import { newPipeline } from './new-pipeline';

describe('new pipeline', () => {
  it('has one task and no problems, and generates for both targets', () => {
    const pipeline = newPipeline();
    expect(pipeline.dag.steps.filter((s) => s.type === 'task')).toHaveLength(1);
    expect(validatePipeline(pipeline)).toEqual([]);
    for (const target of ['kfp-v2', 'kfp-v1'] as const) {
      const result = emitPipeline(pipeline, { target });
      expect(result.diagnostics).toEqual([]);
      expect(result.text).toContain('ghcr.io/your-org/your-image:latest');
    }
  });
});
