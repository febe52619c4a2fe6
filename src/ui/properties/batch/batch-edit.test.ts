import { describe, expect, it } from 'vitest';
import { terminalGraph } from '../../../core/model/new-steps';
import { setStepOverride } from '../../../core/model/settings-actions';
import { effectiveSettings } from '../../../core/model/effective';
import { findStep } from '../../../core/model/paths';
import type { Pipeline } from '../../../core/model/types';
import {
  addSecretToAll,
  batchAttemptsValue,
  batchOverrideValue,
  batchSecrets,
  batchTargets,
  removeSecretFromAll,
  resetOverrideOnAll,
  secretsOverridden,
  setAttemptsOnAll,
  setOverrideOnAll,
} from './batch-edit';
import { batchPlaceholder, batchStatus, skippedText } from './batch-text';

function pipeline(): Pipeline {
  return {
    dag: {
      start_at: 'a',
      steps: [
        { name: 'a', type: 'task', command: 'm.f', next: 'b', max_attempts: 3 },
        { name: 'b', type: 'stub', next: 'p' },
        { name: 'p', type: 'parallel', next: 'success', branches: [{ name: 'one', graph: terminalGraph('x') }] },
        { name: 'success', type: 'success' },
        { name: 'fail', type: 'fail' },
      ],
    },
    executor: { docker_image: 'img', memory_limit: '1Gi', secrets_from_k8s: [{ env: 'TOKEN', ref: 'tok:key' }], profiles: [] },
    services: [],
    parameters: [],
    variables: [],
    files: { dag: 'pipeline.yaml' },
    layout: {},
  };
}

const step = (p: Pipeline, path: string) => findStep(p, path)!.step;
const effective = (p: Pipeline, path: string) => effectiveSettings(p, step(p, path));

describe('batch targets', () => {
  it('are the selected steps that run a container for overrides, and tasks and stubs for attempts', () => {
    const p = pipeline();
    const selected = ['a', 'p', 'success', 'b', 'gone'];
    expect(batchTargets(p, selected, 'override')).toEqual({ applies: ['a', 'success', 'b'], skipped: [{ path: 'p', type: 'parallel' }] });
    expect(batchTargets(p, selected, 'attempts')).toEqual({
      applies: ['a', 'b'],
      skipped: [
        { path: 'p', type: 'parallel' },
        { path: 'success', type: 'success' },
      ],
    });
  });
});

describe('batch overrides', () => {
  it('override a setting on every target and none other, and reset it on all of them', () => {
    const before = pipeline();
    const set = setOverrideOnAll(before, ['a', 'b', 'p'], 'memory_limit', '4Gi');
    expect(effective(set, 'a').memory_limit).toEqual({ value: '4Gi', source: { kind: 'step' } });
    expect(effective(set, 'b').memory_limit).toEqual({ value: '4Gi', source: { kind: 'step' } });
    expect(step(set, 'p').kfp).toBeUndefined();
    expect(step(set, 'success')).toBe(step(before, 'success'));
    const reset = resetOverrideOnAll(set, ['a', 'b', 'p'], 'memory_limit');
    expect(step(reset, 'a')).toEqual(step(before, 'a'));
    expect(step(reset, 'b')).toEqual(step(before, 'b'));
  });

  it('leave other overrides of the same steps alone when resetting', () => {
    const p = setOverrideOnAll(setOverrideOnAll(pipeline(), ['a', 'b'], 'cpu_limit', '2'), ['a'], 'memory_limit', '2Gi');
    const reset = resetOverrideOnAll(p, ['a', 'b'], 'memory_limit');
    expect(step(reset, 'a').kfp).toEqual([{ key: 'cpu_limit', value: '2' }]);
    expect(step(reset, 'b')).toBe(step(p, 'b'));
  });

  it('show the common value, or mixed, and how many targets override it', () => {
    const p = pipeline();
    expect(batchOverrideValue(p, ['a', 'b'], 'memory_limit')).toEqual({ text: '', common: '1Gi', mixed: false, overridden: 0, total: 2 });
    const one = setStepOverride(p, 'a', 'memory_limit', '4Gi');
    expect(batchOverrideValue(one, ['a', 'b'], 'memory_limit')).toEqual({ text: '', common: undefined, mixed: true, overridden: 1, total: 2 });
    const both = setOverrideOnAll(p, ['a', 'b'], 'memory_limit', '4Gi');
    expect(batchOverrideValue(both, ['a', 'b'], 'memory_limit')).toEqual({ text: '4Gi', common: '4Gi', mixed: false, overridden: 2, total: 2 });
  });
});

