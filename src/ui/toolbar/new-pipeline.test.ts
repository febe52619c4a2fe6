import { describe, expect, it } from 'vitest';
import { emitPipeline } from '../../core/emit/index';
import { validatePipeline } from '../../core/validate/validate';
import { newPipeline } from './new-pipeline';

describe('new pipeline', () => {
  it('has one task, no error and one warning — the placeholder image — and generates for both targets', () => {
    const pipeline = newPipeline();
    expect(pipeline.dag.steps.filter((s) => s.type === 'task')).toHaveLength(1);
    expect(validatePipeline(pipeline)).toEqual([expect.objectContaining({ code: 'W_DOCKER_IMAGE_PLACEHOLDER', severity: 'warning', field: 'executor.docker_image' })]);
    for (const target of ['kfp-v2', 'kfp-v1'] as const) {
      const result = emitPipeline(pipeline, { target });
      expect(result.diagnostics).toEqual([]);
      expect(result.text).toContain('ghcr.io/your-org/your-image:latest');
    }
  });
});
