import { describe, expect, it } from 'vitest';
import { terminalGraph } from '../../core/model/new-steps';
import type { Pipeline } from '../../core/model/types';
import { stepToGo } from './navigate';
import { pipelineOf } from '../../core/model/defaults';

const pipeline: Pipeline = {
  ...pipelineOf({
    start_at: 'a',
    steps: [
      { name: 'z', type: 'stub', next: 'a' },
      { name: 'a', type: 'task', next: 'p', on_failure: 'fail' },
      { name: 'p', type: 'parallel', next: 'success', branches: [{ name: 'one', graph: terminalGraph('x') }] },
      { name: 'success', type: 'success' },
      { name: 'fail', type: 'fail' },
    ],
  }),
  layout: {},
};

describe('moving the selection by keyboard', () => {
  it('starts at the start step when nothing (or a step no longer there) is selected', () => {
    expect(stepToGo(pipeline, undefined, 'next')).toBe('a');
    expect(stepToGo(pipeline, 'gone', 'following')).toBe('a');
  });

  it('follows next edges forwards and backwards', () => {
    expect(stepToGo(pipeline, 'a', 'next')).toBe('p');
    expect(stepToGo(pipeline, 'p', 'next')).toBe('success');
    expect(stepToGo(pipeline, 'p', 'previous')).toBe('a');
    expect(stepToGo(pipeline, 'a', 'previous')).toBe('z');
    expect(stepToGo(pipeline, 'fail', 'previous')).toBe('a'); // over on_failure
    expect(stepToGo(pipeline, 'success', 'next')).toBeUndefined();
  });

  it('stays inside a branch along edges, and goes back up to the group from its first step', () => {
    expect(stepToGo(pipeline, 'p.one.x', 'next')).toBe('p.one.success');
    expect(stepToGo(pipeline, 'p.one.x', 'previous')).toBe('p');
  });

  it('walks every step in list order, into branches, without wrapping', () => {
    expect(stepToGo(pipeline, 'p', 'following')).toBe('p.one.x');
    expect(stepToGo(pipeline, 'p.one.x', 'preceding')).toBe('p');
    expect(stepToGo(pipeline, 'z', 'preceding')).toBeUndefined();
    expect(stepToGo(pipeline, 'fail', 'following')).toBeUndefined();
  });
});
