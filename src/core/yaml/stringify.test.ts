import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isSafePlain, isSafePlainCached, renderItem, renderValue, toYaml } from './stringify';

/** What both kinds of reader see: YAML 1.2 (magnus's ruamel) and YAML 1.1 (Go/Python in Argo, KFP). */
const read12 = (text: string) => parse(text, { version: '1.2' });
const read11 = (text: string) => parse(text, { version: '1.1' });

const tricky = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'true', '0755', '0o17', '0x1F', '1_000', '1e3', '.5', '-1', '+2', '2.0', '1:30',
  '2024-01-01', '2024-01-01T00:00:00.000000', '<<', '=', '.inf', '.NaN', '', ' leading', 'trailing ', 'a: b', 'a #b', 'x:', '- item',
  '-', '--log-level', '{{workflow.parameters.run_id}}', "{{$.inputs.parameters['x']}}", '*alias', '&anchor', '!tag', '%percent', '@at',
  '`tick', '"quoted"', "'single'", '[list]', '{map}', 'a\tb', 'multi\nline', 'multi\nline\n', 'multi\n\n', '\nlead', '  indented\nx',
  'ünïcode', 'Hello%World', 'nvidia.com/gpu', 'exec env MAGNUS_PRM_x="$1" magnus', '#comment', '?', '? q', 'a\u2028b', 'back\\slash',
];

describe('toYaml', () => {
  it.each(tricky)('writes %j so that YAML 1.2 and 1.1 readers both read it back unchanged', (text) => {
    const doc = { [text]: text, list: [text, { key: text }] };
    const yaml = toYaml(doc);
    expect(read12(yaml)).toEqual(doc);
    expect(read11(yaml)).toEqual(doc);
  });

  it('writes readable block YAML: plain keys and values, `|` for multi-line text, [] and {} when empty', () => {
    expect(toYaml({ a: 1, b: 'text', c: [1, { d: 'e', f: [] }], g: {}, h: 'two\nlines\n', i: null, j: false })).toBe(
      'a: 1\nb: text\nc:\n  - 1\n  - d: e\n    f: []\ng: {}\nh: |\n  two\n  lines\ni: null\nj: false\n',
    );
  });

  it('writes an empty mapping or list at the top as {} and [] (an exported config may hold nothing)', () => {
    expect([toYaml({}), toYaml(new Map()), toYaml([])]).toEqual(['{}\n', '{}\n', '[]\n']);
  });

  it('numbers stay numbers for both readers, including exponents', () => {
    for (const n of [0, -1, 0.25, 1.5, 2.147483648, 1e21, 1e-7, -0.5]) {
      expect(read12(toYaml({ n })).n).toBe(n);
      expect(read11(toYaml({ n })).n).toBe(n);
    }
  });

  it('round-trips arbitrary JSON data under both readers', () => {
    const data = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('__proto__'));
    fc.assert(
      fc.property(data, (value) => {
        const normalised = JSON.parse(JSON.stringify({ value }));
        const yaml = toYaml(normalised);
        expect(read12(yaml)).toEqual(normalised);
        expect(read11(yaml)).toEqual(normalised);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pre-rendered parts', () => {
  it('read exactly as if the value had been written in place', () => {
    const part = { image: 'x:1', command: ['magnus', '{{run}}'], resources: { cpu: '1' } };
    const whole = { spec: { templates: [{ name: 'a', ...part }, { name: 'b' }], byName: { a: part } } };
    const spliced = { spec: { templates: [renderItem({ name: 'a', ...part }, 4), { name: 'b' }], byName: { a: renderValue(part, 6) } } };
    expect(toYaml(spliced)).toBe(toYaml(whole));
  });
});

describe('plain scalars', () => {
  it('the quick verdict on words and names is the full check\'s', () => {
    // Strings shaped like names (letters, digits, `_`, `%`, `-`, spaces) and keywords, exponents and near misses.
    const word = fc.oneof(
      fc.stringMatching(/^[A-Za-z][\w%-]{0,8}( [\w%-]{1,5}){0,2}$/),
      fc.constantFrom(...tricky, 'e5', 'E-5', 'e+5', 'e5x', 'e 5', 'Yes', 'yES', 'nULL', 'step 1', 'step%1', 'step-1', 'a  b', 'a b ', 'x%', 'e-', 'e'),
      fc.string({ unit: fc.constantFrom('a', 'e', 'E', 'y', 'n', 'o', 'N', 'l', '1', '5', '-', '+', '_', '%', ' ', '.', ':', '#'), maxLength: 6 }),
    );
    fc.assert(
      fc.property(word, (text) => {
        expect(isSafePlainCached(text)).toBe(isSafePlain(text));
      }),
      { numRuns: 2000 },
    );
  });
});
