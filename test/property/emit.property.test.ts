import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkArgoWorkflowYaml } from '../../src/core/check/argo';
import { checkKfpV2Yaml } from '../../src/core/check/kfp-v2';
import { EMIT_TARGETS, emitPipeline } from '../../src/core/emit/index';
import { exportMagnus } from '../../src/core/magnus/export';
import { importMagnus } from '../../src/core/magnus/import';
import { validatePipeline } from '../../src/core/validate/validate';
import { compositePipeline } from '../oracle/arbitraries';
import { validPipeline } from './arbitraries';

describe('property: valid models', () => {
  it('are valid (the generator makes what it says)', () => {
    fc.assert(
      fc.property(validPipeline, (p) => {
        expect(validatePipeline(p).filter((d) => d.severity === 'error')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it.each(EMIT_TARGETS)('always emit %s documents that pass the strict checker, without diagnostics but for what the target cannot express', (target) => {
    fc.assert(
      fc.property(validPipeline, (pipeline) => {
        const result = emitPipeline(pipeline, { target });
        expect(result.diagnostics.filter((d) => !/^[WI]_TARGET_/.test(d.code))).toEqual([]);
        const check = target === 'kfp-v2' ? checkKfpV2Yaml(result.text) : checkArgoWorkflowYaml(result.text);
        expect(check.problems).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it.each(EMIT_TARGETS)('with parallel, map, nested dag and on_failure at any depth, always emit %s documents that pass the strict checker', (target) => {
    fc.assert(
      fc.property(compositePipeline({ nextToFail: true }), (pipeline) => {
        const result = emitPipeline(pipeline, { target });
        expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        const check = target === 'kfp-v2' ? checkKfpV2Yaml(result.text) : checkArgoWorkflowYaml(result.text);
        expect(check.problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('never put a secret anywhere but in a secretKeyRef / secretAsEnv reference', () => {
    fc.assert(
      fc.property(validPipeline, (pipeline) => {
        const v1 = emitPipeline(pipeline, { target: 'kfp-v1' }).text;
        const env = [...v1.matchAll(/- name: (\S+)\n\s+value(From)?:/g)];
        const secretEnvs = new Set((pipeline.executor.secrets_from_k8s ?? []).map((s) => s.env));
        for (const [, name, from] of env) if (secretEnvs.has(name) && !name.startsWith('MAGNUS_PRM_')) expect(from).toBe('From');
      }),
      { numRuns: 60 },
    );
  });

  it('round-trip through the magnus files: import(export(model)) equals the model', () => {
    fc.assert(
      fc.property(validPipeline, (pipeline) => {
        const files = exportMagnus(pipeline);
        const again = importMagnus({ dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}) });
        expect(again.pipeline).toEqual(pipeline);
      }),
      { numRuns: 100 },
    );
  });
});

describe('property: the importer never throws', () => {
  const neverThrows = (input: Parameters<typeof importMagnus>[0]) => {
    const result = importMagnus(input);
    expect(Array.isArray(result.diagnostics)).toBe(true);
    if (!result.pipeline) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  };

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => neverThrows({ dag: { text }, config: { text }, parameters: { text } })), { numRuns: 500 });
  });

  it('on arbitrary YAML', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => neverThrows({ dag: { text: stringify(value) }, config: { text: stringify(value) } })), { numRuns: 500 });
  });

  it('on arbitrary magnus-shaped YAML (right keys, wrong values)', () => {
    const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('task', 'stub', 'parallel', 'map', 'dag', 'success', 'fail', 'a', 'success'));
    const stepShape = fc.dictionary(fc.constantFrom('type', 'next', 'on_failure', 'command', 'command_type', 'retry', 'max_attempts', 'catalog', 'branches', 'branch', 'iterate_on', 'iterate_as', 'dag_definition', 'executor_config', 'mode_config', 'overrides'), anyValue);
    const dagShape = fc.record({ dag: fc.record({ start_at: anyValue, steps: fc.dictionary(fc.constantFrom('a', 'b', 'success', 'fail'), stepShape) }, { requiredKeys: [] }) });
    const configShape = fc.dictionary(fc.constantFrom('executor', 'mode', 'run_log_store'), fc.record({ type: anyValue, config: fc.dictionary(fc.constantFrom('docker_image', 'cpu_limit', 'secrets_from_k8s', 'persistent_volumes', 'placeholders', 'enable_caching'), anyValue) }, { requiredKeys: [] }));
    fc.assert(
      fc.property(dagShape, configShape, (dag, config) => {
        neverThrows({ dag: { text: stringify(dag) }, config: { text: stringify(config) } });
        const imported = importMagnus({ dag: { text: stringify(dag) }, config: { text: stringify(config) } });
        if (imported.pipeline) {
          expect(() => validatePipeline(imported.pipeline!)).not.toThrow();
          for (const target of EMIT_TARGETS) expect(() => emitPipeline(imported.pipeline!, { target })).not.toThrow();
        }
      }),
      { numRuns: 400 },
    );
  });
});
