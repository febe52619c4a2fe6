import { describe, expect, it } from 'vitest';
import { emitPipeline, EMIT_TARGETS } from '../emit/index';
import { MAX_INPUT_BYTES, MAX_NESTED_FILES, MAX_STEP_NESTING } from '../limits';
import { pipelineOf } from '../model/defaults';
import type { Graph, Pipeline, Step } from '../model/types';
import { loadPipeline } from '../transpile';
import { validatePipeline } from '../validate/validate';
import { toYaml } from '../yaml/stringify';
import { exportMagnus } from './export';
import { importMagnus, type MagnusInput } from './import';

const DAG = `dag:\n  start_at: a\n  steps:\n    a:\n      type: task\n      command: m.f\n      next: success\n    success: {type: success}\n    fail: {type: fail}\n`;
const config = (settings: string) => `executor:\n  type: kfp\n  config:\n    docker_image: img:1\n${settings}run_log_store:\n  type: k8s-pvc\n  config: {persistent_volume_name: logs, mount_path: /mnt/logs}\n`;

const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__', 'isPrototypeOf'];

const internal = (input: MagnusInput) => importMagnus(input).diagnostics.filter((d) => d.code.endsWith('_INTERNAL'));

/** Imports, exports and imports again: the model must come back equal, and nothing may throw. */
function roundTrip(input: MagnusInput): Pipeline {
  const first = importMagnus(input);
  expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const files = exportMagnus(first.pipeline!);
  const again = importMagnus({ dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}), nested: files.nested });
  expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(again.pipeline).toEqual(first.pipeline);
  return first.pipeline!;
}

