import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateNestedPipeline, generatePipeline } from '../../../bench/generate';
import { emitPipeline, EMIT_TARGETS } from '../emit/index';
import { toYaml } from '../yaml/stringify';
import { isRepeatedValue, readBlockYaml } from './yaml-block-reader';
import { parseYamlDocuments, parseYamlDocumentsWithLibrary } from './yaml-documents';

/**
 * The fast reader must never read a text differently from the `yaml` package: whatever it accepts,
 * the checkers see exactly what they would have seen (documents, YAML 1.1 differences); whatever it
 * is unsure of, it leaves to the package.
 */
function expectSameReading(text: string): boolean {
  const fast = readBlockYaml(text);
  if (fast === undefined) return false;
  expect(parseYamlDocuments(text)).toStrictEqual(parseYamlDocumentsWithLibrary(text));
  return true;
}

/** Plain scalars YAML 1.1 and 1.2 resolve differently or to non-strings: written unquoted on purpose. */
const PLAIN_TRICKS = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', 'true', 'False', '0755', '0o17', '0x1F', '0b101', '1_000', '1e3', '1.0e+3',
  '.5', '-1', '+2', '2.0', '-0', '1:30', '190:20:30', '2024-01-01', '2024-01-01T00:00:00Z', '2001-12-14 21:59:43.10 -5', '=', '.inf',
  '-.Inf', '.NaN', '12345678901234567890', '0.1', 'abc', 'a b', 'x=1', '$HOME', '(x)', '-x', '--flag', 'a:b', 'http://x/y', 'a#b',
];

type Tree = string | { map: Array<[string, Tree]> } | { seq: Tree[] };

/** Texts in the reader's layout built by hand (not by our writer), leaves drawn from the tricks. */
const layoutText: fc.Arbitrary<string> = fc
  .letrec<{ leaf: string; node: Tree; map: Tree; seq: Tree }>((tie) => ({
    leaf: fc.oneof(fc.constantFrom(...PLAIN_TRICKS), fc.constantFrom('[]', '{}', '"q\\"uoted"', "'single'", '"\\u00e9"')),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('map'), tie('seq')),
    map: fc
      .uniqueArray(fc.tuple(fc.constantFrom(...PLAIN_TRICKS, 'key', '"quoted key"', 'a key'), tie('node')), { minLength: 1, maxLength: 4, selector: ([key]) => key })
      .map((map) => ({ map })),
    seq: fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((seq) => ({ seq })),
  }))
  .node.map((node) => (typeof node === 'string' ? `a: ${node}\n` : render(node, 0)));

function render(node: Tree, indent: number): string {
  const pad = ' '.repeat(indent);
  const after = (value: Tree) => (typeof value === 'string' ? ` ${value}\n` : `\n${render(value, indent + 2)}`);
  if (typeof node === 'string') return `${pad}${node}\n`;
  if ('map' in node) return node.map.map(([key, value]) => `${pad}${key}:${after(value)}`).join('');
  return node.seq.map((item) => `${pad}-${after(item)}`).join('');
}

/** Edits a reader must notice: each one changes the meaning, or leaves the layout, somewhere. */
const MUTATIONS = ['\t', ' ', '  ', '#', ' # c', '&a ', '*a', '!!str ', '---\n', '...\n', '- ', ': ', '\n', '\r', '"', "'", '|', '>', '?', '[', '{', ',', '%', '@', '<<: ', '\u2028', '\ufeff', '\\'];

const mutated = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...MUTATIONS)), { minLength: 1, maxLength: 3 }))
    .map(([text, edits]) =>
      edits.reduce((t, [at, remove, insert]) => {
        const i = t.length === 0 ? 0 : at % t.length;
        return t.slice(0, i) + insert + t.slice(i + remove);
      }, text),
    );

const writerData = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.parse(JSON.stringify({ value })) as unknown);

