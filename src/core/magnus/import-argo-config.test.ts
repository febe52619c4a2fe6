import { describe, expect, it } from 'vitest';
import { containerSecrets, effectiveSettings } from '../model/effective';
import { findStep } from '../model/paths';
import type { Pipeline } from '../model/types';
import { loadPipeline } from '../transpile';
import { exportMagnus } from './export';
import { importMagnus } from './import';

const DAG = `dag:
  start_at: prepare
  steps:
    prepare:
      type: task
      command: m.prepare
      secrets: [AWS_KEY, DB_PASSWORD]
      next: train
    train:
      type: task
      command: m.train
      overrides:
        argo: big
      next: success
`;

const RUNNABLE_050 = `pipeline-executor:
  type: argo
  config:
    pvc_for_runnable: runnable
    secret_from_k8s: app-secrets
    custom_volumes:
      - mount_path: /data
        persistent_volume_claim: {claim_name: datasets, read_only: true}
    log_level: ERROR
    defaults:
      image: $docker_image
      imagePullPolicy: IfNotPresent
      resources:
        limits: {cpu: "2", memory: 4Gi, gpu: 1}
        requests: {memory: 2Gi}
      env:
        - {name: MODE, value: batch}
        - {name: REGION, value: eu}
      nodeSelector: {pool: cpu}
      tolerations:
        - {key: dedicated, operator: Equal, value: ml, effect: NoSchedule}
      retryStrategy:
        limit: 3
        retryPolicy: OnFailure
        backOff: {duration: 30s}
      activeDeadlineSeconds: 7200
      timeout: 3h
    overrides:
      big:
        image: trainer:2
        env:
          - {name: REGION, value: us}
        tolerations:
          - {key: gpu, operator: Exists, effect: NoSchedule}
        nodeSelector: {}
    argoWorkflow:
      metadata:
        generateName: train-
        namespace: ml
        labels: {team: forecasting}
        annotations: {owner: data-science}
      spec:
        serviceAccountName: pipelines
        parallelism: 4
        activeDeadlineSeconds: 86400
run-log-store:
  type: chunked-fs
`;

