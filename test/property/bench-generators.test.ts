import { describe, expect, it } from 'vitest';
import { generateNestedPipeline, generateOnFailurePipeline, generatePipeline } from '../../bench/generate';
import { checkArgoWorkflowYaml } from '../../src/core/check/argo';
import { checkKfpV2Yaml } from '../../src/core/check/kfp-v2';
import { EMIT_TARGETS, emitPipeline } from '../../src/core/emit/index';
import { validatePipeline } from '../../src/core/validate/validate';

describe('the benchmark measures valid pipelines', () => {
  it.each([
    ['straight', generatePipeline(120)],
    ['nested', generateNestedPipeline(120)],
    ['with on_failure', generateOnFailurePipeline(120)],
  ] as const)('%s: no validation error, every target emits strictly valid YAML', (_, pipeline) => {
    expect(validatePipeline(pipeline).filter((d) => d.severity === 'error')).toEqual([]);
    for (const target of EMIT_TARGETS) {
      const result = emitPipeline(pipeline, { target });
      expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect((target === 'kfp-v2' ? checkKfpV2Yaml : checkArgoWorkflowYaml)(result.text).problems).toEqual([]);
    }
  });
});
