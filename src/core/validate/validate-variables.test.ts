import { describe, expect, it } from 'vitest';
import { parallel, graphOf, pipelineOf, task, withExecutor, withPipeline } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe('variables used by emitted values', () => {
  it('need a value', () => {
    const p = withExecutor(pipelineOf(task('train')), { docker_image: 'registry/${image}:$tag' });
    expect(validatePipeline(p)).toEqual([
      like({ code: 'E_VARIABLE_UNDEFINED', severity: 'error', field: 'executor.docker_image', message: expect.stringContaining('`image`') }),
      like({ code: 'E_VARIABLE_UNDEFINED', severity: 'error', field: 'executor.docker_image', message: expect.stringContaining('`tag`') }),
    ]);
    const defined = withPipeline(p, { variables: [{ name: 'image', value: 'train' }, { name: 'tag', value: '1' }] });
    expect(validatePipeline(defined)).toEqual([]);
  });

  it('are looked for in profiles, step overrides, secrets and volumes', () => {
    const p = withExecutor(pipelineOf(task('train', 'success', { kfp: [{ key: 'memory_limit', value: '${memory}' }] })), {
      profiles: [{ name: 'big', entries: [{ key: 'cpu_limit', value: '$cpus' }] }],
      secrets_from_k8s: [{ env: 'KEY', ref: '${secret}:key' }],
      persistent_volumes: [{ claim: 'data', mountPath: '${mount}' }],
    });
    expect(validatePipeline(p).map((d) => [d.code, d.step, d.field])).toEqual([
      ['E_VARIABLE_UNDEFINED', undefined, 'executor.secrets_from_k8s.KEY'],
      ['E_VARIABLE_UNDEFINED', undefined, 'profiles.big.cpu_limit'],
      ['E_VARIABLE_UNDEFINED', 'train', 'kfp.memory_limit'],
      ['E_VARIABLE_UNDEFINED', undefined, 'executor.persistent_volumes.data'],
    ]);
  });

  it('do not include $$, which is a literal $', () => {
    expect(validatePipeline(withExecutor(pipelineOf(task('train')), { docker_image: 'registry/image:$$1' }))).toEqual([]);
  });

  it('leave commands alone: they run in the container, where $HOME is the shell', () => {
    expect(validatePipeline(pipelineOf(task('train', 'success', { command_type: 'shell', command: 'echo $HOME' })))).toEqual([]);
  });
});

describe('variable declarations', () => {
  it('need identifier names', () => {
    const p = withPipeline(pipelineOf(task('train')), { variables: [{ name: 'docker-image', value: 'x' }] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_VARIABLE_NAME', severity: 'error', field: 'variables.docker-image', message: expect.stringContaining('docker_image') })]);
  });

  it('may not repeat', () => {
    const p = withPipeline(pipelineOf(task('train')), { variables: [{ name: 'image', value: 'a' }, { name: 'image', value: 'b' }] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_VARIABLE_DUPLICATE', severity: 'error', field: 'variables.image' })]);
  });
});

describe('variables in step names', () => {
  it('are a warning: the containers do not substitute them', () => {
    expect(validatePipeline(pipelineOf(task('train ${model}')))).toEqual([
      like({ code: 'W_VARIABLE_IN_STEP_NAME', severity: 'warning', step: 'train ${model}', graph: '', field: 'name' }),
    ]);
    expect(validatePipeline(pipelineOf(task('train model')))).toEqual([]);
  });

  it('include branch names', () => {
    expect(validatePipeline(pipelineOf(parallel('fan', { $region: graphOf(task('x')) })))).toEqual([
      like({ code: 'W_VARIABLE_IN_STEP_NAME', step: 'fan', field: 'branches.$region' }),
    ]);
  });
});
