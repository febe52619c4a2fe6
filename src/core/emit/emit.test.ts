import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readFixture } from '../../../test/support/fixtures';
import { expectGolden } from '../../../test/support/goldens';
import { checkArgoWorkflowYaml } from '../check/argo';
import { checkKfpV2Yaml } from '../check/kfp-v2';
import { importMagnus, type MagnusInput } from '../magnus/import';
import { transpile } from '../transpile';
import { emitPipeline, type EmitTarget } from './index';

const legacyInput = (): MagnusInput => ({
  dag: { text: readFixture('legacy', 'getting-started.yaml'), path: 'getting-started.yaml' },
  config: { text: readFixture('legacy', 'kfp.yaml'), path: 'kfp.yaml' },
  parameters: { text: readFixture('legacy', 'params.yaml'), path: 'params.yaml' },
});

const CONFIG = `executor:
  type: kfp
  config:
    docker_image: img:1
    secrets_from_k8s: {AWS_KEY: "aws-secret:key", AWS_ID: "aws-secret:id", TOKEN: "tok:value"}
    persistent_volumes: {data-pvc: /mnt/data}
run_log_store:
  type: chunked-k8s-pvc
  config: {persistent_volume_name: logs, mount_path: /mnt/logs}
catalog:
  type: k8s-pvc
  config: {persistent_volume_name: cat, mount_path: /mnt/catalog}
`;

function emit(dag: string, target: EmitTarget, config = CONFIG, parameters?: string) {
  const { pipeline, diagnostics } = importMagnus({ dag: { text: dag }, config: { text: config }, ...(parameters ? { parameters: { text: parameters } } : {}) });
  if (!pipeline) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const result = emitPipeline(pipeline, { target });
  const check = target === 'kfp-v2' ? checkKfpV2Yaml(result.text) : checkArgoWorkflowYaml(result.text);
  expect(check.problems).toEqual([]);
  return { ...result, docs: parseAllDocuments(result.text).map((d) => d.toJS()) };
}

const chain = (steps: string) => `dag:\n  start_at: first\n  steps:\n${steps}\n    success: {type: success}\n    fail: {type: fail}\n`;

describe('KFP v1 emitter: the legacy magnus kfp output (§9.6)', () => {
  it('produces the §9.6 workflow field for field, but for the two corrections', () => {
    const { pipeline } = importMagnus(legacyInput());
    const text = emitPipeline(pipeline!, { target: 'kfp-v1' }).text;
    expect(parse(text)).toEqual(parse(readFixture('legacy', 'getting-started.v1.expected.yaml')));
    expect(checkArgoWorkflowYaml(text).problems).toEqual([]);
  });

  it('the same input through the whole transpiler also reports what magnus would refuse at run time', () => {
    const result = transpile(legacyInput(), { target: 'kfp-v1' });
    expect(result.text).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['E_RUN_LOG_STORE_BUFFERED']);
  });

  it('is deterministic: no timestamp unless asked, byte-identical on every run', () => {
    const { pipeline } = importMagnus(legacyInput());
    const once = emitPipeline(pipeline!, { target: 'kfp-v1' }).text;
    expect(emitPipeline(importMagnus(legacyInput()).pipeline!, { target: 'kfp-v1' }).text).toBe(once);
    expect(once).not.toContain('pipeline_compilation_time');
    const stamped = emitPipeline(pipeline!, { target: 'kfp-v1', timestamp: new Date('2024-01-01T00:00:00Z') }).text;
    expect(parse(stamped).metadata.annotations['pipelines.kubeflow.org/pipeline_compilation_time']).toBe('2024-01-01T00:00:00.000');
    expect(checkArgoWorkflowYaml(stamped).problems).toEqual([]);
  });
});