describe('keys named like Object.prototype members are data', () => {
  it.each(PROTOTYPE_NAMES)('config top-level `%s:` is a service like any other, not the executor', (name) => {
    const result = importMagnus({ dag: { text: DAG }, config: { text: `${config('')}${JSON.stringify(name)}: {type: custom}\n` } });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('W_CONFIG_DUPLICATE_EXECUTOR');
    expect(result.pipeline!.services.map((s) => s.key)).toContain(name);
    expect(result.pipeline!.executor.docker_image).toBe('img:1');
  });

  it('config top-level `constructor:` / `toString:` with scalar values: warnings with positions, no internal error', () => {
    const result = importMagnus({ dag: { text: DAG }, config: { text: 'constructor: {}\ntoString: 1\n' } });
    expect(result.diagnostics.filter((d) => d.code.endsWith('_INTERNAL'))).toEqual([]);
    expect(result.diagnostics.find((d) => d.code === 'W_CONFIG_SERVICE')).toMatchObject({ file: 'config', line: 2, column: 1 });
  });

  it.each(PROTOTYPE_NAMES)('step `type: %s` is an unknown type, at the type', (name) => {
    const result = importMagnus({ dag: { text: DAG.replace('type: task', `type: ${JSON.stringify(name)}`) } });
    expect(result.diagnostics.filter((d) => d.code.endsWith('_INTERNAL'))).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ code: 'E_IMPORT_STEP_TYPE', step: 'a', line: 5, column: 13 });
  });

  it.each(PROTOTYPE_NAMES)('executor config key `%s` is kept as written, with no era clue', (name) => {
    const result = importMagnus({ dag: { text: DAG }, config: { text: config(`    ${JSON.stringify(name)}: 1\n`) } });
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toContain('W_UNKNOWN_KEY');
    expect(codes).not.toContain('W_ERA_MIXED');
    expect(result.era.clues).not.toContain('config keys `default_*_limit`');
    expect(Object.keys(result.pipeline!.executor.extra ?? {})).toEqual([name]);
    roundTrip({ dag: { text: DAG }, config: { text: config(`    ${JSON.stringify(name)}: 1\n`) } });
  });

  it('`__proto__` in the executor config stays data: the export does not set output_file', () => {
    const input = { dag: { text: DAG }, config: { text: config('    __proto__:\n      output_file: ../evil.yaml\n') } };
    const pipeline = importMagnus(input).pipeline!;
    expect(pipeline.executor.output_file).toBeUndefined();
    const exported = exportMagnus(pipeline).config;
    expect(exported).not.toMatch(/^ {4}output_file:/m);
    expect(exported).toContain('    __proto__:\n      output_file: ../evil.yaml');
    const again = importMagnus({ dag: { text: DAG }, config: { text: exported } }).pipeline!;
    expect(again.executor.output_file).toBeUndefined();
    expect(again).toEqual(pipeline);
    expect(({} as Record<string, unknown>).output_file).toBeUndefined();
  });

  it('`__proto__` keys in steps, graphs, overrides, services and parameters stay data through export', () => {
    const dag = `dag:\n  start_at: a\n  __proto__: {description: smuggled}\n  steps:\n    a:\n      type: task\n      command: m.f\n      next: success\n      __proto__: {command: rm -rf /}\n      executor_config:\n        __proto__: {kfp: {cpu_limit: "64"}}\n        kfp: {__proto__: {memory_limit: 1Ti}}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const conf = `${config('')}__proto__: {type: evil}\ncatalog:\n  type: file-system\n  config: {__proto__: {catalog_location: /etc}}\n`;
    const parameters = '__proto__: {x: 1}\nconstructor: 2\n';
    const pipeline = roundTrip({ dag: { text: dag }, config: { text: conf }, parameters: { text: parameters } });
    const step = pipeline.dag.steps[0] as Step & { command?: string };
    expect(step.command).toBe('m.f');
    expect(pipeline.dag.description).toBeUndefined();
    expect(pipeline.parameters.map((p) => p.name)).toEqual(['__proto__', 'constructor']);
    expect(pipeline.services.map((s) => s.key)).toContain('__proto__');
    const files = exportMagnus(pipeline);
    expect(files.dag).toMatch(/^ {6}command: m\.f$/m);
    expect(files.dag).not.toMatch(/^ {6}command: rm -rf/m);
  });

  it.each(PROTOTYPE_NAMES)('a step named `%s` imports, validates, emits and round-trips', (name) => {
    const dag = `dag:\n  start_at: ${JSON.stringify(name)}\n  steps:\n    ${JSON.stringify(name)}:\n      type: task\n      command: m.f\n      next: success\n    success: {type: success}\n    fail: {type: fail}\nkfp-designer:\n  layout: {${JSON.stringify(name)}: [10, 20]}\n`;
    const input = { dag: { text: dag }, config: { text: config(`    secrets_from_k8s: {${JSON.stringify(name)}: "s:k"}\n`) } };
    const pipeline = roundTrip(input);
    expect(Object.getOwnPropertyNames(pipeline.layout)).toEqual([name]);
    expect(Object.getPrototypeOf(pipeline.layout)).toBe(Object.prototype);
    const loaded = loadPipeline(input);
    expect(loaded.diagnostics.filter((d) => d.code.endsWith('_INTERNAL'))).toEqual([]);
    for (const target of EMIT_TARGETS) {
      const emitted = emitPipeline(pipeline, { target });
      expect(emitted.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});

describe('bounded imports', () => {
  /** `levels` parallel steps, each the single branch of the one before. */
  function nestedPipeline(levels: number): Pipeline {
    let graph: Graph = { start_at: 'leaf', steps: [{ name: 'leaf', type: 'stub', next: 'success' }, { name: 'success', type: 'success' }, { name: 'fail', type: 'fail' }] };
    for (let i = 0; i < levels; i++) {
      graph = { start_at: `p${i}`, steps: [{ name: `p${i}`, type: 'parallel', next: 'success', branches: [{ name: 'b', graph }] }, { name: 'success', type: 'success' }, { name: 'fail', type: 'fail' }] };
    }
    return { ...pipelineOf(graph), executor: { docker_image: 'img', profiles: [] } };
  }

  /** The dag file of `levels` nested parallel steps, written by hand (the exporter refuses past the limit). */
  function nestedDagText(levels: number): string {
    let graph: Record<string, unknown> = { start_at: 'leaf', steps: { leaf: { type: 'stub', next: 'success' }, success: { type: 'success' }, fail: { type: 'fail' } } };
    for (let i = 0; i < levels; i++) {
      graph = { start_at: `p${i}`, steps: { [`p${i}`]: { type: 'parallel', next: 'success', branches: { b: graph } }, success: { type: 'success' }, fail: { type: 'fail' } } };
    }
    return toYaml({ dag: graph });
  }

  it(`reads composite steps nested ${MAX_STEP_NESTING} deep, and refuses one more level at the step that goes past it`, () => {
    const files = exportMagnus(nestedPipeline(MAX_STEP_NESTING));
    expect(files.diagnostics).toEqual([]);
    expect(importMagnus({ dag: { text: files.dag } }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = importMagnus({ dag: { text: nestedDagText(MAX_STEP_NESTING + 1) } });
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error).toMatchObject({ code: 'E_NESTING_TOO_DEEP', file: 'dag', step: expect.stringMatching(/\.p0$/), line: expect.any(Number) });
    expect(error.message).toContain(String(MAX_STEP_NESTING));
    expect(result.pipeline).toBeUndefined();
  });

  it('refuses a model nested 10,000 deep in validation, emission and export with the limit, not a stack overflow', () => {
    const pipeline = nestedPipeline(10_000);
    const check = (diagnostics: { code: string; message: string }[]) => {
      expect(diagnostics.map((d) => d.code)).toEqual(['E_NESTING_TOO_DEEP']);
      expect(diagnostics[0].message).toContain(String(MAX_STEP_NESTING));
      expect(diagnostics[0].message).not.toMatch(/call stack/i);
    };
    check(validatePipeline(pipeline));
    for (const target of EMIT_TARGETS) {
      const emitted = emitPipeline(pipeline, { target });
      expect(emitted.text).toBe('');
      check(emitted.diagnostics);
    }
    check(exportMagnus(pipeline).diagnostics);
  });

  it('a chain of nested dag files deeper than the nesting limit is refused at the step that goes past it', () => {
    const nested = (path: string) => {
      const n = Number(/(\d+)/.exec(path)![1]);
      return `dag:\n  start_at: d\n  steps:\n    d: {type: dag, dag_definition: f${n + 1}.yaml, next: success}\n    success: {type: success}\n    fail: {type: fail}\n`;
    };
    const result = importMagnus({ dag: { text: nested('f0.yaml') }, nested });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['E_NESTING_TOO_DEEP']);
  });

  it(`reads at most ${MAX_NESTED_FILES} distinct nested dag files`, () => {
    const steps = Array.from({ length: MAX_NESTED_FILES + 1 }, (_, i) => `    d${i}: {type: dag, dag_definition: f${i}.yaml, next: ${i === MAX_NESTED_FILES ? 'success' : `d${i + 1}`}}\n`).join('');
    const dag = `dag:\n  start_at: d0\n  steps:\n${steps}    success: {type: success}\n    fail: {type: fail}\n`;
    const leaf = 'dag:\n  start_at: x\n  steps:\n    x: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';
    let reads = 0;
    const result = importMagnus({ dag: { text: dag }, nested: () => (reads++, leaf) });
    expect(reads).toBe(MAX_NESTED_FILES);
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error).toMatchObject({ code: 'E_NESTED_FILES_LIMIT', step: `d${MAX_NESTED_FILES}`, line: MAX_NESTED_FILES + 4 });
    // The same file named twice is read once.
    const twice = dag.replaceAll(/f\d+\.yaml/g, 'same.yaml');
    reads = 0;
    expect(importMagnus({ dag: { text: twice }, nested: () => (reads++, leaf) }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(reads).toBe(1);
  });

  it('refuses the input when all its files together exceed the total size budget', () => {
    const big = `# ${'x'.repeat(7 * 1024 * 1024)}\n`;
    const dag = `dag:\n  start_at: d0\n  steps:\n${Array.from({ length: 5 }, (_, i) => `    d${i}: {type: dag, dag_definition: f${i}.yaml, next: ${i === 4 ? 'success' : `d${i + 1}`}}\n`).join('')}    success: {type: success}\n    fail: {type: fail}\n`;
    const leaf = `${big}dag:\n  start_at: x\n  steps:\n    x: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const result = importMagnus({ dag: { text: dag }, nested: () => leaf });
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.code).toBe('E_INPUT_TOO_LARGE');
    expect(error.message).toContain(`${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
  });

  it('a merge key with a non-mapping source is a positioned error, not an internal one', () => {
    const result = importMagnus({ dag: { text: 'base: &b 3\ndag:\n  <<: *b\n  start_at: a\n' } });
    expect(internal({ dag: { text: 'x: &k {<<: 1}\n*k : 2\ndag: {}\n' } })).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ code: 'YAML_MERGE', file: 'dag', line: 3, column: 7 });
  });
});

