import { describe, expect, it } from 'vitest';
import { terminalGraph } from '../../core/model/new-steps';
import type { Pipeline } from '../../core/model/types';
import { cycleIndex, findSteps } from './find';
import { pipelineOf } from '../../core/model/defaults';

const pipeline: Pipeline = {
  ...pipelineOf({
    start_at: 'Prepare',
    steps: [
      { name: 'Prepare', type: 'task', command: 'data.load', next: 'p' },
      {
        name: 'p',
        type: 'parallel',
        next: 'success',
        branches: [{ name: 'one', graph: { start_at: 'train', steps: [{ name: 'train', type: 'task', command: 'model.fit_data', next: 'm' }, { name: 'm', type: 'map', branch: terminalGraph('inner') }] } }],
      },
      { name: 'success', type: 'success' },
    ],
  }),
  layout: {},
};

describe('finding steps', () => {
  it('matches names and commands, case-insensitively, at any depth, in list order', () => {
    expect(findSteps(pipeline, ' DATA ').map((m) => [m.path, m.field])).toEqual([
      ['Prepare', 'command'],
      ['p.one.train', 'command'],
    ]);
    expect(findSteps(pipeline, 'prep')).toMatchObject([{ path: 'Prepare', field: 'name', within: [] }]);
  });

  it('says which groups a match is inside', () => {
    expect(findSteps(pipeline, 'inner')).toMatchObject([{ path: 'p.one.m.map_variable_placeholder.inner', within: ['p', 'm'] }]);
    expect(findSteps(pipeline, 'train')).toMatchObject([{ within: ['p'] }]);
  });

  it('finds nothing for an empty query or no match', () => {
    expect(findSteps(pipeline, '  ')).toEqual([]);
    expect(findSteps(pipeline, 'nope')).toEqual([]);
  });

  it('cycles through the matches both ways', () => {
    expect(cycleIndex(-1, 3, 1)).toBe(0);
    expect(cycleIndex(-1, 3, -1)).toBe(2);
    expect(cycleIndex(2, 3, 1)).toBe(0);
    expect(cycleIndex(0, 3, -1)).toBe(2);
    expect(cycleIndex(0, 0, 1)).toBe(-1);
  });
});
