import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencedVariables, substituteVariables } from './variables';

const vars = new Map([
  ['image', 'r.io/img'],
  ['Tag', 'v1'],
]);

describe('variable substitution (Python string.Template.safe_substitute, §6.2)', () => {
  it.each([
    ['${image}:${Tag}', 'r.io/img:v1', []],
    ['$image:$Tag', 'r.io/img:v1', []],
    ['$$image', '$image', []],
    ['${missing} and $other', '${missing} and $other', ['missing', 'other']],
    ['$1 ${1x} $', '$1 ${1x} $', []],
    ['${image}${image}', 'r.io/imgr.io/img', []],
    ['$tag', '$tag', ['tag']],
  ])('%s → %s', (text, expected, unresolved) => {
    expect(substituteVariables(text, vars)).toEqual({ text: expected, unresolved });
  });

  it('lists referenced names once, in order of first use', () => {
    expect(referencedVariables('$b ${a} $b')).toEqual(['b', 'a']);
  });

  it('leaves text without `$` unchanged and never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = substituteVariables(text, vars);
        if (!text.includes('$')) expect(result.text).toBe(text);
      }),
    );
  });
});