describe('secret references in diagnostics', () => {
  it('E_SECRET_REF_FORMAT points at the value without repeating it', () => {
    const secret = 'hunter2-REAL-SECRET-VALUE';
    const result = loadPipeline({ dag: { text: DAG }, config: { text: config(`    secrets_from_k8s:\n      AWS_KEY: ${secret}\n`) } });
    const found = result.diagnostics.find((d) => d.code === 'E_SECRET_REF_FORMAT')!;
    expect(found).toMatchObject({ file: 'config', line: 6, column: 16, field: 'executor.secrets_from_k8s.AWS_KEY' });
    expect(JSON.stringify(result.diagnostics)).not.toContain(secret);
  });

  it.each([
    ['a name', 'Pass@Word-1:key'],
    ['a key', 'creds:pa55w0rd!x'],
    ['three parts', 'a:b:c-secret-value'],
    ['an empty name', ':pa55w0rd-value'],
    ['an empty key', 'pa55w0rd-value:'],
  ])('no secret diagnostic repeats the reference when it is not valid as %s', (_what, ref) => {
    const result = loadPipeline({ dag: { text: DAG }, config: { text: config(`    secrets_from_k8s:\n      AWS_KEY: "${ref}"\n`) } });
    expect(result.diagnostics.some((d) => d.code.startsWith('E_SECRET'))).toBe(true);
    const text = JSON.stringify(result.diagnostics);
    for (const part of ref.split(':').filter((p) => p.length > 3)) expect(text).not.toContain(part);
  });
});

