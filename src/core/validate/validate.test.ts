import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph, Pipeline, Step } from '../model/types';
import { pipelineOf, pipelineWith, task } from './test-pipelines';
import { validatePipeline } from './validate';

const names = fc.constantFrom('a', 'b', 'c', 'success', 'fail', 'A b', 'a.b', '', 'x%y', '${v}');
const text = fc.oneof(fc.constantFrom('1', '500m', '2Gi', 'abc', '', '${v}', 'Always', 'x:y', 'a:b:c'), fc.string());

const stepArbitrary: fc.Arbitrary<Step> = fc.letrec<{ step: Step; graph: Graph }>((tie) => ({
  graph: fc.record({ start_at: fc.option(names, { nil: undefined }), steps: fc.array(tie('step'), { maxLength: 5 }) }),
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      name: names,
      type: fc.constant('task' as const),
      command: fc.option(text, { nil: undefined }),
      command_type: fc.option(fc.constantFrom('python', 'shell', 'notebook', 'python-lambda', 'bash'), { nil: undefined }),
      next: fc.option(names, { nil: undefined }),
      on_failure: fc.option(names, { nil: undefined }),
      max_attempts: fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }),
      kfp: fc.option(fc.array(fc.record({ key: fc.constantFrom('cpu_limit', 'memory_request', 'big', 'enable_caching', 'secrets_from_k8s'), value: fc.oneof(text, fc.constant(null)) }), { maxLength: 3 }), { nil: undefined }),
    }),
    fc.record({ name: names, type: fc.constantFrom('success' as const, 'fail' as const) }),
    fc.record({ name: names, type: fc.constant('parallel' as const), next: names, branches: fc.array(fc.record({ name: names, graph: tie('graph') as fc.Arbitrary<Graph> }), { maxLength: 2 }) }),
    fc.record({ name: names, type: fc.constant('map' as const), next: names, iterate_on: names, iterate_as: names, branch: tie('graph') as fc.Arbitrary<Graph> }),
    fc.record({ name: names, type: fc.constant('dag' as const), next: names, dag_definition: fc.option(text, { nil: undefined }), graph: fc.option(tie('graph') as fc.Arbitrary<Graph>, { nil: undefined }) }),
  ) as fc.Arbitrary<Step>,
})).step;

const pipelineArbitrary: fc.Arbitrary<Pipeline> = fc
  .record({
    steps: fc.array(stepArbitrary, { maxLength: 6 }),
    start: fc.option(names, { nil: undefined }),
    cpu: fc.option(text, { nil: undefined }),
    memoryRequest: fc.option(text, { nil: undefined }),
    secretRef: text,
    variables: fc.array(fc.record({ name: names, value: text }), { maxLength: 2 }),
    parameters: fc.array(fc.record({ name: names, value: fc.jsonValue() as fc.Arbitrary<never> }), { maxLength: 3 }),
  })
  .map(({ steps, start, cpu, memoryRequest, secretRef, variables, parameters }) => {
    const base = pipelineWith({ start_at: start, steps });
    return {
      ...base,
      executor: { ...base.executor, cpu_limit: cpu, memory_request: memoryRequest, secrets_from_k8s: [{ env: 'KEY', ref: secretRef }], profiles: [{ name: 'big', entries: [{ key: 'cpu_limit', value: cpu ?? null }] }] },
      variables,
      parameters,
    };
  });

describe('validatePipeline', () => {
  it('finds nothing wrong with a pipeline that runs', () => {
    expect(validatePipeline(pipelineOf(task('prepare', 'train'), task('train')))).toEqual([]);
  });

  it('never throws, never trips over its own rules, and gives codes that match their severity', () => {
    fc.assert(
      fc.property(pipelineArbitrary, (pipeline) => {
        const diagnostics = validatePipeline(pipeline);
        expect(diagnostics.filter((d) => d.code === 'E_VALIDATE_INTERNAL')).toEqual([]);
        for (const d of diagnostics) expect(d.code[0]).toBe({ error: 'E', warning: 'W', info: 'I' }[d.severity]);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and leaves the pipeline as it was', () => {
    fc.assert(
      fc.property(pipelineArbitrary, (pipeline) => {
        const before = structuredClone(pipeline);
        const first = validatePipeline(pipeline);
        expect(validatePipeline(pipeline)).toEqual(first);
        expect(pipeline).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('reports a rule that fails on a malformed model instead of throwing', () => {
    const broken = { ...pipelineOf(task('train')), executor: undefined } as unknown as Pipeline;
    const diagnostics = validatePipeline(broken);
    expect(diagnostics.some((d) => d.code === 'E_VALIDATE_INTERNAL')).toBe(true);
    expect(() => validatePipeline({} as Pipeline)).not.toThrow();
  });
});
