import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkArgoWorkflowYaml } from '../check/argo';
import { checkKfpV2Yaml } from '../check/kfp-v2';
import { transpile } from '../transpile';
import type { EmitTarget } from './index';
import { backoffWaits, durationSeconds } from './kfp-v2-container';

/** Every pod and workflow setting the model has, written once in the designer's kfp dialect. */
const CONFIG = `executor:
  type: kfp
  config:
    docker_image: app:1
    env: {MODE: batch}
    node_selector: {pool: cpu}
    tolerations:
      - {key: dedicated, operator: Equal, value: ml, effect: NoExecute, tolerationSeconds: "60"}
    active_deadline_seconds: "7200"
    timeout: 3h
    retry_limit: "2"
    retry_policy: OnFailure
    backoff_duration: 2m
    backoff_factor: "3"
    backoff_max_duration: 1h
    persistent_volumes:
      - {name: datasets, mount_path: /data, read_only: true}
    pvc_for_runnable: runnable
    generate_name: train-
    namespace: ml
    labels: {team: forecasting}
    annotations: {owner: ds}
    service_account: pipelines
    workflow_parallelism: "4"
    workflow_active_deadline_seconds: "86400"
    log_level: ERROR
run_log_store:
  type: chunked-fs
`;

const DAG = `dag:
  start_at: train
  steps:
    train:
      type: task
      command: m.train
      next: evaluate
    evaluate:
      type: task
      command: m.evaluate
      retry: 4
      next: success
    success: {type: success}
    fail: {type: fail}
`;

function emit(target: EmitTarget, config = CONFIG, dag = DAG) {
  const result = transpile({ dag: { text: dag }, config: { text: config } }, { target });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const text = result.text!;
  expect((target === 'kfp-v2' ? checkKfpV2Yaml(text) : checkArgoWorkflowYaml(text)).problems).toEqual([]);
  return { docs: parseAllDocuments(text).map((d) => d.toJS()), diagnostics: result.diagnostics };
}

const template = (workflow: { spec: { templates: { name: string }[] } }, name: string) => workflow.spec.templates.find((t) => t.name === name) as Record<string, any>;

describe('pod settings in Argo and KFP v1', () => {
  it.each(['argo', 'kfp-v1'] as const)('%s: env, node selector, tolerations, limits, retries with backoff, read-only mounts on every container', (target) => {
    const [workflow] = emit(target).docs;
    const train = template(workflow, 'train');
    expect(train.container.env).toEqual([{ name: 'MODE', value: 'batch' }]);
    expect(train.nodeSelector).toEqual({ pool: 'cpu' });
    expect(train.tolerations).toEqual([{ effect: 'NoExecute', key: 'dedicated', operator: 'Equal', tolerationSeconds: 60, value: 'ml' }]);
    expect(train.activeDeadlineSeconds).toBe('7200');
    expect(train.timeout).toBe('3h');
    expect(train.retryStrategy).toEqual({ limit: '2', retryPolicy: 'OnFailure', backoff: { duration: '2m', factor: '3', maxDuration: '1h' } });
    // A step's own magnus retry (attempts in all) wins over the executor's retry limit.
    expect(template(workflow, 'evaluate').retryStrategy.limit).toBe('3');
    expect(train.container.volumeMounts).toEqual([
      { mountPath: '/data', name: 'executor-0', readOnly: true },
      { mountPath: '/tmp', name: 'runnable' },
    ]);
    expect(train.container.command.slice(4, 6)).toEqual(['--log-level', 'ERROR']);
  });

  it('argo: the workflow’s name, namespace, labels, annotations, account, parallelism and time limit', () => {
    const [workflow] = emit('argo').docs;
    expect(workflow.metadata).toEqual({ generateName: 'train-', namespace: 'ml', labels: { team: 'forecasting' }, annotations: { owner: 'ds' } });
    expect(workflow.spec).toMatchObject({ serviceAccountName: 'pipelines', parallelism: 4, activeDeadlineSeconds: 86400 });
  });

  it('kfp-v1: KFP decides namespace and account (said where they are written), the rest is kept beside its own metadata', () => {
    const { docs, diagnostics } = emit('kfp-v1');
    const [workflow] = docs;
    expect(workflow.metadata.namespace).toBeUndefined();
    expect(workflow.metadata.labels).toEqual({ team: 'forecasting', 'pipelines.kubeflow.org/kfp_sdk_version': expect.any(String) });
    expect(workflow.metadata.annotations.owner).toBe('ds');
    expect(workflow.spec).toMatchObject({ serviceAccountName: 'pipeline-runner', parallelism: 4, activeDeadlineSeconds: 86400 });
    expect(diagnostics.filter((d) => d.code.startsWith('I_TARGET_')).map((d) => [d.code, d.file, d.line])).toEqual([
      ['I_TARGET_NAMESPACE', 'config', 20],
      ['I_TARGET_SERVICE_ACCOUNT', 'config', 23],
    ]);
  });
});