describe('readBlockYaml', () => {
  it('reads every emitted pipeline (all targets, straight and nested) as the yaml package does', () => {
    for (const pipeline of [generatePipeline(12), generateNestedPipeline(1)])
      for (const target of EMIT_TARGETS) expect(expectSameReading(emitPipeline(pipeline, { target }).text), target).toBe(true);
  });

  it('reads as the yaml package does when a small text comes before a large one and after it (its slot tables grow between)', () => {
    const small = emitPipeline(generatePipeline(2), { target: 'kfp-v2' }).text;
    const large = emitPipeline(generatePipeline(300), { target: 'kfp-v2' }).text;
    expect(large.length).toBeGreaterThan(32 * 4096);
    for (const text of [small, large, small]) expect(expectSameReading(text)).toBe(true);
  });

  it('reads the goldens (written by the KFP SDK and by hand) as the yaml package does, or leaves them to it', () => {
    const dir = new URL('../../../test/fixtures/goldens/', import.meta.url);
    const goldens = (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.yaml'));
    expect(goldens.length).toBeGreaterThan(3);
    for (const name of goldens) expectSameReading(readFileSync(new URL(name, dir), 'utf8'));
  });

  it('reads what the YAML writer writes, for arbitrary data, as the yaml package does', () => {
    fc.assert(fc.property(writerData, (value) => void expectSameReading(toYaml(value))), { numRuns: 250 });
  });

  it('reads streams of several written documents as the yaml package does (the end of each closes all its levels at once)', () => {
    let accepted = 0;
    const stream = fc.array(writerData, { minLength: 2, maxLength: 4 }).map((values) => values.map((value) => toYaml(value)).join('---\n'));
    fc.assert(
      fc.property(stream, (text) => {
        if (expectSameReading(text)) accepted++;
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(150);
  });

  it('reads hand-made layout texts with ambiguous plain scalars (YAML 1.1 differences) as the yaml package does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(layoutText, (text) => {
        if (expectSameReading(text)) accepted++;
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('either leaves a mutated text to the yaml package or reads it as the package does', () => {
    fc.assert(fc.property(mutated(writerData.map(toYaml)), (text) => void expectSameReading(text)), { numRuns: 800 });
    fc.assert(fc.property(mutated(layoutText), (text) => void expectSameReading(text)), { numRuns: 800 });
  });

  it('either leaves arbitrary text to the yaml package or reads it as the package does', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '-', ':', '\n', '"', "'", '|', '#', '1', '.', '[', ']', '{', '}', '\t') }), (text) => void expectSameReading(text)), {
      numRuns: 1000,
    });
  });

  it.each([
    ['a multi-line plain scalar', 'key: abc\n  def\n'],
    ['a comment', 'key: abc # c\n'],
    ['a comment line', '# c\nkey: abc\n'],
    ['a blank line between entries', 'a: 1\n\nb: 2\n'],
    ['a tab before a value', 'key:\tabc\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['no final newline', 'a: 1'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a merge key', 'base:\n  x: 1\nmore:\n  <<: {}\n'],
    ['a YAML 1.1 boolean key', 'yes: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a quoted duplicate of a plain key', 'a: 1\n"a": 2\n'],
    ['__proto__', '__proto__:\n  polluted: 1\n'],
    ['an index-like key (JS reorders it)', 'b: 1\n"1": 2\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   x\n'],
    ['a block scalar whose first line is indented more', 'a: |\n    x\n  y\n'],
    ['a folded block', 'a: >\n  x\n  y\n'],
    ['a block scalar with only empty lines', 'a: |+\n\n\n'],
    ['a space-only line in a block', 'a: |\n  x\n   \n  y\n'],
    ['a sequence at the key’s own indentation', 'a:\n- 1\n'],
    ['odd indentation', 'a:\n   b: 1\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['an empty document', 'a: 1\n---\n'],
    ['a top-level scalar', 'abc\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['the \\/ escape', 'a: "\\/"\n'],
    ['an escaped lone surrogate', 'a: "\\ud800"\n'],
    ['a BOM', '\ufeffa: 1\n'],
    ['a key longer than YAML allows', `${'k'.repeat(1100)}: 1\n`],
    ['a value ending in a colon', 'a: b:\n'],
    ['a plain scalar holding ": "', '- a: b: c\n'],
    ['a single-quoted key', "'a': 1\n"],
    ['doubled single quotes', "a: 'it''s'\n"],
  ])('leaves %s to the yaml package', (_, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
  });

  it('leaves a character the yaml package must decide (CR, NEL, LS, a control, a BOM…) to it wherever it is', () => {
    // Looked for where the layout lets them be, not in the whole text: each place is one case.
    const places = [
      (c: string) => `a: "x${c}y"\n`,
      (c: string) => `a:\n  - "x${c}"\n`,
      (c: string) => `"k${c}": 1\n`,
      (c: string) => `- "k${c}": 1\n`,
      (c: string) => `a: |\n  x${c}\n  y\n`,
      (c: string) => `a: |-\n  x\n\n  ${c}y\n`,
      (c: string) => `a: x${c}\n`,
      (c: string) => `k${c}: 1\n`,
      (c: string) => `a: 'x${c}'\n`,
      (c: string) => `a:\n  b: 1\n${c}c: 2\n`,
      (c: string) => `a:\n  b: "q"\nc:\n  b: "q${c}"\n`,
    ];
    for (const c of ['\r', '\x00', '\x0b', '\x1f', '\x7f', '\x85', '\x9f', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff'])
      for (const place of places) {
        const text = place(c);
        expect(readBlockYaml(text), JSON.stringify(text)).toBeUndefined();
        expect(readBlockYaml(place('z')), JSON.stringify(place('z'))).toBeDefined();
      }
  });

  it('reports YAML 1.1 differences with their paths, as the yaml package reading does', () => {
    const text = 'spec:\n  flags:\n    - on\n    - "on"\n  mode: 0755\n  when: 2024-01-01\n';
    expect(expectSameReading(text)).toBe(true);
    expect(parseYamlDocuments(text).problems.map((p) => p.path)).toEqual(['/spec/flags/0', '/spec/mode', '/spec/when']);
  });

  it('leaves nesting deeper than any emitted pipeline to the yaml package (no deep recursion here)', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i)}k:\n`).join('') + `${' '.repeat(2 * depth)}k: 1\n`;
    expect(readBlockYaml(nested(200))).toBeDefined();
    expect(readBlockYaml(nested(1_100))).toBeUndefined();
  });
});

describe('readBlockYaml on blocks whose text repeats', () => {
  const indented = (text: string) => text.replace(/^(?=.)/gm, '  ');

  it('gives a block read before, under the same key or just before, as the same object, and a changed one as its own', () => {
    const block = 'k: v\nl:\n  - 1\n  - m: x\n';
    const text = `a:\n  p:\n${indented(indented(block))}  q:\n${indented(indented(block))}b:\n  p:\n${indented(indented(block.replace('1', '2')))}c:\n  p:\n${indented(indented(block))}`;
    expect(expectSameReading(text)).toBe(true);
    const [doc] = readBlockYaml(text)!.docs as Array<Record<string, Record<string, unknown>>>;
    expect(doc.a.q).toBe(doc.a.p);
    expect(doc.c.p).toEqual(doc.a.p);
    expect(isRepeatedValue(doc.a.p as object)).toBe(true);
    expect(doc.b.p).not.toBe(doc.a.p);
    expect(doc.b.p).toEqual({ k: 'v', l: [2, { m: 'x' }] });
  });

  it('reads a block that starts as one read before but goes on, or that a change ends, as a whole', () => {
    for (const text of [
      'p:\n  k: v\nq:\n  k: v\n  m: w\n',
      'p:\n  k:\n    - 1\nq:\n  k:\n    - 1\n    - 2\n',
      'p:\n  k:\n    m: 1\nq:\n  k:\n    m: 1\n    o: 2\n',
      'p:\n  k: |\n    a\n\nq:\n  k: |\n    a\n\n    b\n',
      'p:\n  k: |+\n    a\n\nz: 1\nq:\n  k: |+\n    a\n\n\nz2: 1\n',
      'p:\n  - a: 1\n    b:\n      c: 2\n  - a: 1\n    b:\n      c: 2\n      d: 3\n',
    ])
      expect(expectSameReading(text), text).toBe(true);
    expect(readBlockYaml('p:\n  k: v\nq:\n  k: v\n   \n')).toBeUndefined();
  });

  it('reports a YAML 1.1 difference in a repeated block at each of its places', () => {
    const text = 'p:\n  k: on\n  m: 1\nq:\n  k: on\n  m: 1\n';
    expect(expectSameReading(text)).toBe(true);
    expect(parseYamlDocuments(text).problems.map((p) => p.path)).toEqual(['/p/k', '/q/k']);
  });

  it('reads a text of repeated blocks with one of them changed as the yaml package does', () => {
    const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const changed = fc
      .tuple(layoutText, fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.nat(), fc.nat(), fc.constantFrom(...ALNUM, ' ', '-'))
      .map(([block, count, nested, which, at, replacement]) => {
        const copies = Array.from({ length: count }, (_, i) => (nested ? `k${i}:\n  same:\n${indented(indented(block))}` : `k${i}:\n${indented(block)}`));
        const copy = copies[which % count];
        const i = at % copy.length;
        if (ALNUM.includes(copy[i])) copies[which % count] = copy.slice(0, i) + replacement + copy.slice(i + 1);
        return copies.join('');
      });
    // Not vacuous: most of these texts stay in the layout, so the fast reader (and its repeats) reads them.
    const read: boolean[] = [];
    fc.assert(fc.property(changed, (text) => void read.push(expectSameReading(text))), { numRuns: 500 });
    expect(read.filter(Boolean).length).toBeGreaterThan(100);
  });
});
