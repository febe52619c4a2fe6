import { describe, expect, it } from 'vitest';
import type { OverrideEntry, Pipeline } from '../model/types';
import { kfpConfig, pipelineOf, task, withExecutor, withPipeline } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);
const overriding = (name: string, ...kfp: OverrideEntry[]) => task(name, 'success', { kfp });
const twoSteps = () => pipelineOf(task('prepare', 'train'), task('train'));
const profile = (name: string, ...entries: OverrideEntry[]) => ({ name, entries });

describe('the image', () => {
  it("is a warning while it is the new pipeline's placeholder, wherever it is written", () => {
    const placeholder = 'ghcr.io/your-org/your-image:latest';
    expect(validatePipeline(withExecutor(twoSteps(), { docker_image: placeholder }))).toEqual([
      like({ code: 'W_DOCKER_IMAGE_PLACEHOLDER', severity: 'warning', field: 'executor.docker_image', message: expect.stringContaining('placeholder') }),
    ]);
    expect(validatePipeline(pipelineOf(overriding('train', { key: 'docker_image', value: placeholder })))).toEqual([
      like({ code: 'W_DOCKER_IMAGE_PLACEHOLDER', step: 'train', field: 'kfp.docker_image' }),
    ]);
    expect(validatePipeline(withExecutor(twoSteps(), { docker_image: 'ghcr.io/acme/churn:1.4.0' }))).toEqual([]);
  });
});

describe('resource amounts', () => {
  it('are checked once where the executor config sets them, not on every step', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { cpu_limit: '1.5 cores' }))).toEqual([
      like({ code: 'E_QUANTITY_SYNTAX', severity: 'error', field: 'executor.cpu_limit', message: expect.stringContaining('"1.5 cores" is not a Kubernetes quantity') }),
    ]);
    expect(validatePipeline(withExecutor(twoSteps(), { cpu_limit: '1.5' }))).toEqual([]);
  });

  it('are checked in profiles, used or not', () => {
    const p = withExecutor(twoSteps(), { profiles: [profile('big', { key: 'memory_limit', value: 'abc' })] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_QUANTITY_SYNTAX', field: 'profiles.big.memory_limit' })]);
    expect(validatePipeline(withExecutor(twoSteps(), { profiles: [profile('big', { key: 'memory_limit', value: '8Gi' })] }))).toEqual([]);
  });

  it('are checked in step overrides, on the step', () => {
    expect(validatePipeline(pipelineOf(overriding('train', { key: 'cpu_limit', value: '2 cores' })))).toEqual([
      like({ code: 'E_QUANTITY_SYNTAX', severity: 'error', step: 'train', graph: '', field: 'kfp.cpu_limit' }),
    ]);
    expect(validatePipeline(pipelineOf(overriding('train', { key: 'cpu_limit', value: '2' })))).toEqual([]);
  });

  it.each([
    ['memory_limit', '512m', 'E_MEMORY_MILLI', 'error'],
    ['memory_limit', '4', 'W_MEMORY_TINY', 'warning'],
    ['cpu_limit', '-1', 'E_QUANTITY_NEGATIVE', 'error'],
    ['gpu_limit', '1.5', 'E_GPU_COUNT', 'error'],
    ['cpu_limit', '', 'E_QUANTITY_EMPTY', 'error'],
  ] as const)('%s %j → %s', (key, value, code, severity) => {
    expect(validatePipeline(withExecutor(twoSteps(), { [key]: value }))).toEqual([like({ code, severity, field: `executor.${key}` })]);
  });

  it('leave an empty request alone: it means "the limit"', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { cpu_request: '', memory_request: '' }))).toEqual([]);
  });

  it('are checked after variables are substituted', () => {
    const p = withPipeline(withExecutor(twoSteps(), { cpu_limit: '${cpu}' }), { variables: [{ name: 'cpu', value: 'two' }] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_QUANTITY_SYNTAX', field: 'executor.cpu_limit', message: expect.stringContaining('with variables substituted') })]);
    expect(validatePipeline(withPipeline(p, { variables: [{ name: 'cpu', value: '2' }] }))).toEqual([]);
  });

  it('with a variable that has no value are left to the variable rule', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { cpu_limit: '${cpu}' })).map((d) => d.code)).toEqual(['E_VARIABLE_UNDEFINED']);
  });

  it('must be single values', () => {
    expect(validatePipeline(pipelineOf(overriding('train', { key: 'cpu_limit', value: { cores: 2 } })))).toEqual([
      like({ code: 'E_SETTING_TYPE', step: 'train', field: 'kfp.cpu_limit' }),
    ]);
  });
});

