import { describe, expect, it } from 'vitest';
import { codesOf, dag, fail, graphOf, map, parallel, pipelineOf, pipelineWith, rawGraph, stub, success, task } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe('start_at', () => {
  it('must be given', () => {
    const bad = pipelineWith(rawGraph(undefined, [task('train'), success(), fail()]));
    expect(validatePipeline(bad)).toEqual([like({ code: 'E_START_AT_MISSING', severity: 'error', graph: '', field: 'start_at' })]);
    expect(validatePipeline(pipelineWith(rawGraph('train', [task('train'), success(), fail()])))).toEqual([]);
  });

  it('must name a step of its own graph', () => {
    const bad = pipelineWith(rawGraph('Train', [task('train'), success(), fail()]));
    expect(validatePipeline(bad)).toEqual([like({ code: 'E_START_AT_UNKNOWN', severity: 'error', graph: '', field: 'start_at', message: expect.stringContaining('did you mean `train`?') })]);
  });

  it('is checked in every branch', () => {
    const branch = rawGraph('missing', [task('inner'), success(), fail()]);
    const diagnostics = validatePipeline(pipelineOf(parallel('fan', { left: branch })));
    expect(diagnostics).toContainEqual(like({ code: 'E_START_AT_UNKNOWN', graph: 'fan.left', field: 'start_at' }));
  });
});

describe('next', () => {
  it('is required on every step that is not success or fail', () => {
    const diagnostics = validatePipeline(pipelineOf(task('train', '')));
    expect(diagnostics).toContainEqual(like({ code: 'E_NEXT_MISSING', severity: 'error', step: 'train', graph: '', field: 'next' }));
    expect(codesOf(validatePipeline(pipelineOf(task('train', 'success'))))).not.toContain('E_NEXT_MISSING');
  });

  it('is required on stubs and composites too', () => {
    const diagnostics = validatePipeline(pipelineOf(stub('wait', ''), parallel('fan', { only: graphOf(task('x')) }, '')));
    expect(diagnostics.filter((d) => d.code === 'E_NEXT_MISSING').map((d) => d.step)).toEqual(['wait', 'fan']);
  });
});

describe('next and on_failure targets', () => {
  it('must name a step of the same graph', () => {
    expect(validatePipeline(pipelineOf(task('train', 'evaluate')))).toContainEqual(
      like({ code: 'E_TARGET_MISSING', severity: 'error', step: 'train', graph: '', field: 'next', message: expect.stringContaining('`evaluate`') }),
    );
    expect(validatePipeline(pipelineOf(task('train', 'success', { on_failure: 'cleanup' })))).toEqual([
      like({ code: 'E_TARGET_MISSING', severity: 'error', step: 'train', graph: '', field: 'on_failure' }),
    ]);
    expect(validatePipeline(pipelineOf(task('train', 'success', { on_failure: 'cleanup' }), stub('cleanup', 'fail')))).toEqual([]);
  });

  it('suggests a step whose name differs only in case or spacing', () => {
    const [diagnostic] = validatePipeline(pipelineOf(task('train', 'Success')));
    expect(diagnostic.message).toContain('did you mean `success`?');
  });

  it('says so when the target is a step of a parent graph', () => {
    const branch = graphOf(task('inner', 'evaluate'));
    const bad = pipelineOf(parallel('fan', { left: branch }, 'evaluate'), task('evaluate'));
    expect(validatePipeline(bad)).toEqual([
      like({ code: 'E_TARGET_IN_PARENT_GRAPH', severity: 'error', step: 'fan.left.inner', graph: 'fan.left', field: 'next', message: expect.stringContaining('the pipeline') }),
    ]);
    const good = pipelineOf(parallel('fan', { left: graphOf(task('inner')) }, 'evaluate'), task('evaluate'));
    expect(validatePipeline(good)).toEqual([]);
  });
});

