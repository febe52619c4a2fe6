import { describe, expect, it } from 'vitest';
import type { KfpConfig } from '../model/types';
import { codesOf, pipelineOf, task, withExecutor } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);
const withSettings = (fields: Partial<KfpConfig>) => validatePipeline(withExecutor(pipelineOf(task('train')), fields));

describe('pod settings', () => {
  it('accept what Kubernetes and Argo accept', () => {
    expect(
      withSettings({
        env: [{ name: 'MODE', value: 'x' }],
        node_selector: [{ name: 'cloud.google.com/gke-nodepool', value: 'gpu-pool' }],
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoExecute', tolerationSeconds: '30' }, { operator: 'Exists' }],
        active_deadline_seconds: '600',
        timeout: '1h30m',
        retry_limit: '2',
        retry_policy: 'OnError',
        backoff_duration: '90',
        backoff_factor: '2',
        backoff_max_duration: '10m',
        parallelism: '3',
      }),
    ).toEqual([]);
  });

  it.each<[string, Partial<KfpConfig>, string, string]>([
    ['an env name Kubernetes refuses', { env: [{ name: '1BAD', value: 'x' }] }, 'E_ENV_NAME', 'executor.env.1BAD'],
    ['the same env name twice', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }, 'E_NAME_DUPLICATE', 'executor.env.A'],
    ['a node selector key that is no label', { node_selector: [{ name: 'has space', value: 'x' }] }, 'E_LABEL_KEY', 'executor.node_selector.has space'],
    ['a node selector value that is no label value', { node_selector: [{ name: 'pool', value: 'a/b' }] }, 'E_LABEL_VALUE', 'executor.node_selector.pool'],
    ['a toleration with a value and Exists', { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }, 'E_TOLERATION', 'executor.tolerations.0'],
    ['a toleration without key and with Equal', { tolerations: [{ value: 'v' }] }, 'E_TOLERATION', 'executor.tolerations.0'],
    ['tolerationSeconds without NoExecute', { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: '5' }] }, 'E_TOLERATION', 'executor.tolerations.0'],
    ['a time limit that is no whole number', { active_deadline_seconds: '1h' }, 'E_DEADLINE', 'executor.active_deadline_seconds'],
    ['a timeout without unit', { timeout: '60' }, 'E_DURATION', 'executor.timeout'],
    ['a negative retry count', { retry_limit: '-1' }, 'E_RETRY_LIMIT', 'executor.retry_limit'],
    ['a retry policy Argo does not know', { retry_policy: 'always' }, 'E_RETRY_POLICY', 'executor.retry_policy'],
    ['parallelism 0', { parallelism: '0' }, 'E_PARALLELISM', 'executor.parallelism'],
    ['a service account that is no name', { service_account: 'Default_Editor' }, 'E_SERVICE_ACCOUNT', 'executor.service_account'],
    ['a namespace that is no name', { namespace: 'ml.team' }, 'E_NAMESPACE', 'executor.namespace'],
    ['a generateName with capitals', { generate_name: 'Train-' }, 'E_GENERATE_NAME', 'executor.generate_name'],
    ['a log level magnus does not take', { log_level: 'CRITICAL' }, 'E_LOG_LEVEL', 'executor.log_level'],
    ['a workflow label value that is too long', { labels: [{ name: 'team', value: 'x'.repeat(64) }] }, 'E_LABEL_VALUE', 'executor.labels.team'],
  ])('refuse %s, where it is written', (_what, fields, code, field) => {
    expect(withSettings(fields)).toEqual([like({ code, severity: 'error', field })]);
  });

  it('check a step’s own override and a profile’s the same way, where they are written', () => {
    const pipeline = withExecutor(pipelineOf(task('train', 'success', { kfp: [{ key: 'tolerations', value: [{ operator: 'Maybe' }] }] })), {
      profiles: [{ name: 'big', entries: [{ key: 'timeout', value: 'soon' }] }],
    });
    expect(validatePipeline(pipeline)).toEqual([
      like({ code: 'E_DURATION', field: 'profiles.big.timeout' }),
      like({ code: 'E_TOLERATION', step: 'train', field: 'kfp.tolerations.0' }),
    ]);
  });

  it('refuse a plain variable named like a secret variable or a parameter’s MAGNUS_PRM_, once, where it is written', () => {
    const clash = withExecutor(pipelineOf(task('train', 'evaluate'), task('evaluate')), { env: [{ name: 'TOKEN', value: 'x' }], secrets_from_k8s: [{ env: 'TOKEN', ref: 'tok:value' }] });
    expect(validatePipeline(clash)).toEqual([like({ code: 'E_ENV_CLASH', field: 'executor.env.TOKEN' })]);
    const parameter = withExecutor({ ...pipelineOf(task('train')), parameters: [{ name: 'lr', value: 0.1 }] }, { env: [{ name: 'MAGNUS_PRM_lr', value: '1' }] });
    expect(codesOf(validatePipeline(parameter))).toEqual(['E_ENV_CLASH']);
  });

  it('warn about a task that reads secrets nothing puts into its environment', () => {
    const reading = task('train', 'success', { extra: { secrets: ['AWS_KEY'] } });
    expect(codesOf(validatePipeline(pipelineOf(reading)))).toEqual(['W_TASK_SECRETS_UNSET']);
    expect(validatePipeline(withExecutor(pipelineOf(reading), { secret_from_k8s: 'app-secrets' }))).toEqual([]);
    const covered = task('train', 'success', { extra: { secrets: ['AWS_KEY'] }, kfp: [{ key: 'secrets_from_k8s', value: [{ env: 'AWS_KEY', ref: 'aws:key' }] }] });
    expect(validatePipeline(pipelineOf(covered))).toEqual([]);
  });
});