describe('what the export cannot write as a mapping', () => {
  it('keeps repeated volume claims and secret variables (list form), so nothing is lost on the way through the files', () => {
    const conf = config(
      '    persistent_volumes:\n      - {name: data, mount_path: /a}\n      - {name: data, mount_path: /b}\n' +
        '    secrets_from_k8s:\n      - {environment_variable: KEY, secret_name: s1, secret_key: k}\n      - {environment_variable: KEY, secret_name: no-colon}\n      - {environment_variable: KEY, secret_name: s3, secret_key: ""}\n',
    );
    const input = { dag: { text: DAG }, config: { text: conf } };
    const pipeline = importMagnus(input).pipeline!;
    expect(pipeline.executor.persistent_volumes).toEqual([
      { claim: 'data', mountPath: '/a' },
      { claim: 'data', mountPath: '/b' },
    ]);
    expect(pipeline.executor.secrets_from_k8s!.map((s) => s.ref)).toEqual(['s1:k', 'no-colon', 's3:']);
    const files = exportMagnus(pipeline);
    expect(importMagnus({ dag: { text: files.dag }, config: { text: files.config } }).pipeline).toEqual(pipeline);
    // Validation says what is wrong with them.
    const codes = loadPipeline(input).diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['E_SECRET_DUPLICATE_ENV', 'E_SECRET_REF_FORMAT']));
  });
});