describe('KFP v1 emitter', () => {
  const dag = chain(
    '    first:\n      type: task\n      command: m.f\n      retry: 3\n      next: Second step\n' +
      '    Second step:\n      type: as-is\n      next: success\n      executor_config:\n        kfp: {gpu_limit: 2, memory_limit: 4Gi, secrets_from_k8s: {ONLY: "only:this"}}',
  );

  it('writes N attempts as N−1 retries, strings everywhere, requests falling back to limits', () => {
    const [wf] = emit(dag, 'kfp-v1', CONFIG, 'x: 3\nname: "42"\ncode: "007"\nnested: {a: 1}').docs;
    const first = wf.spec.templates.find((t: { name: string }) => t.name === 'first');
    const second = wf.spec.templates.find((t: { name: string }) => t.name === 'second-step');
    expect(first.retryStrategy).toEqual({ limit: '2' });
    expect(second.retryStrategy).toBeUndefined();
    expect(second.container.resources).toEqual({ limits: { memory: '4Gi', cpu: '250m', 'nvidia.com/gpu': '2' }, requests: { memory: '4Gi', cpu: '250m' } });
    expect(wf.spec.arguments.parameters).toEqual([
      { name: 'x', value: '3' },
      { name: 'name', value: '"42"' },
      { name: 'code', value: '007' },
      { name: 'nested', value: '{"a":1}' },
      { name: 'run_id', value: '{{workflow.uid}}' },
    ]);
  });

  it('gives parameters only to the start step, secrets as secretKeyRef only, PVCs in magnus order', () => {
    const [wf] = emit(dag, 'kfp-v1', CONFIG, 'x: 3').docs;
    const first = wf.spec.templates.find((t: { name: string }) => t.name === 'first');
    const second = wf.spec.templates.find((t: { name: string }) => t.name === 'second-step');
    expect(first.container.env).toEqual([
      { name: 'AWS_KEY', valueFrom: { secretKeyRef: { key: 'key', name: 'aws-secret' } } },
      { name: 'AWS_ID', valueFrom: { secretKeyRef: { key: 'id', name: 'aws-secret' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { key: 'value', name: 'tok' } } },
      { name: 'MAGNUS_PRM_x', value: '{{workflow.parameters.x}}' },
    ]);
    expect(second.container.env).toEqual([{ name: 'ONLY', valueFrom: { secretKeyRef: { key: 'this', name: 'only' } } }]);
    expect(first.container.volumeMounts).toEqual([
      { mountPath: '/mnt/data', name: 'executor-0' },
      { mountPath: '/mnt/logs', name: 'run-log-store' },
      { mountPath: '/mnt/catalog', name: 'catalog' },
    ]);
    expect(first.volumes.map((v: { name: string }) => v.name)).toEqual(['catalog', 'executor-0', 'run-log-store']);
    expect(first.container.command).toEqual(['magnus', 'execute_single_node', '{{workflow.parameters.run_id}}', 'first', '--log-level', 'WARNING', '--file', 'pipeline.yaml', '--config-file', 'config.yaml', '--parameters-file', 'parameters.yaml']);
    expect(second.container.command[3]).toBe('Second%step');
  });

  it('chains the next path only, in order, and sorts templates and tasks by name', () => {
    const [wf] = emit(dag, 'kfp-v1').docs;
    expect(wf.spec.templates.map((t: { name: string }) => t.name)).toEqual(['first', 'magnus-dag', 'second-step', 'success']);
    expect(wf.spec.templates[1].dag.tasks).toEqual([
      { name: 'first', template: 'first' },
      { name: 'second-step', template: 'second-step', dependencies: ['first'] },
      { name: 'success', template: 'success', dependencies: ['second-step'] },
    ]);
  });

  it('caching on removes the P0D annotation; plain Argo drops the Kubeflow metadata and service account', () => {
    const config = CONFIG.replace('docker_image: img:1', 'docker_image: img:1\n    enable_caching: true');
    const [cached] = emit(dag, 'kfp-v1', config).docs;
    expect(cached.spec.templates[0].metadata.annotations).toBeUndefined();
    const [argo] = emit(dag, 'argo').docs;
    expect(argo.spec.serviceAccountName).toBeUndefined();
    expect(argo.metadata).toEqual({ generateName: 'magnus-dag-' });
    expect(JSON.stringify(argo)).not.toContain('pipelines.kubeflow.org/kfp_sdk_version');
  });

  it('makes names Kubernetes-safe and unique, as kfp did, and keeps the pipeline template apart', () => {
    const text = chain(
      '    first:\n      type: stub\n      next: a b\n    a b:\n      type: stub\n      next: a_b\n    a_b:\n      type: stub\n      next: magnus dag\n    magnus dag:\n      type: stub\n      next: 1st ünïcode\n    1st ünïcode:\n      type: stub\n      next: success',
    );
    const [wf] = emit(text, 'kfp-v1').docs;
    expect(wf.spec.entrypoint).toBe('magnus-dag-2');
    expect(wf.metadata.generateName).toBe('magnus-dag-2-');
    expect(wf.spec.templates.map((t: { name: string }) => t.name)).toEqual(['a-b', 'a-b-2', 'first', 'magnus-dag', 'magnus-dag-2', 'n1st-n-code', 'success']);
  });
});

describe('KFP v2 emitter', () => {
  const dag = chain(
    '    first:\n      type: task\n      command: m.f\n      retry: 3\n      next: second\n' +
      '    second:\n      type: task\n      command: m.g\n      next: success\n      executor_config:\n        kfp: {gpu_limit: 1, cpu_limit: 1500m, memory_limit: 256Mi, image_pull_policy: Never}',
  );

  it('writes a pipeline spec and a kfp-kubernetes platform spec that pass the strict proto check', () => {
    const { docs } = emit(dag, 'kfp-v2', CONFIG, 'lr: 0.01');
    expect(docs).toHaveLength(2);
    const [spec, platform] = docs;
    expect(spec.schemaVersion).toBe('2.1.0');
    expect(spec.pipelineInfo.name).toBe('magnus-dag');
    expect(Object.keys(spec.root.dag.tasks)).toEqual(['first', 'second', 'success']);
    expect(spec.root.dag.tasks.second.dependentTasks).toEqual(['first']);
    expect(spec.root.inputDefinitions.parameters.lr).toEqual({ defaultValue: '0.01', isOptional: true, parameterType: 'STRING' });
    expect(Object.keys(platform.platforms.kubernetes.deploymentSpec.executors)).toEqual(['exec-first', 'exec-second', 'exec-success']);
  });

  it('retries N−1 times, writes both generations of resource fields, GPU as accelerator', () => {
    const [spec] = emit(dag, 'kfp-v2').docs;
    expect(spec.root.dag.tasks.first.retryPolicy).toEqual({ backoffDuration: '0s', backoffFactor: 2, backoffMaxDuration: '3600s', maxRetryCount: 2 });
    expect(spec.root.dag.tasks.second.retryPolicy).toBeUndefined();
    expect(spec.deploymentSpec.executors['exec-second'].container.resources).toEqual({
      accelerator: { count: '1', resourceCount: '1', resourceType: 'nvidia.com/gpu', type: 'nvidia.com/gpu' },
      cpuLimit: 1.5,
      cpuRequest: 1.5,
      memoryLimit: 0.268435456,
      memoryRequest: 0.268435456,
      resourceCpuLimit: '1500m',
      resourceCpuRequest: '1500m',
      resourceMemoryLimit: '256Mi',
      resourceMemoryRequest: '256Mi',
    });
  });

  it('passes run-time parameters into the start step as MAGNUS_PRM_ env and the run id everywhere', () => {
    const [spec] = emit(dag, 'kfp-v2', CONFIG, 'lr: 0.01\nlearning-rate: x').docs;
    const first = spec.deploymentSpec.executors['exec-first'].container;
    expect(first.command).toEqual([
      'sh',
      '-c',
      `exec env MAGNUS_PRM_lr="$1" MAGNUS_PRM_learning-rate="$2" magnus execute_single_node "$0" first --log-level WARNING --file pipeline.yaml --config-file config.yaml --parameters-file parameters.yaml`,
    ]);
    expect(first.args).toEqual(["{{$.inputs.parameters['run_id']}}", "{{$.inputs.parameters['lr']}}", "{{$.inputs.parameters['learning-rate']}}"]);
    expect(spec.root.dag.tasks.first.inputs.parameters).toEqual({
      run_id: { runtimeValue: { constant: '{{$.pipeline_job_uuid}}' } },
      lr: { componentInputParameter: 'lr' },
      'learning-rate': { componentInputParameter: 'learning-rate' },
    });
    expect(spec.deploymentSpec.executors['exec-second'].container.command.slice(0, 4)).toEqual(['magnus', 'execute_single_node', "{{$.inputs.parameters['run_id']}}", 'second']);
  });

  it('puts secrets (grouped by secret, references only), PVCs and the pull policy in the platform spec', () => {
    const [, platform] = emit(dag, 'kfp-v2').docs;
    const executors = platform.platforms.kubernetes.deploymentSpec.executors;
    expect(executors['exec-first'].secretAsEnv).toEqual([
      { keyToEnv: [{ envVar: 'AWS_KEY', secretKey: 'key' }, { envVar: 'AWS_ID', secretKey: 'id' }], optional: false, secretName: 'aws-secret', secretNameParameter: { runtimeValue: { constant: 'aws-secret' } } },
      { keyToEnv: [{ envVar: 'TOKEN', secretKey: 'value' }], optional: false, secretName: 'tok', secretNameParameter: { runtimeValue: { constant: 'tok' } } },
    ]);
    expect(executors['exec-second'].imagePullPolicy).toBe('Never');
    expect(executors['exec-first'].imagePullPolicy).toBe('Always');
    expect(executors['exec-first'].pvcMount.map((m: { constant: string }) => m.constant)).toEqual(['data-pvc', 'logs', 'cat']);
  });

  it('turns caching on per task when the config enables it', () => {
    const [spec] = emit(dag, 'kfp-v2', CONFIG.replace('docker_image: img:1', 'docker_image: img:1\n    enable_caching: true')).docs;
    expect(spec.root.dag.tasks.first.cachingOptions).toEqual({ enableCache: true });
    const [off] = emit(dag, 'kfp-v2').docs;
    expect(off.root.dag.tasks.first.cachingOptions).toEqual({});
  });
});

const branch = (first: string) => `start_at: ${first}\n          steps:\n            ${first}: {type: task, command: m.f, next: success}\n            success: {type: success}\n            fail: {type: fail}`;

describe('composite steps and on_failure take the graph shape (docs/composite-emission.md)', () => {
  const withFailure = chain('    first:\n      type: task\n      command: m.f\n      next: second\n      on_failure: cleanup\n    second: {type: stub, next: success}\n    cleanup: {type: stub, next: success}');

  it.each(['kfp-v1', 'argo'] as const)('%s: on_failure is a .Failed dependency, and failFast is off so it gets scheduled', (target) => {
    const [wf] = emit(withFailure, target).docs;
    const root = wf.spec.templates.find((t: { name: string }) => t.name === 'magnus-dag');
    expect(root.dag.failFast).toBe(false);
    expect(root.dag.tasks).toEqual([
      { name: 'first', template: 'first' },
      { name: 'second', template: 'second', depends: 'first.Succeeded' },
      { name: 'cleanup', template: 'cleanup', depends: 'first.Failed' },
      { name: 'success', template: 'success', depends: 'second.Succeeded || cleanup.Succeeded' },
    ]);
  });

  it('KFP v2: a step with on_failure records its status and succeeds; its two ways out are conditions on that status', () => {
    const { docs, diagnostics } = emit(withFailure, 'kfp-v2');
    const [spec] = docs;
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['I_EMIT_V2_ON_FAILURE', 'info']]);
    expect(spec.components['comp-first'].outputDefinitions).toEqual({ parameters: { status: { parameterType: 'STRING' } } });
    const first = spec.deploymentSpec.executors['exec-first'].container;
    expect(first.command).toEqual(['sh', '-c', expect.stringMatching(/^magnus execute_single_node "\$0" first .* && printf succeeded > "\$1" \|\| printf failed > "\$1"$/)]);
    expect(first.args).toEqual(["{{$.inputs.parameters['run_id']}}", "{{$.outputs.parameters['status'].output_file}}"]);
    const tasks = spec.root.dag.tasks;
    const status = { taskOutputParameter: { outputParameterKey: 'status', producerTask: 'first' } };
    expect(tasks.second).toMatchObject({
      dependentTasks: ['first'],
      inputs: { parameters: { 'pipelinechannel--upstream-status': status } },
      triggerPolicy: { condition: "inputs.parameter_values['pipelinechannel--upstream-status'] == 'succeeded'" },
    });
    expect(tasks.cleanup.triggerPolicy).toEqual({ condition: "inputs.parameter_values['pipelinechannel--upstream-status'] == 'failed'" });
    expect(tasks.first.triggerPolicy).toBeUndefined();
  });

  it('KFP v2: a step both ways lead to (a join) is a DAG of its own, called from each way in; only the way taken runs', () => {
    const [spec] = emit(withFailure, 'kfp-v2').docs;
    const tasks = spec.root.dag.tasks;
    expect(Object.keys(tasks)).toEqual(['first', 'second', 'second-to-success', 'cleanup', 'cleanup-to-success']);
    expect(tasks['second-to-success']).toEqual({ componentRef: { name: 'comp-success-onward' }, dependentTasks: ['second'], taskInfo: { name: 'success' } });
    expect(tasks['cleanup-to-success'].dependentTasks).toEqual(['cleanup']);
    expect(Object.keys(spec.components['comp-success-onward'].dag.tasks)).toEqual(['success']);
  });

  it('KFP v2: a step with on_failure retries inside its container (a failed attempt is no failed task); others keep retryPolicy', () => {
    const retried = chain('    first:\n      type: task\n      command: m.f\n      max_attempts: 3\n      next: second\n      on_failure: fail\n    second: {type: task, command: m.g, retry: 2, next: success}');
    const [spec] = emit(retried, 'kfp-v2').docs;
    expect(spec.root.dag.tasks.first.retryPolicy).toBeUndefined();
    const script: string = spec.deploymentSpec.executors['exec-first'].container.command[2];
    expect(script.split(' || ').length).toBe(4); // three attempts, then the status
    expect(script.match(/magnus execute_single_node "\$0" first/g)).toHaveLength(3);
    expect(spec.root.dag.tasks.second.retryPolicy).toMatchObject({ maxRetryCount: 1 });
    // The fail step it leads to still fails the run.
    expect(spec.deploymentSpec.executors['exec-fail'].container.command[2]).toMatch(/; exit 1$/);
  });

  it('KFP v2: warns when joins in a row nest deeper than Argo runs (100 templates), and stays linear in time', () => {
    const diamonds = (n: number) =>
      `dag:\n  start_at: s0\n  steps:\n${Array.from({ length: n }, (_, k) => `    s${k}: {type: stub, next: a${k}, on_failure: b${k}}\n    a${k}: {type: stub, next: s${k + 1}}\n    b${k}: {type: stub, next: s${k + 1}}\n`).join('')}    s${n}: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const codes = (n: number) => emit(diamonds(n), 'kfp-v2').diagnostics.map((d) => d.code);
    expect(codes(20)).toEqual(['I_EMIT_V2_ON_FAILURE']);
    expect(codes(100)).toEqual(['I_EMIT_V2_ON_FAILURE', 'W_EMIT_V2_DEPTH']);
  });

  it('KFP v2: a pipeline whose steps loop (invalid: the validator says so) still emits, without hanging', () => {
    const loop = 'dag:\n  start_at: s\n  steps:\n    s: {type: stub, next: a, on_failure: b}\n    a: {type: stub, next: b}\n    b: {type: stub, next: a, on_failure: s}\n    success: {type: success}\n    fail: {type: fail}\n';
    const { pipeline } = importMagnus({ dag: { text: loop }, config: { text: CONFIG } });
    expect(emitPipeline(pipeline!, { target: 'kfp-v2' }).diagnostics.map((d) => d.code)).toEqual(['I_EMIT_V2_ON_FAILURE']);
  });

  it.each(['kfp-v2', 'kfp-v1', 'argo'] as const)('%s: a map whose branch has no steps (invalid: the validator says so) still emits, without throwing', (target) => {
    // Found by the fuzzer: `steps:` renamed inside a map's branch left a graph with no jobs.
    const empty = chain('    first:\n      type: map\n      iterate_on: xs\n      iterate_as: x\n      next: success\n      branch:\n        start_at: a\n        kfp: {a: {type: stub}}');
    const { pipeline } = importMagnus({ dag: { text: empty }, config: { text: CONFIG } });
    expect(pipeline!.dag.steps[0]).toMatchObject({ type: 'map', branch: { steps: [{ type: 'success' }, { type: 'fail' }] } });
    expect(() => emitPipeline(pipeline!, { target })).not.toThrow();
  });

  const parallel = chain(`    first:\n      type: parallel\n      next: success\n      branches:\n        one:\n          ${branch('a')}\n        two:\n          ${branch('b')}`);

  it('Argo: a parallel step is a DAG of fan-out, one DAG per branch, and a fan-in that runs whatever the branches did', () => {
    const [wf] = emit(parallel, 'argo').docs;
    const byName = (name: string) => wf.spec.templates.find((t: { name: string }) => t.name === name);
    expect(byName('first').dag.tasks).toEqual([
      { name: 'first-fan-out', template: 'first-fan-out' },
      { name: 'first-one', template: 'first-one', depends: 'first-fan-out.Succeeded' },
      { name: 'first-two', template: 'first-two', depends: 'first-fan-out.Succeeded' },
      { name: 'first-fan-in', template: 'first-fan-in', depends: '(first-one.Succeeded || first-one.Failed) && (first-two.Succeeded || first-two.Failed)' },
    ]);
    expect(byName('first-one').dag.tasks.map((t: { name: string }) => t.name)).toEqual(['first-one-a', 'first-one-success']);
    expect(byName('first-fan-out').container.command.slice(0, 6)).toEqual(['magnus', 'fan', '{{workflow.parameters.run_id}}', 'first', '--mode', 'out']);
    expect(byName('first-one-a').container.command[3]).toBe('first.one.a');
  });

  it('KFP v2: a parallel step is a sub-DAG whose fan-in waits for one task, which holds the fan-out and every branch', () => {
    const [spec] = emit(parallel, 'kfp-v2').docs;
    const composite = spec.components['comp-first'].dag.tasks;
    expect(Object.keys(composite)).toEqual(['first-branches', 'first-fan-in']);
    // The backend makes an ALL_UPSTREAM_TASKS_COMPLETED task the exit hook of each task it waits for: one, here.
    expect(composite['first-fan-in']).toMatchObject({ dependentTasks: ['first-branches'], triggerPolicy: { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' } });
    expect(Object.keys(spec.components['comp-first-branches'].dag.tasks)).toEqual(['first-fan-out', 'first-one', 'first-two']);
    expect(spec.components['comp-first-branches'].dag.tasks['first-two'].dependentTasks).toEqual(['first-fan-out']);
    expect(spec.components['comp-first-one'].dag.tasks['first-one-success'].dependentTasks).toEqual(['first-one-a']);
    expect(spec.root.dag.tasks.success.dependentTasks).toEqual(['first']);
  });

  it('KFP v2: a composite with on_failure runs fan-out, branches and a status-wrapped fan-in in its graph; its branches never fail a task', () => {
    const text = chain(
      `    first:\n      type: parallel\n      next: success\n      on_failure: recover\n      branches:\n        one:\n          start_at: a\n          steps:\n            a: {type: task, command: m.f, next: b}\n            b: {type: task, command: m.g, next: success, on_failure: fail}\n            success: {type: success}\n            fail: {type: fail}\n    recover: {type: stub, next: fail}`,
    );
    const [spec] = emit(text, 'kfp-v2').docs;
    const root = spec.root.dag.tasks;
    expect(Object.keys(root)).toEqual(['first-fan-out', 'first-one', 'first-fan-in', 'success', 'recover', 'fail']);
    expect(root['first-fan-in']).toMatchObject({ dependentTasks: ['first-one'] });
    expect(root['first-fan-in'].triggerPolicy).toBeUndefined();
    expect(spec.components['comp-first-fan-in'].outputDefinitions.parameters.status).toBeDefined();
    expect(root.recover.triggerPolicy.condition).toMatch(/== 'failed'$/);
    // Inside the branch every step records its status, and its fail step leaves the judging to the fan-in.
    const branch = spec.components['comp-first-one'].dag.tasks;
    expect(spec.components['comp-first-one-a'].outputDefinitions.parameters.status).toBeDefined();
    expect(branch['first-one-b'].triggerPolicy.condition).toMatch(/== 'succeeded'$/);
    expect(spec.deploymentSpec.executors['exec-first-one-fail'].container.command).toEqual(expect.arrayContaining(['magnus', 'execute_single_node']));
    expect(spec.deploymentSpec.executors['exec-fail'].container.command[2]).toMatch(/; exit 1$/);
  });

  const nestedMaps = chain(
    `    first:\n      type: map\n      iterate_on: outer_list\n      iterate_as: x\n      next: success\n      executor_config:\n        kfp: {parallelism: 2}\n      branch:\n        start_at: inner\n        steps:\n          inner:\n            type: map\n            iterate_on: inner_list\n            iterate_as: y\n            next: success\n            branch:\n              ${branch('leaf').replaceAll('\n          ', '\n              ')}\n          success: {type: success}\n          fail: {type: fail}`,
  );

  it('Argo: a map iterates withParam over the fan-out list; map variables flow in as inputs, outermost first', () => {
    const [wf] = emit(nestedMaps, 'kfp-v1').docs;
    const byName = (name: string) => wf.spec.templates.find((t: { name: string }) => t.name === name);
    expect(byName('first').parallelism).toBe(2);
    expect(byName('first').dag.tasks[1]).toEqual({
      name: 'first-map',
      template: 'first-map',
      depends: 'first-fan-out.Succeeded',
      withParam: '{{tasks.first-fan-out.outputs.parameters.iterate-on}}',
      arguments: { parameters: [{ name: 'x', value: '{{item}}' }] },
    });
    expect(byName('first-fan-out').outputs).toEqual({ parameters: [{ name: 'iterate-on', valueFrom: { path: '/tmp/output.txt' } }] });
    const leaf = byName('first-map-inner-map-leaf');
    expect(leaf.inputs).toEqual({ parameters: [{ name: 'x' }, { name: 'y' }] });
    const command: string[] = leaf.container.command;
    expect(command[3]).toBe('first.map_variable_placeholder.inner.map_variable_placeholder.leaf');
    expect(command[command.indexOf('--map-variable') + 1]).toBe('{"x": "{{inputs.parameters.x}}", "y": "{{inputs.parameters.y}}"}');
  });

  it('KFP v2: a map is a ParallelFor over the fan-out output, limited by parallelism, with the loop item as map variable', () => {
    const [spec] = emit(nestedMaps, 'kfp-v2').docs;
    const loop = spec.components['comp-first-branches'].dag.tasks['first-map'];
    expect(loop.parameterIterator).toEqual({
      itemInput: 'pipelinechannel--first-fan-out-iterate_on-loop-item',
      items: { inputParameter: 'pipelinechannel--first-fan-out-iterate_on' },
    });
    expect(loop.iteratorPolicy).toEqual({ parallelismLimit: 2 });
    expect(spec.components['comp-first-fan-out'].outputDefinitions).toEqual({ parameters: { iterate_on: { parameterType: 'LIST' } } });
    const fanOut = spec.deploymentSpec.executors['exec-first-fan-out'].container;
    expect(fanOut.command[2]).toMatch(/^magnus fan "\$0" first --mode out .* && cp \/tmp\/output.txt "\$1"$/);
    expect(fanOut.args).toEqual(["{{$.inputs.parameters['run_id']}}", "{{$.outputs.parameters['iterate_on'].output_file}}"]);
  });

  it.each(['kfp-v2', 'kfp-v1', 'argo'] as const)('%s: a nested dag whose file was not supplied is refused, naming the step', (target) => {
    const text = chain('    first:\n      type: dag\n      dag_definition: nested.yaml\n      next: success');
    const { pipeline } = importMagnus({ dag: { text }, config: { text: CONFIG } });
    const codes = emitPipeline(pipeline!, { target }).diagnostics.map((d) => [d.code, d.step]);
    expect(codes).toEqual([['E_EMIT_NESTED_DAG_MISSING', 'first']]);
  });
});

describe('goldens (hand-reviewed against docs/kfp-output-format.md)', () => {
  const input = (): MagnusInput => ({
    dag: { text: readFixture('golden-input', 'train.dag.yaml') },
    config: { text: readFixture('golden-input', 'train.config.yaml') },
    parameters: { text: readFixture('golden-input', 'train.parameters.yaml') },
  });
  it.each(['kfp-v2', 'kfp-v1', 'argo'] as const)('the training example in %s', (target) => {
    const result = transpile(input(), { target });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expectGolden(`train.${target}.yaml`, result.text!);
  });
});

describe('graph shape details the oracle asked for', () => {
  it('an explicit fail step fails the run; the success task waits for it to be omitted', () => {
    const text = chain('    first:\n      type: stub\n      next: second\n      on_failure: success\n    second:\n      type: stub\n      next: success\n      on_failure: fail');
    const [wf] = emit(text, 'argo').docs;
    const byName = (name: string) => wf.spec.templates.find((t: { name: string }) => t.name === name);
    expect(byName('magnus-dag').dag.tasks.find((t: { name: string }) => t.name === 'success').depends).toBe('(first.Failed || second.Succeeded) && fail.Omitted');
    expect(byName('fail').container.command).toEqual(['sh', '-c', expect.stringMatching(/^magnus execute_single_node "\$0" fail .*; exit 1$/)]);
  });

  it('a straight line ending in the fail step takes the graph shape, so the fail step can fail the run', () => {
    const [wf] = emit(chain('    first: {type: stub, next: fail}'), 'kfp-v1').docs;
    expect(wf.spec.templates.find((t: { name: string }) => t.name === 'magnus-dag').dag.tasks[1]).toEqual({ name: 'fail', template: 'fail', depends: 'first.Succeeded' });
  });

  it('when the pipeline starts with a composite, its fan-out receives the parameters', () => {
    const text = chain(`    first:\n      type: parallel\n      next: success\n      branches:\n        one:\n          ${branch('a')}`);
    const [wf] = emit(text, 'argo', CONFIG, 'lr: 0.1').docs;
    const fanOut = wf.spec.templates.find((t: { name: string }) => t.name === 'first-fan-out');
    expect(fanOut.container.env).toContainEqual({ name: 'MAGNUS_PRM_lr', value: '{{workflow.parameters.lr}}' });
    const [spec] = emit(text, 'kfp-v2', CONFIG, 'lr: 0.1').docs;
    expect(spec.components['comp-first-branches'].dag.tasks['first-fan-out'].inputs.parameters.lr).toEqual({ componentInputParameter: 'lr' });
    expect(spec.components['comp-first'].dag.tasks['first-branches'].inputs.parameters.lr).toEqual({ componentInputParameter: 'lr' });
    expect(spec.root.dag.tasks.first.inputs.parameters.lr).toEqual({ componentInputParameter: 'lr' });
  });

  it('a map fan-in also runs when Argo skips an empty withParam', () => {
    const text = chain(`    first:\n      type: map\n      iterate_on: xs\n      iterate_as: x\n      next: success\n      branch:\n        ${branch('a').replaceAll('\n          ', '\n        ')}`);
    const [wf] = emit(text, 'argo').docs;
    const composite = wf.spec.templates.find((t: { name: string }) => t.name === 'first');
    expect(composite.dag.tasks.at(-1).depends).toBe('(first-map.Succeeded || first-map.Failed || first-map.Skipped)');
  });
});

describe('a pipeline a target cannot express', () => {
  it('gets no text at all, only the diagnostics: a best effort would be a different pipeline', () => {
    const text = chain('    first:\n      type: dag\n      dag_definition: nested.yaml\n      next: success');
    const { pipeline } = importMagnus({ dag: { text }, config: { text: CONFIG } });
    expect(emitPipeline(pipeline!, { target: 'kfp-v2' })).toEqual({ text: '', diagnostics: [expect.objectContaining({ code: 'E_EMIT_NESTED_DAG_MISSING' })] });
  });
});
