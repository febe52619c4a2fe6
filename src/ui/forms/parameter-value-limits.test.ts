import { beforeAll, describe, expect, it } from 'vitest';
import { loadYamlParser, parseParameterValue } from './parameter-value';

beforeAll(() => loadYamlParser());

describe('a parameter value typed as YAML, within budgets', () => {
  it('takes an alias bomb literally instead of throwing', () => {
    const bomb = `[&a [x, x, x, x, x, x, x, x, x, x], &b [${Array(10).fill('*a').join(', ')}], &c [${Array(10).fill('*b').join(', ')}], [${Array(200).fill('*c').join(', ')}]]`;
    expect(parseParameterValue(bomb)).toEqual({ value: bomb, note: expect.stringContaining('kept as text') });
  });

  it('takes a nesting 10,000 deep literally', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(parseParameterValue(deep)).toEqual({ value: deep, note: expect.stringContaining('kept as text') });
  });

  it('still reads ordinary aliases', () => {
    expect(parseParameterValue('[&a 1, *a]')).toEqual({ value: [1, 1] });
  });
});
