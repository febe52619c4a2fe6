import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMIT_TARGETS, emitPipeline } from '../../core/emit/index';
import { exportMagnus } from '../../core/magnus/export';
import { importMagnus } from '../../core/magnus/import';
import { effectiveSettings } from '../../core/model/effective';
import { walkSteps } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import { validatePipeline } from '../../core/validate/validate';
import { EXAMPLE } from '../../example';
import { createEdgeDeriver, createNodeDeriver } from '../canvas/derive-flow';
import { describeShared } from '../share/share-link';
import { examplePipeline } from './initial';
import { readSave } from './read-save';
import { restoreSaved } from './restore';
import { ASIDE_PREFIX, AUTOSAVE_KEY } from './saved';
import { memoryStorage } from './memory-storage';

const example = examplePipeline();
const saved = (change: (p: Record<string, unknown>) => void) => {
  const value = structuredClone(example) as unknown as Record<string, unknown>;
  change(value);
  return JSON.stringify(value);
};
const at = (value: unknown, ...path: (string | number)[]) =>
  path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), value) as Record<string, unknown>;
/** As the page has the reader worker run read-save.ts. */
const readInWorker = async (text: string) => readSave(text);
const steps = (p: Record<string, unknown>) => at(p, 'dag', 'steps') as unknown as Record<string, unknown>[];

