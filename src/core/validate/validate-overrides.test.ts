import { describe, expect, it } from 'vitest';
import type { OverrideEntry } from '../model/types';
import { pipelineOf, task, withExecutor } from './test-pipelines';
import { validatePipeline } from './validate';

const like = (fields: Record<string, unknown>) => expect.objectContaining(fields);
const overriding = (...kfp: OverrideEntry[]) => pipelineOf(task('train', 'success', { kfp }));
const withProfile = (pipeline: ReturnType<typeof pipelineOf>, ...entries: OverrideEntry[]) => withExecutor(pipeline, { profiles: [{ name: 'big', entries }] });

describe('step overrides', () => {
  it.each(['enable_caching', 'output_file', 'persistent_volumes'])('warn that %s is not honoured per step', (key) => {
    const value = key === 'enable_caching' ? true : key === 'output_file' ? 'out.yaml' : { claim: '/mnt' };
    expect(validatePipeline(overriding({ key, value }))).toEqual([like({ code: 'W_OVERRIDE_IGNORED', severity: 'warning', step: 'train', graph: '', field: `kfp.${key}` })]);
  });

  it('warn about a kfp setting even when its value is false', () => {
    expect(validatePipeline(overriding({ key: 'enable_caching', value: false }))).toEqual([like({ code: 'W_OVERRIDE_IGNORED', field: 'kfp.enable_caching' })]);
  });

  it('warn about keys the kfp executor does not know', () => {
    expect(validatePipeline(overriding({ key: 'affinity', value: 'gpu' }))).toEqual([like({ code: 'W_OVERRIDE_IGNORED', field: 'kfp.affinity' })]);
  });

  it('accept the settings a step can override', () => {
    expect(validatePipeline(overriding({ key: 'memory_limit', value: '4Gi' }, { key: 'gpu_limit', value: '1' }))).toEqual([]);
  });

  it('warn when an empty value names no profile', () => {
    expect(validatePipeline(overriding({ key: 'bigg', value: null }))).toEqual([
      like({ code: 'W_PROFILE_UNKNOWN', severity: 'warning', step: 'train', field: 'kfp.bigg', message: expect.stringContaining('no placeholder profile named `bigg`') }),
    ]);
    expect(validatePipeline(withProfile(overriding({ key: 'big', value: null }), { key: 'memory_limit', value: '8Gi' }))).toEqual([]);
  });

  it('warn when a profile name is given a value, which sets a key instead of applying the profile', () => {
    expect(validatePipeline(withProfile(overriding({ key: 'big', value: 'yes' }), { key: 'memory_limit', value: '8Gi' }))).toEqual([
      like({ code: 'W_PROFILE_WITH_VALUE', severity: 'warning', step: 'train', field: 'kfp.big' }),
    ]);
  });
});

describe('profiles', () => {
  it('warn about keys a profile cannot set', () => {
    expect(validatePipeline(withProfile(pipelineOf(task('train')), { key: 'enable_caching', value: true }))).toEqual([
      like({ code: 'W_OVERRIDE_IGNORED', severity: 'warning', field: 'profiles.big.enable_caching' }),
    ]);
  });
});

describe('parallelism override', () => {
  it('is honoured on parallel and map steps and checked there', async () => {
    const { importMagnus } = await import('../magnus/import');
    const text = (value: string, type = 'map') =>
      `dag:\n  start_at: m\n  steps:\n    m:\n      type: ${type}\n      iterate_on: xs\n      iterate_as: x\n      next: success\n      executor_config:\n        kfp: {parallelism: ${value}}\n      branch:\n        start_at: a\n        steps:\n          a: {type: stub, next: success}\n          success: {type: success}\n          fail: {type: fail}\n    success: {type: success}\n    fail: {type: fail}\n`;
    const codes = (t: string) => validatePipeline(importMagnus({ dag: { text: t } }).pipeline!).map((d) => d.code);
    expect(codes(text('2'))).not.toContain('W_OVERRIDE_IGNORED');
    expect(codes(text('2'))).not.toContain('E_PARALLELISM');
    expect(codes(text('0'))).toContain('E_PARALLELISM');
  });
});
