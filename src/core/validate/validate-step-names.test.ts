import { describe, expect, it } from 'vitest';
import type { ParallelStep } from '../model/types';
import { codesOf, graphOf, parallel, pipelineOf, task } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe('step names', () => {
  it('are unique within a graph', () => {
    const diagnostics = validatePipeline(pipelineOf(task('train'), task('train')));
    expect(diagnostics).toEqual([like({ code: 'E_STEP_NAME_DUPLICATE', severity: 'error', step: 'train', graph: '', field: 'name' })]);
  });

  it('may repeat across branches', () => {
    const branch = graphOf(task('train'));
    expect(validatePipeline(pipelineOf(parallel('fan', { a: branch, b: branch }, 'train'), task('train')))).toEqual([]);
  });

  it.each(['load.data', 'load%data'])('may not contain . or %% (%j)', (name) => {
    expect(validatePipeline(pipelineOf(task(name)))).toContainEqual(like({ code: 'E_NAME_RESERVED_CHARACTER', severity: 'error', step: name, graph: '', field: 'name' }));
  });

  it('may contain spaces, which magnus encodes', () => {
    expect(validatePipeline(pipelineOf(task('load data')))).toEqual([]);
  });

  it('may not be empty', () => {
    expect(validatePipeline(pipelineOf(task('')))).toContainEqual(like({ code: 'E_NAME_EMPTY', severity: 'error', step: '', field: 'name' }));
  });

  it.each(['load\tdata', 'load\ndata', "load 'data'", 'load "data"', 'load\\data', ' load', 'load ', 'load\u0007'])('may not contain what breaks the container command (%j)', (name) => {
    expect(codesOf(validatePipeline(pipelineOf(task(name))))).toContain('E_NAME_UNSAFE_CHARACTER');
  });
});

describe('branch names', () => {
  const fan = (...names: string[]): ParallelStep => ({ ...parallel('fan', {}), branches: names.map((name) => ({ name, graph: graphOf(task('x')) })) });

  it('are unique within their parallel step', () => {
    expect(validatePipeline(pipelineOf(fan('a', 'a')))).toEqual([like({ code: 'E_BRANCH_NAME_DUPLICATE', severity: 'error', step: 'fan', graph: '', field: 'branches.a' })]);
    expect(validatePipeline(pipelineOf(fan('a', 'b')))).toEqual([]);
  });

  it('follow the step-name rules', () => {
    expect(validatePipeline(pipelineOf(fan('a.b')))).toContainEqual(like({ code: 'E_NAME_RESERVED_CHARACTER', step: 'fan', field: 'branches.a.b' }));
    expect(validatePipeline(pipelineOf(fan('a"b')))).toContainEqual(like({ code: 'E_NAME_UNSAFE_CHARACTER', step: 'fan', field: 'branches.a"b' }));
  });
});
