import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../core/model/types';
import { edgeChoices } from './edge-choices';

const steps = (names: string[]): Step[] => names.map((name, i) => ({ name, type: i % 2 ? 'stub' : 'task', command: 'x' }) as Step);

describe('edgeChoices', () => {
  it('lists every other step of the graph, after (none)', () => {
    expect(edgeChoices(steps(['a', 'b', 'c']), 'b', 'c', true)).toEqual([
      { value: '', label: '(none)' },
      { value: 'a', label: 'a (task)' },
      { value: 'c', label: 'c (task)' },
    ]);
  });
  it('before they are listed, offers (none) and the current choice only, as the full list labels it', () => {
    expect(edgeChoices(steps(['a', 'b', 'c']), 'b', 'c', false)).toEqual([
      { value: '', label: '(none)' },
      { value: 'c', label: 'c (task)' },
    ]);
    expect(edgeChoices(steps(['a', 'b']), 'a', '', false)).toEqual([{ value: '', label: '(none)' }]);
    expect(edgeChoices(steps(['a', 'b']), 'a', 'gone', false)).toEqual([
      { value: '', label: '(none)' },
      { value: 'gone', label: 'gone (no such step)' },
    ]);
  });
  it('before they are listed, is the full list with only its first entry, (none), and the current choice kept', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd', '', 'constructor');
    fc.assert(
      fc.property(fc.array(name, { maxLength: 8 }), name, name, (names, own, current) => {
        const full = edgeChoices(steps(names), own, current, true);
        expect(edgeChoices(steps(names), own, current, false)).toEqual(full.filter((o, i) => i === 0 || o.value === current));
      }),
    );
  });
});
