import { describe, expect, it } from 'vitest';
import { dag, graphOf, map, parallel, pipelineOf, stub, task, withPipeline } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe('tasks', () => {
  it('need a command', () => {
    expect(validatePipeline(pipelineOf(task('train', 'success', { command: ' ' })))).toEqual([
      like({ code: 'E_COMMAND_MISSING', severity: 'error', step: 'train', graph: '', field: 'command' }),
    ]);
  });

  it.each(['python', 'python-lambda', 'shell', 'notebook', 'python-function', 'container'])('accept command_type %s', (commandType) => {
    const command = { python: 'pkg.fn', 'python-lambda': 'lambda x: x', shell: 'echo hi', notebook: 'nb.ipynb', 'python-function': 'pkg.fn', container: 'run' }[commandType];
    expect(validatePipeline(pipelineOf(task('train', 'success', { command_type: commandType, command })))).toEqual([]);
  });

  it('refuse any other command_type, suggesting a near miss', () => {
    expect(validatePipeline(pipelineOf(task('train', 'success', { command_type: 'Python' })))).toEqual([
      like({ code: 'E_COMMAND_TYPE_UNKNOWN', severity: 'error', step: 'train', field: 'command_type', message: expect.stringContaining('did you mean `python`?') }),
    ]);
  });

  it('warn about a python command without a dot', () => {
    expect(validatePipeline(pipelineOf(task('train', 'success', { command: 'main' })))).toEqual([
      like({ code: 'W_PYTHON_COMMAND_NO_DOT', severity: 'warning', step: 'train', field: 'command' }),
    ]);
  });

  it('warn about a lambda with an underscore', () => {
    const lambda = (command: string) => pipelineOf(task('double', 'success', { command_type: 'python-lambda', command }));
    expect(validatePipeline(lambda('lambda my_x: my_x * 2'))).toEqual([like({ code: 'W_LAMBDA_UNDERSCORE', severity: 'warning', step: 'double', field: 'command' })]);
    expect(validatePipeline(lambda('lambda x: x * 2'))).toEqual([]);
  });

  it('warn about a notebook that is not an .ipynb', () => {
    const notebook = (command: string) => pipelineOf(task('explore', 'success', { command_type: 'notebook', command }));
    expect(validatePipeline(notebook('explore.py'))).toEqual([like({ code: 'W_NOTEBOOK_EXTENSION', severity: 'warning', step: 'explore', field: 'command' })]);
    expect(validatePipeline(notebook('notebooks/explore.ipynb'))).toEqual([]);
  });
});

describe('max_attempts', () => {
  it.each([0, -1, 1.5])('must be a whole number of at least 1, not %d', (attempts) => {
    expect(validatePipeline(pipelineOf(task('train', 'success', { max_attempts: attempts })))).toEqual([
      like({ code: 'E_MAX_ATTEMPTS', severity: 'error', step: 'train', field: 'max_attempts' }),
    ]);
  });

  it('applies to stubs too', () => {
    expect(validatePipeline(pipelineOf(stub('wait', 'success', { max_attempts: 0 })))).toEqual([like({ code: 'E_MAX_ATTEMPTS', step: 'wait' })]);
    expect(validatePipeline(pipelineOf(stub('wait', 'success', { max_attempts: 3 })))).toEqual([]);
  });
});

describe('parallel', () => {
  it('needs at least one branch', () => {
    expect(validatePipeline(pipelineOf(parallel('fan', {})))).toEqual([like({ code: 'E_PARALLEL_NO_BRANCHES', severity: 'error', step: 'fan', field: 'branches' })]);
    expect(validatePipeline(pipelineOf(parallel('fan', { only: graphOf(task('x')) })))).toEqual([]);
  });
});

describe('map', () => {
  const withItems = (p: ReturnType<typeof pipelineOf>) => withPipeline(p, { parameters: [{ name: 'items', value: ['a', 'b'] }] });

  it('needs iterate_on and iterate_as', () => {
    const diagnostics = validatePipeline(pipelineOf(map('each', graphOf(task('x')), 'success', { iterate_on: undefined, iterate_as: '' })));
    expect(diagnostics).toEqual([
      like({ code: 'E_MAP_ITERATE_ON_MISSING', severity: 'error', step: 'each', field: 'iterate_on' }),
      like({ code: 'E_MAP_ITERATE_AS_MISSING', severity: 'error', step: 'each', field: 'iterate_as' }),
    ]);
  });

  it.each(['my item', '_item', 'item-1', '1item'])('needs iterate_as to be an identifier (%j)', (iterateAs) => {
    expect(validatePipeline(withItems(pipelineOf(map('each', graphOf(task('x')), 'success', { iterate_as: iterateAs }))))).toEqual([
      like({ code: 'E_MAP_ITERATE_AS_NAME', severity: 'error', step: 'each', field: 'iterate_as' }),
    ]);
  });

  it('notes that iterate_on must be set at run time when it is not an initial parameter', () => {
    const p = pipelineOf(map('each', graphOf(task('x'))));
    expect(validatePipeline(p)).toEqual([like({ code: 'I_MAP_ITERATE_ON_RUNTIME', severity: 'info', step: 'each', field: 'iterate_on' })]);
    expect(validatePipeline(withItems(p))).toEqual([]);
  });
});

describe('dag', () => {
  it('needs a dag_definition', () => {
    expect(validatePipeline(pipelineOf(dag('nested', graphOf(task('x')), 'success', { dag_definition: '' })))).toEqual([
      like({ code: 'E_DAG_DEFINITION_MISSING', severity: 'error', step: 'nested', field: 'dag_definition' }),
    ]);
  });

  it('warns when the definition does not end in .yaml', () => {
    expect(validatePipeline(pipelineOf(dag('nested', graphOf(task('x')), 'success', { dag_definition: 'nested.yml' })))).toEqual([
      like({ code: 'W_DAG_DEFINITION_EXTENSION', severity: 'warning', step: 'nested', field: 'dag_definition' }),
    ]);
  });

  it('leaves a definition whose file was not supplied to the importer, which reports it', () => {
    expect(validatePipeline(pipelineOf(dag('nested', undefined)))).toEqual([]);
  });
});

describe('nested maps', () => {
  it('refuse an inner map reusing the enclosing map’s iterate_as', async () => {
    const { importMagnus } = await import('../magnus/import');
    const text = (inner: string) =>
      `dag:\n  start_at: o\n  steps:\n    o:\n      type: map\n      iterate_on: xs\n      iterate_as: item\n      next: success\n      branch:\n        start_at: i\n        steps:\n          i:\n            type: map\n            iterate_on: ys\n            iterate_as: ${inner}\n            next: success\n            branch:\n              start_at: t\n              steps:\n                t: {type: stub, next: success}\n                success: {type: success}\n                fail: {type: fail}\n          success: {type: success}\n          fail: {type: fail}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const shadowed = validatePipeline(importMagnus({ dag: { text: text('item') } }).pipeline!);
    expect(shadowed.find((d) => d.code === 'E_MAP_ITERATE_AS_SHADOWED')).toMatchObject({ step: 'o.map_variable_placeholder.i', field: 'iterate_as' });
    expect(validatePipeline(importMagnus({ dag: { text: text('other') } }).pipeline!).map((d) => d.code)).not.toContain('E_MAP_ITERATE_AS_SHADOWED');
  });
});
