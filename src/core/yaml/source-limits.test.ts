import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_NODES, MAX_FILE_BYTES, MAX_YAML_DEPTH } from '../limits';
import { parseYamlSource, type SourceProblem } from './source';

/** `levels` anchors, each a list of `fanOut` aliases of the one before: fanOut^levels nodes once expanded. */
function aliasBomb(levels: number, fanOut = 10, under = 'bomb'): string {
  let text = `${under}:\n  l0: &l0 [${Array(fanOut).fill('x').join(', ')}]\n`;
  for (let i = 1; i < levels; i++) text += `  l${i}: &l${i} [${Array(fanOut).fill(`*l${i - 1}`).join(', ')}]\n`;
  return text;
}

const errors = (text: string): SourceProblem[] => parseYamlSource(text).problems.filter((p) => p.severity === 'error');

describe('YAML reading within budgets', () => {
  it('refuses a billion-laughs file at the alias that exceeds the expansion budget, naming the budget', () => {
    const text = aliasBomb(9) + 'dag: {start_at: a, steps: {}}\n';
    const [problem] = errors(text);
    expect(problem).toMatchObject({ code: 'YAML_ALIAS_BUDGET', pos: { line: expect.any(Number), column: expect.any(Number) } });
    expect(problem.message).toContain(MAX_ALIAS_NODES.toLocaleString('en-US'));
    // The position is an alias of the file: its text starts with `*`.
    const line = text.split('\n')[problem.pos!.line - 1];
    expect(line.slice(problem.pos!.column - 1)).toMatch(/^\*l\d/);
    expect(parseYamlSource(text).value).toBeUndefined();
  });

  it('refuses a bomb under a key the importer ignores too (6 levels of 10)', () => {
    expect(errors(aliasBomb(6, 10, 'ignored') + 'dag: {}\n').map((p) => p.code)).toEqual(['YAML_ALIAS_BUDGET']);
  });

  it('still expands ordinary anchors, however often they are used within the budget', () => {
    const text = `base: &b {image: x, cpu: "1"}\nuses: [${Array(1000).fill('*b').join(', ')}]\n`;
    const source = parseYamlSource(text);
    expect(source.problems).toEqual([]);
    expect((source.value as { uses: unknown[] }).uses).toHaveLength(1000);
  });

  it('refuses an alias that contains itself, at the alias', () => {
    const [problem] = errors('a: &a [1, *a]\n');
    expect(problem?.code).toMatch(/^YAML_/);
    expect(problem?.pos).toMatchObject({ line: 1 });
  });

  it.each([
    ['flow', `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['block', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n'],
    ['block list', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n') + ' 1\n'],
  ])('says a %s nesting 10,000 deep is too deep, with the limit and where, not "Maximum call stack size exceeded"', (_kind, text) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'YAML_TOO_DEEP', pos: { line: expect.any(Number) } });
    expect(found[0].message).toContain(String(MAX_YAML_DEPTH));
    expect(found[0].message).not.toMatch(/call stack/i);
  });

  it('reads nesting up to the limit', () => {
    const depth = MAX_YAML_DEPTH;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    expect(errors(text)).toEqual([]);
    expect(errors(`[${text.trim()}]\n`).map((p) => p.code)).toEqual(['YAML_TOO_DEEP']);
  });

  it('refuses a file over the size limit without parsing it, naming the limit', () => {
    const text = `x: "${'a'.repeat(MAX_FILE_BYTES)}"\n`;
    const [problem] = errors(text);
    expect(problem.code).toBe('YAML_TOO_LARGE');
    expect(problem.message).toContain('8 MiB');
  });

  it.each([
    ['a number', 'x: &s 3\nm:\n  <<: *s\n  a: 1\n', 3, 7],
    ['a string', 'm:\n  <<: text\n', 2, 7],
    ['a list holding a number', 'm:\n  <<: [1]\n', 2, 8],
    ['a list holding a list', 'x: &l [1]\nm:\n  <<: [*l]\n', 3, 8],
  ])('refuses a merge key `<<` whose source is %s, at that source', (_what, text, line, column) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'YAML_MERGE', pos: { line, column } });
    expect(found[0].message).toMatch(/<<.*mapping/);
  });

  it('reads keys written as aliases or collections without running the library’s own merge (no exception)', () => {
    for (const text of ['x: &k {<<: 1}\n*k : 2\n', '? {<<: [1]}\n: 2\n', 'x: &k {a: {<<: [1]}}\n*k : 2\n']) {
      const found = errors(text);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((p) => p.pos !== undefined && p.code.startsWith('YAML_'))).toBe(true);
    }
  });

  it('counts keys written as aliases against the expansion budget', () => {
    const text = aliasBomb(7, 10, 'ignored') + '*l6 : 1\n';
    expect(errors(text).map((p) => p.code)).toEqual(['YAML_ALIAS_BUDGET']);
  });

  it('finds duplicate keys in a mapping of 20,000 keys, at the second one', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    keys.push('k17: again');
    const [problem] = errors(keys.join('\n') + '\n');
    expect(problem).toMatchObject({ code: 'YAML_DUPLICATE_KEY', pos: { line: 20_001, column: 1 } });
    // `1` and `"1"` are different keys for magnus (Python), but both are reported as not strings.
    expect(errors('1: a\n"1": b\n').map((p) => p.code)).toEqual(['YAML_NON_STRING_KEY']);
  });
});