describe('cycles', () => {
  it('are reported once, in order, on the step whose edge closes them', () => {
    const diagnostics = validatePipeline(pipelineOf(task('a', 'b'), task('b', 'c'), task('c', 'a')));
    expect(diagnostics).toEqual([
      like({ code: 'E_CYCLE', severity: 'error', step: 'c', graph: '', field: 'next', message: expect.stringContaining('`a` → `b` → `c` → `a`') }),
    ]);
    expect(validatePipeline(pipelineOf(task('a', 'b'), task('b', 'c'), task('c')))).toEqual([]);
  });

  it('run through on_failure as well', () => {
    const diagnostics = validatePipeline(pipelineOf(task('a', 'b'), task('b', 'success', { on_failure: 'a' })));
    expect(diagnostics).toEqual([like({ code: 'E_CYCLE', step: 'b', field: 'on_failure' })]);
  });

  it('include a step pointing at itself', () => {
    expect(validatePipeline(pipelineOf(task('a', 'a')))).toEqual([like({ code: 'E_CYCLE', step: 'a', field: 'next', message: expect.stringContaining('`a` → `a`') })]);
  });

  it('are reported each once when there are several', () => {
    const diagnostics = validatePipeline(pipelineOf(task('a', 'b', { on_failure: 'a' }), task('b', 'a')));
    expect(diagnostics.map((d) => [d.code, d.step, d.field])).toEqual([
      ['E_CYCLE', 'b', 'next'],
      ['E_CYCLE', 'a', 'on_failure'],
    ]);
  });

  it('are not looked for while a target is missing, as in magnus', () => {
    expect(codesOf(validatePipeline(pipelineOf(task('a', 'b'), task('b', 'a', { on_failure: 'nowhere' }))))).toEqual(['E_TARGET_MISSING']);
  });
});

describe('success and fail steps', () => {
  it('each graph needs a success step', () => {
    const bad = pipelineWith(rawGraph('train', [task('train', 'fail'), fail()]));
    expect(validatePipeline(bad)).toEqual([like({ code: 'E_SUCCESS_STEP_MISSING', severity: 'error', graph: '' })]);
  });

  it('each graph needs a fail step', () => {
    const bad = pipelineWith(rawGraph('train', [task('train'), success()]));
    expect(validatePipeline(bad)).toEqual([like({ code: 'E_FAIL_STEP_MISSING', severity: 'error', graph: '' })]);
  });

  it('only one of each', () => {
    const bad = pipelineOf(task('train', 'done'), success('done'), success(), fail(), fail('failed'));
    expect(validatePipeline(bad)).toEqual([
      like({ code: 'E_SUCCESS_STEP_DUPLICATE', severity: 'error', step: 'success', graph: '', field: 'type' }),
      like({ code: 'E_FAIL_STEP_DUPLICATE', severity: 'error', step: 'failed', graph: '', field: 'type' }),
    ]);
  });

  it('in branches, map branches and nested dags too', () => {
    const noFail = rawGraph('x', [task('x'), success()]);
    const diagnostics = validatePipeline(pipelineOf(parallel('fan', { left: noFail }, 'each'), map('each', noFail, 'nested'), dag('nested', noFail)));
    expect(diagnostics.filter((d) => d.code === 'E_FAIL_STEP_MISSING').map((d) => d.graph)).toEqual(['fan.left', 'each.map_variable_placeholder', 'nested.dag']);
  });
});

describe('unreachable steps', () => {
  it('are a warning: legal, but they never run', () => {
    const diagnostics = validatePipeline(pipelineOf(task('train'), task('orphan')));
    expect(diagnostics).toEqual([like({ code: 'W_STEP_UNREACHABLE', severity: 'warning', step: 'orphan', graph: '' })]);
  });

  it('count on_failure as a way in, and leave terminal steps alone', () => {
    expect(validatePipeline(pipelineOf(task('train', 'success', { on_failure: 'notify' }), stub('notify', 'fail')))).toEqual([]);
  });
});