describe('pod settings in KFP v2 (IR + kfp-kubernetes)', () => {
  it('env in the container, scheduling, deadline and pod metadata in the platform spec, backoff in the retry policy', () => {
    const [spec, platform] = emit('kfp-v2').docs;
    expect(spec.deploymentSpec.executors['exec-train'].container.env).toEqual([{ name: 'MODE', value: 'batch' }]);
    const train = platform.platforms.kubernetes.deploymentSpec.executors['exec-train'];
    expect(train).toMatchObject({
      activeDeadlineSeconds: '7200',
      nodeSelector: { labels: { pool: 'cpu' } },
      tolerations: [{ effect: 'NoExecute', key: 'dedicated', operator: 'Equal', tolerationSeconds: '60', value: 'ml' }],
      podMetadata: { labels: { team: 'forecasting' }, annotations: { owner: 'ds' } },
    });
    expect(train.pvcMount.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/data', '/tmp']);
    expect(spec.root.dag.tasks.train.retryPolicy).toEqual({ backoffDuration: '120s', backoffFactor: 3, backoffMaxDuration: '3600s', maxRetryCount: 2 });
    expect(spec.root.dag.tasks.evaluate.retryPolicy.maxRetryCount).toBe(3);
  });

  it('spaces the attempts of a step with on_failure, which retries inside its container, as the retry policy would', () => {
    const dag = DAG.replace('      next: evaluate\n', '      next: evaluate\n      on_failure: fail\n');
    const [spec] = emit('kfp-v2', CONFIG, dag).docs;
    expect(spec.root.dag.tasks.train.retryPolicy).toBeUndefined();
    const script: string = spec.deploymentSpec.executors['exec-train'].container.command[2];
    const attempt = script.slice(0, script.indexOf(' || '));
    // Two retries: 2m, then 2m × 3.
    expect(script).toBe(`${attempt} || { sleep 120; ${attempt}; } || { sleep 360; ${attempt}; } && printf succeeded > "$1" || printf failed > "$1"`);
  });

  it('says, where each was written, what KFP v2 cannot express or takes elsewhere', () => {
    const { diagnostics } = emit('kfp-v2');
    const reported = diagnostics.filter((d) => d.code.includes('TARGET')).map((d) => `${d.code} ${d.field} ${d.line}`);
    // Warnings first (the pipeline behaves differently), then notes, each by line.
    expect(reported).toEqual([
      'W_TARGET_NO_EQUIVALENT executor.timeout 10',
      'W_TARGET_NO_EQUIVALENT executor.retry_policy 12',
      'W_TARGET_NO_EQUIVALENT executor.persistent_volumes.datasets 17',
      'W_TARGET_NO_EQUIVALENT executor.workflow_parallelism 24',
      'W_TARGET_NO_EQUIVALENT executor.workflow_active_deadline_seconds 25',
      'I_TARGET_GENERATE_NAME executor.generate_name 19',
      'I_TARGET_NAMESPACE executor.namespace 20',
      'I_TARGET_POD_METADATA executor.labels 21',
      'I_TARGET_SERVICE_ACCOUNT executor.service_account 23',
    ]);
  });

  it('converts Argo durations to the seconds of a protobuf Duration', () => {
    expect([durationSeconds('120'), durationSeconds('2m'), durationSeconds('1h30m'), durationSeconds('1.5h'), durationSeconds('500ms'), durationSeconds('soon')]).toEqual([120, 120, 5400, 5400, 0.5, undefined]);
  });

  it('waits between attempts as KFP does: the duration, times the factor per retry, at most the maximum, in whole seconds', () => {
    expect(backoffWaits(1, { duration: '120s' })).toEqual([]);
    expect(backoffWaits(4, undefined)).toEqual([0, 0, 0]); // KFP's default backoff is 0s
    expect(backoffWaits(5, { duration: '1000s' })).toEqual([1000, 2000, 3600, 3600]); // factor 2, at most 1 h by default
    expect(backoffWaits(4, { duration: '0.5s', factor: 3, maxDuration: '4s' })).toEqual([1, 2, 4]);
  });
});