function load(config: string, dag = DAG): Pipeline {
  const result = importMagnus({ dag: { text: dag }, config: { text: config }, variables: [{ name: 'docker_image', value: 'registry/app:1' }] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.pipeline!;
}

const settingsOf = (pipeline: Pipeline, path: string) => effectiveSettings(pipeline, findStep(pipeline, path)!.step, { resolveVariables: true });

describe('runnable ≥0.23 Argo config (`defaults`, `overrides`, `argoWorkflow`)', () => {
  it('reads every container default where runnable keeps it, with runnable’s 250m / 1Gi for what it leaves out', () => {
    const pipeline = load(RUNNABLE_050);
    const s = settingsOf(pipeline, 'prepare');
    expect(s.docker_image.value).toBe('registry/app:1');
    expect(s.image_pull_policy.value).toBe('IfNotPresent');
    expect([s.cpu_limit.value, s.memory_limit.value, s.gpu_limit.value, s.cpu_request.value, s.memory_request.value]).toEqual(['2', '4Gi', '1', '250m', '2Gi']);
    expect(s.env.value).toEqual([
      { name: 'MODE', value: 'batch' },
      { name: 'REGION', value: 'eu' },
    ]);
    expect(s.node_selector.value).toEqual([{ name: 'pool', value: 'cpu' }]);
    expect(s.tolerations.value).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }]);
    expect([s.retry_limit.value, s.retry_policy.value, s.backoff_duration.value, s.backoff_factor.value, s.backoff_max_duration.value]).toEqual(['3', 'OnFailure', '30s', '2', '1h']);
    expect([s.active_deadline_seconds.value, s.timeout.value]).toEqual(['7200', '3h']);
  });

  it('applies a named override as runnable merges it: its own fields replace, pull policy and resources fall back to runnable’s, env merges by name, an empty node selector inherits', () => {
    const pipeline = load(RUNNABLE_050);
    const s = settingsOf(pipeline, 'train');
    expect(s.profiles).toEqual(['big']);
    expect(s.docker_image.value).toBe('trainer:2');
    expect(s.image_pull_policy.value).toBe('Always');
    expect([s.cpu_limit.value, s.memory_limit.value, s.cpu_request.value, s.memory_request.value, s.gpu_limit.value]).toEqual(['250m', '1Gi', '250m', '1Gi', '0']);
    expect(s.env.value).toEqual([
      { name: 'MODE', value: 'batch' },
      { name: 'REGION', value: 'us' },
    ]);
    expect(s.tolerations.value).toEqual([{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(s.node_selector.value).toEqual([{ name: 'pool', value: 'cpu' }]);
    expect(s.retry_limit.value).toBe('3');
  });

  it('reads volumes, task secrets, the workflow’s metadata, account, limits and log level', () => {
    const pipeline = load(RUNNABLE_050);
    const { executor } = pipeline;
    expect(executor.pvc_for_runnable).toBe('runnable');
    expect(executor.persistent_volumes).toEqual([{ claim: 'datasets', mountPath: '/data', readOnly: true }]);
    expect(executor.log_level).toBe('ERROR');
    expect([executor.generate_name, executor.namespace, executor.service_account, executor.workflow_parallelism, executor.workflow_active_deadline_seconds]).toEqual([
      'train-',
      'ml',
      'pipelines',
      '4',
      '86400',
    ]);
    expect(executor.labels).toEqual([{ name: 'team', value: 'forecasting' }]);
    expect(executor.annotations).toEqual([{ name: 'owner', value: 'data-science' }]);
    expect(containerSecrets(settingsOf(pipeline, 'prepare'))).toEqual([
      { env: 'AWS_KEY', ref: 'app-secrets:AWS_KEY' },
      { env: 'DB_PASSWORD', ref: 'app-secrets:DB_PASSWORD' },
    ]);
    expect(containerSecrets(settingsOf(pipeline, 'train'))).toEqual([]);
  });

  it('takes camelCase and snake_case alike, as runnable’s models do', () => {
    const snake = RUNNABLE_050.replace('imagePullPolicy', 'image_pull_policy')
      .replace('nodeSelector: {pool', 'node_selector: {pool')
      .replace('retryStrategy', 'retry_strategy')
      .replace('retryPolicy', 'retry_policy')
      .replace('backOff', 'back_off')
      .replace('activeDeadlineSeconds: 7200', 'active_deadline_seconds: 7200')
      .replace('argoWorkflow', 'argo_workflow')
      .replace('generateName', 'generate_name')
      .replace('serviceAccountName', 'service_account_name');
    expect(snake).not.toContain('argoWorkflow');
    expect(load(snake).executor).toEqual(load(RUNNABLE_050).executor);
  });

  it('keeps what has no place in the model, says where and why, and exports it back so nothing is lost', () => {
    const config = RUNNABLE_050.replace('    log_level: ERROR\n', '    log_level: ERROR\n    cron_schedule: {schedules: ["0 0 * * *"]}\n').replace(
      '        parallelism: 4\n',
      '        parallelism: 4\n        podGC: {strategy: OnPodSuccess}\n',
    );
    const result = importMagnus({ dag: { text: DAG }, config: { text: config }, variables: [{ name: 'docker_image', value: 'x' }] });
    const byCode = (code: string) => result.diagnostics.filter((d) => d.code === code);
    expect(byCode('W_ARGO_NOT_APPLIED')).toEqual([expect.objectContaining({ file: 'config', line: 10, column: 5 })]);
    expect(byCode('W_UNKNOWN_KEY')).toEqual([expect.objectContaining({ file: 'config', message: expect.stringContaining('podGc') })]);
    expect(result.pipeline!.executor.extra).toEqual({ cron_schedule: { schedules: ['0 0 * * *'] }, argoWorkflow: { spec: { podGC: { strategy: 'OnPodSuccess' } } } });
    const files = exportMagnus(result.pipeline!);
    const again = importMagnus({ dag: { text: files.dag }, config: { text: files.config } });
    expect(again.pipeline).toEqual(result.pipeline);
  });

  it('points a bad value at the line it was written on, in defaults and in an override', () => {
    const config = RUNNABLE_050.replace('operator: Equal, value: ml', 'operator: Exists, value: ml').replace('image: trainer:2', 'image: "trainer:{{2}}"');
    const result = loadPipeline({ dag: { text: DAG }, config: { text: config }, variables: [{ name: 'docker_image', value: 'x' }] });
    expect(result.diagnostics.find((d) => d.code === 'E_TOLERATION')).toMatchObject({ file: 'config', line: 21, field: 'executor.tolerations.0' });
    expect(result.diagnostics.find((d) => d.code === 'E_TEMPLATE_BRACES')).toMatchObject({ file: 'config', line: 30, field: 'profiles.big.docker_image' });
  });
});

describe('runnable 0.20–0.22 Argo config (`argoWorkflow.spec.templateDefaults`)', () => {
  const OLD = `pipeline-executor:
  type: argo
  config:
    pvc_for_runnable: runnable
    env: [{name: STAGE, value: dev}]
    overrides:
      big: {image: other:1}
    argoWorkflow:
      metadata: {generateName: argo-}
      spec:
        serviceAccountName: default-editor
        templateDefaults:
          image: old:1
`;

  it('reads the image and defaults there, the 0.22 top-level env, and says the era', () => {
    const result = importMagnus({ dag: { text: DAG }, config: { text: OLD } });
    const pipeline = result.pipeline!;
    expect(pipeline.executor.docker_image).toBe('old:1');
    expect(pipeline.executor.env).toEqual([{ name: 'STAGE', value: 'dev' }]);
    expect(result.era.summary).toContain('runnable 0.20–0.22');
  });

  it('does not apply `overrides`, which that runnable never applied, and keeps both sides as written', () => {
    const result = importMagnus({ dag: { text: DAG }, config: { text: OLD } });
    const pipeline = result.pipeline!;
    expect(result.diagnostics.find((d) => d.code === 'W_ARGO_OVERRIDES_UNUSED')).toMatchObject({ file: 'config', line: 6 });
    expect(pipeline.executor.profiles).toEqual([]);
    expect(findStep(pipeline, 'train')!.step.otherOverrides).toEqual({ argo: 'big' });
    expect(settingsOf(pipeline, 'train').docker_image.value).toBe('old:1');
  });

  it('with no run log store, runs with runnable’s file-system one, which pvc_for_runnable shares', () => {
    const result = loadPipeline({ dag: { text: DAG }, config: { text: OLD } });
    expect(result.pipeline!.services).toEqual([{ key: 'run-log-store', type: 'file-system' }]);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('E_RUN_LOG_STORE_BUFFERED');
    expect(result.diagnostics.map((d) => d.code)).not.toContain('W_SERVICE_FILE_SYSTEM');
  });
});

describe('the flat Argo config of magnus 0.5 and runnable ≤0.19', () => {
  const FLAT = `executor:
  type: argo
  config:
    image: flat:1
    name: nightly-
    labels: {team: ml}
    max_workflow_duration_in_seconds: 3600
    max_step_duration_in_seconds: 600
    node_selector: {disk: ssd}
    tolerations: [{key: spot, operator: Equal, value: "true", effect: NoSchedule}]
    parallelism: 2
    resources:
      limits: {cpu: "1"}
    retry_strategy:
      limit: 2
      retryPolicy: OnError
    service_account_name: argo-sa
    persistent_volumes:
      - {name: data, mount_path: /mnt}
    overrides:
      big: {image: big:1, parallelism: 1}
`;

  it('reads every key into its setting, with that version’s defaults and its blind spots', () => {
    const result = importMagnus({ dag: { text: DAG }, config: { text: FLAT } });
    const { executor } = result.pipeline!;
    expect(executor).toMatchObject({
      docker_image: 'flat:1',
      generate_name: 'nightly-',
      labels: [{ name: 'team', value: 'ml' }],
      workflow_active_deadline_seconds: '3600',
      active_deadline_seconds: '600',
      node_selector: [{ name: 'disk', value: 'ssd' }],
      tolerations: [{ key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
      workflow_parallelism: '2',
      cpu_limit: '1',
      memory_limit: '1Gi',
      cpu_request: '250m',
      memory_request: '1Gi',
      retry_limit: '2',
      service_account: 'argo-sa',
      persistent_volumes: [{ claim: 'data', mountPath: '/mnt' }],
    });
    // Its Retry model knew `retry_policy`, not `retryPolicy`: ignored there, reported here.
    expect(executor.retry_policy).toBeUndefined();
    expect(result.diagnostics.find((d) => d.code === 'W_UNKNOWN_KEY')).toMatchObject({ line: 16, message: expect.stringContaining('retryPolicy') });
  });

  it('translates a 0.5 override’s keys, and steps’ `overrides: {argo: …}` apply it', () => {
    const pipeline = load(FLAT);
    expect(pipeline.executor.profiles).toEqual([
      {
        name: 'big',
        entries: [
          { key: 'docker_image', value: 'big:1' },
          { key: 'parallelism', value: '1' },
        ],
      },
    ]);
    expect(settingsOf(pipeline, 'train').docker_image.value).toBe('big:1');
  });
});