describe('requests above limits', () => {
  it('are an error on the executor config when set there', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { cpu_request: '2', cpu_limit: '1' }))).toEqual([
      like({ code: 'E_REQUEST_ABOVE_LIMIT', severity: 'error', field: 'executor.cpu_request' }),
    ]);
    expect(validatePipeline(withExecutor(twoSteps(), { cpu_request: '500m', cpu_limit: '1' }))).toEqual([]);
  });

  it('compare with the default limit', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { memory_request: '2G' }))).toEqual([
      like({ code: 'E_REQUEST_ABOVE_LIMIT', field: 'executor.memory_request', message: expect.stringContaining('1G (from the default)') }),
    ]);
    expect(validatePipeline(withExecutor(twoSteps(), { memory_request: '1000M' }))).toEqual([]);
  });

  it('are an error on the step whose override causes them', () => {
    const p = withExecutor(pipelineOf(overriding('train', { key: 'cpu_request', value: '2' })), { cpu_limit: '1' });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_REQUEST_ABOVE_LIMIT', step: 'train', graph: '', field: 'kfp.cpu_request' })]);
  });

  it('point at the profile a step applies', () => {
    const p = withExecutor(pipelineOf(overriding('train', { key: 'big', value: null })), { cpu_limit: '1', profiles: [profile('big', { key: 'cpu_request', value: '4' })] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_REQUEST_ABOVE_LIMIT', step: 'train', field: 'kfp.big' })]);
  });

  it('inside one profile are reported on the profile only', () => {
    const big = profile('big', { key: 'cpu_request', value: '4' }, { key: 'cpu_limit', value: '2' });
    const applyingBig = (name: string, next: string) => task(name, next, { kfp: [{ key: 'big', value: null }] });
    const p = withExecutor(pipelineOf(applyingBig('a', 'b'), applyingBig('b', 'success')), { profiles: [big] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_REQUEST_ABOVE_LIMIT', field: 'profiles.big.cpu_request' })]);
  });

  it('compare exactly across units', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { memory_request: '1Gi', memory_limit: '1G' }))).toEqual([like({ code: 'E_REQUEST_ABOVE_LIMIT' })]);
    expect(validatePipeline(withExecutor(twoSteps(), { memory_request: '1024Mi', memory_limit: '1Gi' }))).toEqual([]);
  });
});

describe('image_pull_policy', () => {
  it('is Always, IfNotPresent or Never', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { image_pull_policy: 'always' }))).toEqual([
      like({ code: 'E_IMAGE_PULL_POLICY', severity: 'error', field: 'executor.image_pull_policy', message: expect.stringContaining('did you mean `Always`?') }),
    ]);
    expect(validatePipeline(pipelineOf(overriding('train', { key: 'image_pull_policy', value: 'Sometimes' })))).toEqual([
      like({ code: 'E_IMAGE_PULL_POLICY', step: 'train', field: 'kfp.image_pull_policy' }),
    ]);
    expect(validatePipeline(withExecutor(twoSteps(), { image_pull_policy: 'IfNotPresent' }))).toEqual([]);
  });
});

describe('docker_image', () => {
  const noImage = (p: Pipeline) => withPipeline(p, { executor: kfpConfig({ docker_image: undefined }) });

  it('is needed once, on the executor config', () => {
    expect(validatePipeline(noImage(twoSteps()))).toEqual([like({ code: 'E_DOCKER_IMAGE_MISSING', severity: 'error', field: 'executor.docker_image', message: expect.stringMatching(/^no docker image:/) })]);
  });

  it('names the steps left without one when others have their own', () => {
    const p = noImage(pipelineOf(task('prepare', 'train', { kfp: [{ key: 'docker_image', value: 'img:1' }] }), task('train')));
    expect(validatePipeline(p)).toEqual([like({ code: 'E_DOCKER_IMAGE_MISSING', message: expect.stringContaining('`train`, `success`, `fail`') })]);
  });

  it('is not needed globally when every step has its own', () => {
    const image = [{ key: 'docker_image', value: 'img:1' }];
    const p = noImage(pipelineOf(task('train', 'success', { kfp: image }), { name: 'success', type: 'success', kfp: image }, { name: 'fail', type: 'fail', kfp: image }));
    expect(validatePipeline(p)).toEqual([]);
  });

  it('is one word', () => {
    expect(validatePipeline(withExecutor(twoSteps(), { docker_image: 'my image:1' }))).toEqual([like({ code: 'E_DOCKER_IMAGE_SPACE', field: 'executor.docker_image' })]);
  });
});

describe('secrets_from_k8s', () => {
  const secrets = (env: string, ref: string) => withExecutor(twoSteps(), { secrets_from_k8s: [{ env, ref }] });

  it('accepts ENV_VAR: secret-name:key', () => {
    expect(validatePipeline(secrets('AWS_ACCESS_KEY_ID', 'aws-credentials:access_key'))).toEqual([]);
  });

  it.each([
    ['AWS KEY', 'aws:key', 'E_SECRET_ENV_NAME', 'error'],
    ['aws.key', 'aws:key', 'W_SECRET_ENV_NAME', 'warning'],
    ['KEY', 'aws-credentials', 'E_SECRET_REF_FORMAT', 'error'],
    ['KEY', 'a:b:c', 'E_SECRET_REF_FORMAT', 'error'],
    ['KEY', 'AWS_Credentials:key', 'E_SECRET_NAME', 'error'],
    ['KEY', 'aws:a/b', 'E_SECRET_KEY', 'error'],
  ] as const)('%j = %j → %s', (env, ref, code, severity) => {
    expect(validatePipeline(secrets(env, ref))).toEqual([like({ code, severity, field: `executor.secrets_from_k8s.${env}` })]);
  });

  it('refuses the same variable twice in one list', () => {
    const p = withExecutor(twoSteps(), { secrets_from_k8s: [{ env: 'KEY', ref: 'a:k' }, { env: 'KEY', ref: 'b:k' }] });
    expect(validatePipeline(p)).toEqual([like({ code: 'E_SECRET_DUPLICATE_ENV', severity: 'error', field: 'executor.secrets_from_k8s.KEY' })]);
  });

  it('are checked in step overrides, on the step', () => {
    const p = pipelineOf(overriding('train', { key: 'secrets_from_k8s', value: [{ env: 'KEY', ref: 'no-colon' }] }));
    expect(validatePipeline(p)).toEqual([like({ code: 'E_SECRET_REF_FORMAT', step: 'train', field: 'kfp.secrets_from_k8s.KEY' })]);
  });
});
