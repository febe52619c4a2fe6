import { describe, expect, it } from 'vitest';
import { effectiveSettings } from '../model/effective';
import { findStep } from '../model/paths';
import type { Pipeline, TaskStep } from '../model/types';
import { importMagnus, type MagnusInput } from './import';

const dag = (steps: string, extra = '') => `dag:\n  start_at: a\n  steps:\n${steps}\n    success:\n      type: success\n    fail:\n      type: fail\n${extra}`;
const TASK_A = '    a:\n      type: task\n      command: m.f\n      next: success';

function load(input: MagnusInput): Pipeline {
  const result = importMagnus(input);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.pipeline).toBeDefined();
  return result.pipeline!;
}
const codes = (input: MagnusInput) => importMagnus(input).diagnostics.map((d) => d.code);

describe('magnus import: structure and positions', () => {
  it('reads a plain pipeline into the model in file order', () => {
    const p = load({ dag: { text: dag(TASK_A) } });
    expect(p.dag.start_at).toBe('a');
    expect(p.dag.steps.map((s) => [s.name, s.type])).toEqual([
      ['a', 'task'],
      ['success', 'success'],
      ['fail', 'fail'],
    ]);
    expect(p.dag.steps[0]).toEqual({ name: 'a', type: 'task', command: 'm.f', next: 'success' });
    expect(p.files).toEqual({ dag: 'pipeline.yaml' });
  });

  it('fails with line and column on a YAML syntax error and returns no pipeline', () => {
    const result = importMagnus({ dag: { text: 'dag:\n  start_at: a\n  steps: [\n' } });
    expect(result.pipeline).toBeUndefined();
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error).toMatchObject({ code: 'YAML_SYNTAX', file: 'dag' });
    expect(error.line).toBeGreaterThan(0);
  });

  it('rejects duplicate step names as ruamel did, pointing at the second one', () => {
    const text = dag(`${TASK_A}\n    a:\n      type: stub\n      next: success`);
    const result = importMagnus({ dag: { text } });
    expect(result.pipeline).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 8, column: 5 });
  });

  it('rejects non-string step names (magnus cannot handle `1:`)', () => {
    const result = importMagnus({ dag: { text: dag('    1:\n      type: stub\n      next: success') } });
    expect(result.pipeline).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: 'YAML_NON_STRING_KEY', line: 4, column: 5 });
  });

  it('needs a top-level dag key', () => {
    expect(codes({ dag: { text: 'steps: {}' } })).toContain('E_IMPORT_NO_DAG');
    expect(codes({ dag: { text: '- a\n- b' } })).toContain('E_IMPORT_NO_DAG');
    expect(importMagnus({ dag: { text: '' } }).pipeline).toBeUndefined();
  });

  it('refuses unknown step types and steps without a type, naming the step and line', () => {
    const unknown = importMagnus({ dag: { text: dag('    a:\n      type: conditional\n      next: success') } });
    expect(unknown.pipeline).toBeUndefined();
    expect(unknown.diagnostics[0]).toMatchObject({ code: 'E_IMPORT_STEP_TYPE', step: 'a', field: 'type', line: 5, column: 13 });
    const missing = importMagnus({ dag: { text: dag('    a:\n      next: success') } });
    expect(missing.diagnostics[0]).toMatchObject({ code: 'E_IMPORT_STEP_TYPE', step: 'a', line: 4 });
  });

  it('expands anchors into independent copies', () => {
    const text = `branch: &b\n  start_at: x\n  steps:\n    x: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\ndag:\n  start_at: p\n  steps:\n    p:\n      type: parallel\n      next: success\n      branches: {one: *b, two: *b}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const p = load({ dag: { text } });
    const parallel = p.dag.steps[0];
    if (parallel.type !== 'parallel') throw new Error('expected parallel');
    expect(parallel.branches.map((b) => b.name)).toEqual(['one', 'two']);
    expect(parallel.branches[0].graph).toEqual(parallel.branches[1].graph);
    expect(parallel.branches[0].graph).not.toBe(parallel.branches[1].graph);
    expect(codes({ dag: { text } })).toContain('I_TOP_LEVEL_KEY');
  });
});

describe('magnus import: every era', () => {
  it('reads era A/B `mode:` configs with `mode_config` step overrides and legacy default_ names', () => {
    const config = 'mode:\n  type: kfp\n  config:\n    docker_image: img:1\n    default_cpu_limit: 500m\n    enable_caching: "False"\n';
    const text = dag('    a:\n      type: task\n      command: m.f\n      next: success\n      mode_config:\n        kfp:\n          memory_limit: 2G\n        local: {x: 1}');
    const result = importMagnus({ dag: { text }, config: { text: config } });
    const p = result.pipeline!;
    expect(p.executor).toEqual({ docker_image: 'img:1', cpu_limit: '500m', enable_caching: false, profiles: [] });
    expect(p.dag.steps[0].kfp).toEqual([{ key: 'memory_limit', value: '2G' }]);
    expect(p.dag.steps[0].otherOverrides).toEqual({ local: { x: 1 } });
    expect(result.era.eras).toEqual(['A']);
    expect(result.diagnostics.map((d) => d.code)).toContain('I_CONFIG_KEY_RENAMED');
  });

  it('reads era C `executor:` + `executor_config`, `as-is` and `retry`', () => {
    const text = dag('    a:\n      type: as-is\n      retry: 3\n      next: success\n      executor_config:\n        kfp: {gpu_limit: 1}');
    const result = importMagnus({ dag: { text }, config: { text: 'executor:\n  type: kfp\n  config: {docker_image: x}\n' } });
    const step = result.pipeline!.dag.steps[0];
    expect(step).toEqual({ name: 'a', type: 'stub', max_attempts: 3, next: 'success', kfp: [{ key: 'gpu_limit', value: '1' }] });
    expect(result.era.eras).toEqual(['C', 'D']);
  });

  it('reads era E `overrides`, `stub`, `max_attempts` and the executor `overrides:` block as profiles', () => {
    const config = 'executor:\n  type: kfp\n  config:\n    docker_image: x\n    overrides:\n      big: {memory_limit: 8G, cpu_limit: "2"}\n';
    const text = dag('    a:\n      type: stub\n      max_attempts: 2\n      next: success\n      overrides:\n        kfp: big\n        argo: sequential');
    const result = importMagnus({ dag: { text }, config: { text: config } });
    const p = result.pipeline!;
    expect(p.executor.profiles).toEqual([{ name: 'big', entries: [{ key: 'memory_limit', value: '8G' }, { key: 'cpu_limit', value: '2' }] }]);
    expect(p.dag.steps[0]).toMatchObject({ kfp: [{ key: 'big', value: null }], otherOverrides: { argo: 'sequential' }, max_attempts: 2 });
    expect(effectiveSettings(p, p.dag.steps[0]).memory_limit).toEqual({ value: '8G', source: { kind: 'profile', profile: 'big' } });
    expect(result.era.summary).toMatch(/0\.5/);
  });

  it('reads runnable ≥0.14 `pipeline-executor:` and adds the implicit success/fail of ≥0.12', () => {
    const text = 'dag:\n  start_at: a\n  steps:\n    a:\n      type: stub\n      next: success\n';
    const result = importMagnus({ dag: { text }, config: { text: 'pipeline-executor:\n  type: kfp\n  config: {docker_image: x}\n' } });
    expect(result.pipeline!.dag.steps.map((s) => s.name)).toEqual(['a', 'success', 'fail']);
    expect(result.diagnostics.filter((d) => d.code === 'I_IMPLICIT_TERMINAL')).toHaveLength(2);
    expect(result.era.eras).toEqual(['F2']);
  });

  it('reports contradicting spellings instead of guessing', () => {
    const result = importMagnus({ dag: { text: dag('    a:\n      type: as-is\n      max_attempts: 2\n      next: success') } });
    expect(result.era.eras).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toContain('W_ERA_MIXED');
  });

  it('keeps what it does not interpret and says so, with the key position', () => {
    const text = dag('    a:\n      type: task\n      command: m.f\n      next: success\n      returns: [x]\n      colour: blue');
    const result = importMagnus({ dag: { text } });
    expect(result.pipeline!.dag.steps[0].extra).toEqual({ returns: ['x'], colour: 'blue' });
    expect(result.diagnostics.find((d) => d.code === 'W_UNKNOWN_KEY')).toMatchObject({ step: 'a', field: 'colour', line: 9, column: 7 });
    expect(result.diagnostics.find((d) => d.code === 'I_STEP_KEY_KEPT')).toMatchObject({ field: 'returns' });
  });

  it('reads the 0.5 Argo config: list forms of secrets and volumes, the service account, its default resources', () => {
    const config =
      'executor:\n  type: argo\n  config:\n    image: x\n    secrets_from_k8s:\n      - {environment_variable: AWS_KEY, secret_name: aws, secret_key: key}\n    persistent_volumes:\n      - {name: pvc, mount_path: /mnt}\n    service_account_name: sa\n';
    const result = importMagnus({ dag: { text: dag(TASK_A) }, config: { text: config } });
    expect(result.pipeline!.executor).toEqual({
      docker_image: 'x',
      secrets_from_k8s: [{ env: 'AWS_KEY', ref: 'aws:key' }],
      persistent_volumes: [{ claim: 'pvc', mountPath: '/mnt' }],
      service_account: 'sa',
      // magnus 0.5's Resources() default, not the kfp executor's 1G.
      cpu_limit: '250m',
      memory_limit: '1Gi',
      cpu_request: '250m',
      memory_request: '1Gi',
      profiles: [],
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['I_EXECUTOR_ARGO']));
    expect(result.diagnostics.map((d) => d.code)).not.toContain('W_CONFIG_KEY_DROPPED');
  });

  it('keeps other services as written', () => {
    const config = 'executor: {type: kfp, config: {docker_image: x}}\nrun_log_store:\n  type: k8s-pvc\n  config: {persistent_volume_name: logs, mount_path: /logs}\ncatalog:\n  type: file-system\n';
    const p = load({ dag: { text: dag(TASK_A) }, config: { text: config } });
    expect(p.services).toEqual([
      { key: 'run_log_store', type: 'k8s-pvc', config: { persistent_volume_name: 'logs', mount_path: '/logs' } },
      { key: 'catalog', type: 'file-system' },
    ]);
  });
});

describe('magnus import: step override precedence (§7.1)', () => {
  const config = 'executor:\n  type: kfp\n  config:\n    docker_image: img\n    memory_limit: 1G\n    placeholders:\n      big: {memory_limit: 8G, cpu_limit: "2"}\n';
  const stepWith = (overrides: string) =>
    load({ dag: { text: dag(`    a:\n      type: task\n      command: m.f\n      next: success\n      executor_config:\n        kfp:\n${overrides}`) }, config: { text: config } });

  it('a falsy value naming a placeholder merges the profile; later truthy keys win over it', () => {
    const p = stepWith('          big:\n          memory_limit: 2G');
    const settings = effectiveSettings(p, p.dag.steps[0]);
    expect(settings.memory_limit.value).toBe('2G');
    expect(settings.cpu_limit).toEqual({ value: '2', source: { kind: 'profile', profile: 'big' } });
    expect(settings.profiles).toEqual(['big']);
  });

  it('order matters: a profile after a key overrides it', () => {
    const p = stepWith('          memory_limit: 2G\n          big:');
    expect(effectiveSettings(p, p.dag.steps[0]).memory_limit.value).toBe('8G');
  });

  it('a falsy value naming no placeholder is set as is (an empty request falls back to the limit)', () => {
    const p = stepWith('          cpu_request: ""\n          cpu_limit: 750m');
    const settings = effectiveSettings(p, p.dag.steps[0]);
    expect(settings.cpu_request).toEqual({ value: '750m', source: { kind: 'step' } });
  });

  it('secrets are replaced as a whole, not merged', () => {
    const withSecrets = config.replace('    memory_limit: 1G\n', '    memory_limit: 1G\n    secrets_from_k8s: {A: "s:a", B: "s:b"}\n');
    const p = load({
      dag: { text: dag('    a:\n      type: task\n      command: m.f\n      next: success\n      executor_config:\n        kfp:\n          secrets_from_k8s: {C: "t:c"}') },
      config: { text: withSecrets },
    });
    expect(effectiveSettings(p, p.dag.steps[0]).secrets_from_k8s.value).toEqual([{ env: 'C', ref: 't:c' }]);
    expect(effectiveSettings(p, p.dag.steps[1]).secrets_from_k8s.value).toHaveLength(2);
  });
});

describe('magnus import: nested dags, parameters, variables, designer metadata', () => {
  const outer = dag('    a:\n      type: dag\n      dag_definition: inner.yaml\n      next: success');

  it('loads dag_definition files as graphs of their own, with positions in that file', () => {
    const inner = 'dag:\n  start_at: x\n  steps:\n    x: {type: stub, next: nope}\n    success: {type: success}\n    fail: {type: fail}\n';
    const result = importMagnus({ dag: { text: outer }, nested: { 'inner.yaml': inner } });
    const step = findStep(result.pipeline!, 'a.dag.x');
    expect(step?.step).toEqual({ name: 'x', type: 'stub', next: 'nope' });
    expect(result.sourceMap.find({ step: 'a.dag.x', field: 'next' })).toMatchObject({ file: 'inner.yaml', line: 4 });
  });

  it('reports a missing nested file without failing, and refuses a file that includes itself', () => {
    expect(codes({ dag: { text: outer } })).toContain('W_NESTED_DAG_MISSING');
    const selfIncluding = 'dag:\n  start_at: x\n  steps:\n    x: {type: dag, dag_definition: inner.yaml, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';
    expect(codes({ dag: { text: outer }, nested: { 'inner.yaml': selfIncluding } })).toContain('E_NESTED_DAG_CYCLE');
  });

  it('reads parameters in order; the file wins over MAGNUS_PRM_ values (§9.4)', () => {
    const p = load({
      dag: { text: dag(TASK_A) },
      parameters: { text: 'x: 3\neggs: {ham: 1}\n', path: 'params.yaml' },
      environmentParameters: [
        { name: 'x', value: 1 },
        { name: 'y', value: 'z' },
      ],
    });
    expect(p.parameters).toEqual([
      { name: 'x', value: 3 },
      { name: 'y', value: 'z' },
      { name: 'eggs', value: { ham: 1 } },
    ]);
    expect(p.files.parameters).toBe('params.yaml');
  });

  it('keeps `${var}` references in the model and supplied variables beside them', () => {
    const config = 'executor:\n  type: kfp\n  config:\n    docker_image: ${registry}/img:$tag\n';
    const p = load({ dag: { text: dag(TASK_A) }, config: { text: config }, variables: [{ name: 'registry', value: 'r.io' }] });
    expect(p.executor.docker_image).toBe('${registry}/img:$tag');
    const settings = effectiveSettings(p, p.dag.steps[0], { resolveVariables: true });
    expect(settings.docker_image.value).toBe('r.io/img:$tag');
    expect(settings.unresolvedVariables).toEqual(['tag']);
  });

  it('reads the designer block: in-image paths, variables (supplied ones win), layout', () => {
    const text = `${dag(TASK_A)}kfp-designer:\n  files: {dag: /app/dag.yaml, config: /app/config.yaml, parameters: null}\n  variables: {a: '1', b: '2'}\n  layout:\n    a: [10, 20]\n    bad: nope\n`;
    const result = importMagnus({ dag: { text }, parameters: { text: 'x: 1' }, variables: [{ name: 'b', value: '3' }] });
    const p = result.pipeline!;
    expect(p.files).toEqual({ dag: '/app/dag.yaml', config: '/app/config.yaml' });
    expect(p.variables).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '3' },
    ]);
    expect(p.layout).toEqual({ a: { x: 10, y: 20 } });
    expect(result.diagnostics.find((d) => d.code === 'W_DESIGNER_METADATA')).toMatchObject({ line: 17 });
  });

  it('never throws on odd shapes, reporting them instead', () => {
    for (const text of ['dag: 3', 'dag:\n  steps: [1, 2]', 'dag:\n  steps:\n    a: 5', 'dag:\n  steps:\n    a:\n      type: parallel\n      branches: [x]', 'dag: {steps: {a: {type: map, branch: 7}}}']) {
      const result = importMagnus({ dag: { text } });
      expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });

  it('reads a map step with its branch and keeps the reducer', () => {
    const text = dag('    a:\n      type: map\n      iterate_on: xs\n      iterate_as: x\n      reducer: "lambda *x: x"\n      next: success\n      branch:\n        start_at: s\n        steps:\n          s: {type: stub, next: success}\n          success: {type: success}\n          fail: {type: fail}');
    const p = load({ dag: { text } });
    const step = findStep(p, 'a.map_variable_placeholder.s');
    expect(step?.graphPath).toBe('a.map_variable_placeholder');
    expect(p.dag.steps[0].extra).toEqual({ reducer: 'lambda *x: x' });
    expect((p.dag.steps[0] as unknown as TaskStep).next).toBe('success');
  });
});

describe('magnus import: terminal steps by era', () => {
  it('warns instead of noting when a file written for magnus ≤0.11 lacks its success step', () => {
    const text = 'dag:\n  start_at: a\n  steps:\n    a:\n      type: as-is\n      next: success\n    fail: {type: fail}\n';
    const result = importMagnus({ dag: { text } });
    expect(result.diagnostics.find((d) => d.code === 'W_TERMINAL_ADDED')).toMatchObject({ severity: 'warning', graph: '' });
    expect(result.pipeline!.dag.steps.map((s) => s.name)).toEqual(['a', 'fail', 'success']);
  });
});