describe('batch attempts', () => {
  it('set and clear max_attempts on tasks and stubs only', () => {
    const p = setAttemptsOnAll(pipeline(), ['a', 'b', 'success'], 5);
    expect(step(p, 'a')).toMatchObject({ max_attempts: 5 });
    expect(step(p, 'b')).toMatchObject({ max_attempts: 5 });
    expect(step(p, 'success')).toEqual({ name: 'success', type: 'success' });
    expect(batchAttemptsValue(p, ['a', 'b'])).toMatchObject({ text: '5', common: '5', mixed: false, overridden: 2 });
    const cleared = setAttemptsOnAll(p, ['a', 'b'], undefined);
    expect('max_attempts' in step(cleared, 'a')).toBe(false);
    expect(batchAttemptsValue(pipeline(), ['a', 'b'])).toMatchObject({ text: '', mixed: true, overridden: 1 });
  });
});

describe('batch secrets', () => {
  it('add a secret to every target on top of what it inherits, replacing the same variable', () => {
    const p = addSecretToAll(pipeline(), ['a', 'b', 'p'], { env: 'AWS', ref: 'aws:key' });
    expect(effective(p, 'a').secrets_from_k8s).toEqual({
      value: [
        { env: 'TOKEN', ref: 'tok:key' },
        { env: 'AWS', ref: 'aws:key' },
      ],
      source: { kind: 'step' },
    });
    expect(step(p, 'p').kfp).toBeUndefined();
    const replaced = addSecretToAll(p, ['a'], { env: 'AWS', ref: 'other:key' });
    expect(effective(replaced, 'a').secrets_from_k8s.value).toEqual([
      { env: 'TOKEN', ref: 'tok:key' },
      { env: 'AWS', ref: 'other:key' },
    ]);
    expect(batchSecrets(replaced, ['a', 'b'])).toEqual([
      { env: 'TOKEN', refs: ['tok:key'], steps: 2 },
      { env: 'AWS', refs: ['other:key', 'aws:key'], steps: 2 },
    ]);
    expect(secretsOverridden(replaced, ['a', 'b', 'success'])).toBe(2);
  });

  it('remove a variable from every target that has it, inherited or not', () => {
    const p = removeSecretFromAll(pipeline(), ['a', 'b'], 'TOKEN');
    expect(effective(p, 'a').secrets_from_k8s).toEqual({ value: [], source: { kind: 'step' } });
    expect(effective(p, 'success').secrets_from_k8s.value).toEqual([{ env: 'TOKEN', ref: 'tok:key' }]);
    expect(removeSecretFromAll(p, ['a', 'b'], 'TOKEN')).toBe(p);
  });
});

describe('batch wording', () => {
  it('says how many steps override a setting and whether they differ', () => {
    expect(batchStatus({ overridden: 0, total: 2, mixed: false })).toEqual({ badge: 'inherited', from: 'on both steps' });
    expect(batchStatus({ overridden: 3, total: 3, mixed: false })).toEqual({ badge: 'overridden', from: 'on all 3 steps' });
    expect(batchStatus({ overridden: 0, total: 1, mixed: false })).toEqual({ badge: 'inherited', from: 'on the one step' });
    expect(batchStatus({ overridden: 1, total: 3, mixed: true })).toEqual({ badge: 'overridden', from: 'on 1 of 3 steps; the values differ' });
    expect(batchPlaceholder({ mixed: true, common: undefined }, '4Gi')).toBe('mixed');
    expect(batchPlaceholder({ mixed: false, common: '' }, '4Gi')).toBe('4Gi');
    expect(batchPlaceholder({ mixed: false, common: '2Gi' }, '4Gi')).toBe('2Gi');
  });

  it('names the skipped steps and why', () => {
    expect(skippedText('Kubeflow settings', [])).toBeUndefined();
    expect(skippedText('Kubeflow settings', [{ path: 'p', type: 'parallel' }])).toBe(
      'Kubeflow settings skip one selected step: p (parallel: runs no container of its own).',
    );
  });
});
