import { describe, expect, it } from 'vitest';
import { pipelineOf, stub, task } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe('Kubernetes names of the steps', () => {
  it('warn when two steps sanitise to the same name, saying what the second becomes', () => {
    expect(validatePipeline(pipelineOf(task('load data', 'load_data'), task('load_data')))).toEqual([
      like({ code: 'W_KFP_NAME_COLLISION', severity: 'warning', step: 'load_data', graph: '', field: 'name', message: expect.stringContaining('`load data` and `load_data` both become the Kubernetes name `load-data`, so `load_data` is emitted as `load-data-2`') }),
    ]);
    expect(validatePipeline(pipelineOf(task('load data', 'load_more'), task('load_more')))).toEqual([]);
  });

  it('follow the order the emitters name steps in: the next chain from start_at first', () => {
    const p = pipelineOf(task('b_step', 'b step'), stub('b step'));
    p.dag.steps.reverse();
    expect(validatePipeline(p)).toEqual([like({ code: 'W_KFP_NAME_COLLISION', step: 'b step' })]);
  });

  it('warn when a step takes the name of the pipeline template', () => {
    expect(validatePipeline(pipelineOf(task('Magnus DAG')))).toEqual([
      like({ code: 'W_KFP_NAME_PIPELINE_CLASH', severity: 'warning', step: 'Magnus DAG', field: 'name', message: expect.stringContaining('`magnus-dag-2`') }),
    ]);
  });

  it('warn when a name is longer than 63 characters', () => {
    const long = 'train the gradient boosted model on every feature we have engineered so far';
    expect(validatePipeline(pipelineOf(task(long)))).toEqual([like({ code: 'W_KFP_NAME_LONG', severity: 'warning', step: long, field: 'name' })]);
    expect(validatePipeline(pipelineOf(task('train the gradient boosted model')))).toEqual([]);
  });

  it('look only at the pipeline graph, whose steps become containers', () => {
    expect(validatePipeline(pipelineOf(task('x', 'y'), task('y')))).toEqual([]);
  });
});