describe('restoring the saved pipeline', () => {
  it('restores a save of the designer as it was', () => {
    expect(readSave(JSON.stringify(example))).toEqual({ pipeline: example, seed: expect.objectContaining({ target: 'kfp-v2', validation: expect.any(Array), exported: expect.any(Object) }) });
  });

  it.each([
    ['a null step', (p: Record<string, unknown>) => steps(p).splice(0, 1, null as never), /^dag\.steps\.0: expected Object, found null$/],
    ['a parallel step without branches', (p: Record<string, unknown>) => steps(p).splice(0, 1, { name: 'fan', type: 'parallel' }), /^dag\.steps\.0\.branches: missing$/],
    ['a string where secrets are a list', (p: Record<string, unknown>) => (at(p, 'executor').secrets_from_k8s = 'TOKEN=tok:key'), /^executor\.secrets_from_k8s: expected Array, found "TOKEN=tok:key"$/],
    ['a secrets override that is not a list', (p: Record<string, unknown>) => (steps(p)[0].kfp = [{ key: 'secrets_from_k8s', value: 'x' }]), /^dag\.steps\.0\.kfp\.0/],
    ['a step type the model does not have', (p: Record<string, unknown>) => (steps(p)[0].type = 'shell'), /^dag\.steps\.0\.type: expected /],
    ['a position that is not one', (p: Record<string, unknown>) => (at(p, 'layout')['prepare data'] = { x: '1', y: 2 }), /^layout: /],
    ['a position under a name an object has', (p: Record<string, unknown>) => (at(p, 'layout')['constructor'] = 'up'), /^layout: /],
    ['a field the model does not have', (p: Record<string, unknown>) => (at(p, 'executor').cpu = '1'), /^executor\.cpu: not a field of the pipeline model$/],
    ['no executor profiles', (p: Record<string, unknown>) => delete at(p, 'executor').profiles, /^executor\.profiles: missing$/],
    ['a branch graph that is a string', (p: Record<string, unknown>) => steps(p).splice(0, 1, { name: 'each', type: 'map', branch: 'x' }), /^dag\.steps\.0\.branch: expected Object, found "x"$/],
  ])('refuses %s, saying where', (_, change, problem) => {
    const result = readSave(saved(change));
    expect('problem' in result && result.problem).toMatch(problem);
  });

  it('refuses what is not JSON, or not an object', () => {
    expect(readSave('{"dag":')).toEqual({ problem: expect.stringMatching(/^it is not readable \(/) });
    expect(readSave('[]')).toEqual({ problem: 'dag: missing' });
    expect(readSave('"pipeline"')).toEqual({ problem: 'the pipeline: expected Object, found "pipeline"' });
  });

  it('keeps a save it cannot restore aside, under a key of its own, once', async () => {
    const bad = saved((p) => steps(p).splice(0, 1, null as never));
    const storage = memoryStorage({ [AUTOSAVE_KEY]: bad });
    const restored = await restoreSaved(bad, storage, readInWorker);
    expect(restored.ok).toBe(false);
    if (restored.ok) return;
    expect(restored.recovery).toMatchObject({ text: bad, problem: expect.stringContaining('dag.steps.0') });
    expect(restored.recovery.keptAs).toMatch(new RegExp(`^${ASIDE_PREFIX.replaceAll('.', '\\.')}`));
    expect(storage.getItem(restored.recovery.keptAs!)).toBe(bad);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(bad);
    // Opening the page again finds the same save: not kept a second time.
    expect(await restoreSaved(bad, storage, readInWorker)).toMatchObject({ recovery: { keptAs: restored.recovery.keptAs } });
    expect(storage.length).toBe(2);
  });

  it('says when a save could not be kept aside (storage full), and leaves it where it is', async () => {
    const bad = saved((p) => steps(p).splice(0, 1, null as never));
    const storage = memoryStorage({ [AUTOSAVE_KEY]: bad }, AUTOSAVE_KEY.length + bad.length + 10);
    const restored = await restoreSaved(bad, storage, readInWorker);
    expect(restored).toMatchObject({ ok: false, recovery: { keptAs: undefined } });
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(bad);
  });

  it('keeps a save aside when reading it failed or ran out of time, saying why', async () => {
    const good = JSON.stringify(example);
    const storage = memoryStorage({ [AUTOSAVE_KEY]: good });
    const restored = await restoreSaved(good, storage, () => Promise.reject(new Error('reading took longer than 60 s and was stopped')));
    expect(restored).toMatchObject({ ok: false, recovery: { text: good, problem: 'it could not be read (reading took longer than 60 s and was stopped)' } });
    if (!restored.ok) expect(storage.getItem(restored.recovery.keptAs!)).toBe(good);
  });

  it('hands the page the pipeline with what the worker derived from it', async () => {
    const restored = await restoreSaved(JSON.stringify(example), memoryStorage({}), readInWorker);
    expect(restored).toMatchObject({ ok: true, pipeline: example, seed: { target: 'kfp-v2' } });
    if (restored.ok) expect(restored.seed.emission.diagnostics).toEqual(emitPipeline(example, { target: 'kfp-v2' }).diagnostics);
  });
});

/** Every way the page reads a pipeline at once: checking, emitting, exporting, drawing, describing. */
function usePipelineAsThePageDoes(pipeline: Pipeline) {
  validatePipeline(pipeline);
  for (const target of EMIT_TARGETS) emitPipeline(pipeline, { target });
  exportMagnus(pipeline);
  for (const { step } of walkSteps(pipeline.dag)) effectiveSettings(pipeline, step, { resolveVariables: true });
  createNodeDeriver()(pipeline, new Map());
  createEdgeDeriver()(pipeline, new Set());
  describeShared(pipeline);
}

/** Every kind of step, nested graphs, overrides, profiles, secrets, volumes, parameters: a save with every part the model has. */
const rich = (): Pipeline => {
  const dag = `dag:
  start_at: prepare
  steps:
    prepare: {type: task, command: python prep.py, next: fan out, on_failure: fail, executor_config: {kfp: {memory_limit: 2Gi, secrets_from_k8s: {TOKEN: "tok:key"}}}}
    fan out:
      type: parallel
      branches:
        a: {start_at: x, steps: {x: {type: stub, next: success}, success: {type: success}, fail: {type: fail}}}
        b: {start_at: x, steps: {x: {type: task, command: b.py, next: success}, success: {type: success}, fail: {type: fail}}}
      next: each
    each: {type: map, iterate_on: files, iterate_as: file, branch: {start_at: s, steps: {s: {type: stub, next: success}, success: {type: success}, fail: {type: fail}}}, next: nested}
    nested: {type: dag, dag_definition: sub.yaml, next: success}
    success: {type: success}
    fail: {type: fail}
`;
  const sub = 'dag:\n  start_at: one\n  steps:\n    one: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n';
  const pipeline = importMagnus({ dag: { text: dag }, config: EXAMPLE.config, parameters: EXAMPLE.parameters, nested: { 'sub.yaml': sub } }).pipeline!;
  return { ...pipeline, layout: { prepare: { x: 0, y: 0 }, 'fan out': { x: 0, y: 100 } }, variables: [{ name: 'region', value: 'eu' }] };
};

describe('a save changed anywhere', () => {
  /** Every place in the save's JSON, as a path. */
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  const base = rich();
  walk(JSON.parse(JSON.stringify(base)), []);
  const replacements = [null, 'x', '', 0, -1, 1.5, true, [], {}, [null], { name: 'x' }, undefined];

  it('is either refused, or a pipeline the page can work with', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.constantFrom(...replacements)), { minLength: 1, maxLength: 3 }), (changes) => {
        const value = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
        for (const [index, replacement] of changes) {
          const path = paths[index];
          if (path.length === 0) continue;
          const parent = at(value, ...path.slice(0, -1));
          if (!parent || typeof parent !== 'object') continue;
          const key = path[path.length - 1];
          if (replacement === undefined) delete parent[key];
          else parent[key] = structuredClone(replacement);
        }
        const read = readSave(JSON.stringify(value));
        if ('pipeline' in read) usePipelineAsThePageDoes(read.pipeline);
      }),
      { numRuns: 500 },
    );
  });
});
