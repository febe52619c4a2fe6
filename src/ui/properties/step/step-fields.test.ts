import { describe, expect, it } from 'vitest';
import { attemptsText, globsText, overrideText, parseAttempts, parseGlobs, withCatalogList } from './step-fields';

describe('step field text', () => {
  it('edits one catalog list and drops what becomes empty', () => {
    expect(withCatalogList(undefined, 'get', ['a/*'])).toEqual({ get: ['a/*'] });
    expect(withCatalogList({ get: ['a'], put: ['b'] }, 'get', [])).toEqual({ put: ['b'] });
    expect(withCatalogList({ get: ['a'] }, 'get', [])).toBeUndefined();
    expect(withCatalogList({ compute_data_folder: 'data' }, 'put', [])).toEqual({ compute_data_folder: 'data' });
  });
  it('reads one glob per line', () => {
    expect(parseGlobs('data/*.csv\n\n  models/*  \n')).toEqual({ value: ['data/*.csv', 'models/*'] });
    expect(globsText(['a', 'b'])).toBe('a\nb');
  });
  it('keeps any number of attempts and refuses only what is not a number', () => {
    expect(parseAttempts('3')).toEqual({ value: 3 });
    expect(parseAttempts('1.5')).toEqual({ value: 1.5 });
    expect(parseAttempts(' ')).toEqual({ value: undefined });
    expect(parseAttempts('three')).toEqual({ error: expect.stringContaining('not a number') });
    expect(attemptsText(undefined)).toBe('');
  });
  it('shows a written override as text', () => {
    const step = { name: 's', type: 'task' as const, kfp: [{ key: 'gpu_limit', value: 1 }, { key: 'big', value: null }] };
    expect(overrideText(step, 'gpu_limit')).toBe('1');
    expect(overrideText(step, 'big')).toBe('');
    expect(overrideText(step, 'cpu_limit')).toBeUndefined();
  });
});