describe('what an Argo config keeps as written under a name the kfp dialect reads', () => {
  // Found by the fuzzer: runnable's `overrides` leftovers came back as a second `overrides:` profile block, and were dropped.
  const runnable = (extra: string) =>
    `pipeline-executor:\n  type: argo\n  config:\n    defaults:\n      image: img:1\n    overrides:\n      cpu-machine:\n        propertyIsEnumerable:\n          - effect: NoSchedule\n        resources:\n          limits:\n            cpu: "4"\n            nvidia.com/gpu: 1\n${extra}`;

  it.each([
    ['runnable ≥0.20, unknown keys inside an override', runnable('')],
    ['runnable ≥0.20, unknown top-level keys named like kfp settings', runnable('    tolerations: [{key: k}]\n    persistent_volumes: runnable\n    placeholders: {p: {cpu_limit: "2"}}\n    cpu_limit: "9"\n')],
    ['magnus 0.5 flat, an override beside a profile', 'executor:\n  type: argo\n  config:\n    image: img:1\n    overrides:\n      seq:\n        parallelism: 1\n        retry_strategy: {limit: 2, bogus: 1}\n'],
  ])('%s: kept, not applied, and the same after export and import', (_what, text) => {
    const pipeline = roundTrip({ dag: { text: DAG }, config: { text } });
    const exported = exportMagnus(pipeline).config;
    // None of them became a setting: they sit under one key the kfp dialect does not read.
    expect(pipeline.executor.cpu_limit).not.toBe('9');
    expect(pipeline.executor.tolerations).toBeUndefined();
    expect(pipeline.executor.profiles.map((p) => p.name)).not.toContain('p');
    for (const key of Object.keys(pipeline.executor.extra ?? {})) expect(['kept_from_argo', 'defaults']).toContain(key);
    expect(Object.keys((pipeline.executor.extra!.kept_from_argo as { overrides: object }).overrides)).toEqual([pipeline.executor.profiles[0].name]);
    expect(exported).toContain('kept_from_argo:');
  });
});

describe('an empty text setting in an Argo config', () => {
  // Found by the fuzzer: `serviceAccountName: ~` became the setting "", which the exported kfp config reads as no setting.
  it.each([
    ['runnable ≥0.20', 'pipeline-executor:\n  type: argo\n  config:\n    pvc_for_runnable: ""\n    defaults:\n      image: img:1\n    argoWorkflow:\n      metadata:\n        generateName: ~\n        namespace: ""\n      spec:\n        serviceAccountName: ~\n        activeDeadlineSeconds: ""\n'],
    ['magnus 0.5 flat', 'executor:\n  type: argo\n  config:\n    image: img:1\n    service_account_name: ""\n    name: ""\n'],
  ])('%s: is no setting, as in the kfp dialect, and the same after export and import', (_era, text) => {
    const pipeline = roundTrip({ dag: { text: DAG }, config: { text } });
    expect(pipeline.executor.docker_image).toBe('img:1');
    for (const key of ['service_account', 'generate_name', 'namespace', 'pvc_for_runnable', 'workflow_active_deadline_seconds'] as const) expect(pipeline.executor[key]).toBeUndefined();
  });
});

describe('a key of a magnus 0.5 Argo override that is no Argo setting', () => {
  // Found by the fuzzer: `parallelism` renamed to `output_file` kept the number 1, which the exported kfp profile reads as "1".
  it('is read as the kfp dialect reads a profile entry, and the same after export and import', () => {
    const text = 'executor:\n  type: argo\n  config:\n    image: img:1\n    overrides:\n      seq:\n        output_file: 1\n        cpu_limit: 2\n        bogus: {a: 1}\n';
    const pipeline = roundTrip({ dag: { text: DAG }, config: { text } });
    expect(pipeline.executor.profiles[0].entries).toEqual(expect.arrayContaining([{ key: 'output_file', value: '1' }, { key: 'cpu_limit', value: '2' }, { key: 'bogus', value: { a: 1 } }]));
  });
});
