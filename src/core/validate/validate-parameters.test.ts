import { describe, expect, it } from 'vitest';
import type { Parameter } from '../model/types';
import { pipelineOf, task, withPipeline } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);
const withParameters = (...names: string[]) => withPipeline(pipelineOf(task('train')), { parameters: names.map((name): Parameter => ({ name, value: 1 })) });

describe('parameters', () => {
  it('accept KFP/Argo parameter names', () => {
    expect(validatePipeline(withParameters('learning_rate', 'batch-size', 'epochs2'))).toEqual([]);
  });

  it.each(['learning rate', '2x', '_x', 'a.b'])('refuse %j as a name', (name) => {
    expect(validatePipeline(withParameters(name))).toEqual([like({ code: 'E_PARAMETER_NAME', severity: 'error', field: `parameters.${name}` })]);
  });

  it('reserve run_id', () => {
    expect(validatePipeline(withParameters('run_id'))).toEqual([like({ code: 'E_PARAMETER_RESERVED', severity: 'error', field: 'parameters.run_id' })]);
  });

  it('refuse duplicates', () => {
    expect(validatePipeline(withParameters('x', 'x'))).toEqual([like({ code: 'E_PARAMETER_DUPLICATE', severity: 'error', field: 'parameters.x' })]);
  });

  it('refuse names that differ only in case: magnus lower-cases them from the environment', () => {
    expect(validatePipeline(withParameters('lr', 'LR'))).toEqual([like({ code: 'E_PARAMETER_CASE_CLASH', severity: 'error', field: 'parameters.LR' })]);
  });

  it('warn about capital letters', () => {
    expect(validatePipeline(withParameters('learningRate'))).toEqual([like({ code: 'W_PARAMETER_MIXED_CASE', severity: 'warning', field: 'parameters.learningRate' })]);
  });
});
