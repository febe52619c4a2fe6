import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validPipeline } from '../../../test/property/arbitraries';
import { FIXTURES, readFixture } from '../../../test/support/fixtures';
import { exportMagnus } from '../magnus/export';
import type { Json } from '../model/types';
import { readBlockSource } from './block-source';
import { parseYamlSource, readWithPackage, type YamlPath, type YamlSource } from './source';
import { toYaml } from './stringify';

/**
 * The fast reader (block-source.ts) must give exactly what the `yaml` package's path gives — the
 * value with its key order, the problems, every key's and value's line and column, every
 * mapping's entries — or decline, so that source.ts reads the text with the package.
 */

function yamlFixtures(dir = FIXTURES, under = ''): string[] {
  return readdirSync(join(dir, under)).flatMap((name) => {
    const path = join(under, name);
    if (statSync(join(dir, path)).isDirectory()) return yamlFixtures(dir, path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every path of `value`, and for each collection a few paths that name nothing. */
function* pathsOf(value: Json, path: YamlPath = []): Generator<YamlPath> {
  yield path;
  if (Array.isArray(value)) {
    yield [...path, value.length];
    yield [...path, '0'];
    yield [...path, -1];
    for (let i = 0; i < value.length; i++) yield* pathsOf(value[i], [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    yield [...path, 0];
    yield [...path, 'no such key'];
    for (const [key, child] of Object.entries(value)) yield* pathsOf(child, [...path, key]);
  } else yield [...path, 'past a scalar'];
}

/** Whether the fast reader took `text`; if it did, that it read it as the package does (asserted). */
function agrees(text: string): boolean {
  if (readBlockSource(text) === undefined) return false;
  const fast: YamlSource = parseYamlSource(text);
  const slow = readWithPackage(text);
  expect(fast.problems).toEqual(slow.problems);
  expect(JSON.stringify(fast.value)).toBe(JSON.stringify(slow.value));
  expect(fast.value).toEqual(slow.value);
  for (const path of pathsOf(slow.value ?? null)) {
    expect(fast.valuePos(path), `value at ${JSON.stringify(path)}`).toEqual(slow.valuePos(path));
    expect(fast.keyPos(path), `key at ${JSON.stringify(path)}`).toEqual(slow.keyPos(path));
  }
  for (const path of pathsOf(slow.value ?? null)) {
    let value: Json | undefined = slow.value;
    for (const segment of path) value = value !== null && typeof value === 'object' ? (value as Record<string, Json>)[segment] : undefined;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      expect(fast.entries(path, value)).toEqual(slow.entries(path, value));
      // Callers may pass a copy in another order: the file's order still wins, as with the package.
      const reversed = Object.fromEntries(Object.entries(value).reverse());
      expect(fast.entries(path, reversed)).toEqual(slow.entries(path, reversed));
    }
  }
  return true;
}

/** Characters and pieces that change what YAML means, for mutating texts the fast reader takes. */
const HOSTILE = ['#', ' #x', ' ', '  ', '\t', '&a ', '*a', '!!str ', '"', "'", ':', ': ', '- ', '-', '\n', '\n\n', '|', '|+', '|-', '>', '[', '{', '}', ']', ', ', '?', '%', '@', '`', '~', '\r', '0', '1', '.inf', '---\n', '...\n', '<<: ', 'null', 'true', '\u00a0', '\ufeff', '\\', '\\u0041', 'é', '__proto__', 'x: y', '0x1F', '1e3'];

interface Mutation {
  at: number;
  remove: number;
  insert: string;
}
const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.oneof(fc.constantFrom(...HOSTILE), fc.constant('')) });
const mutate = (text: string, mutations: Mutation[]) =>
  mutations.reduce((t, { at, remove, insert }) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + remove);
  }, text);

/** The magnus files of the designer's own layout: what it exports. */
const exported = (pipeline: Parameters<typeof exportMagnus>[0]) => {
  const files = exportMagnus(pipeline);
  return [files.dag, files.config, files.parameters ?? '', ...Object.values(files.nested)].filter((text) => text !== '');
};

describe('the fast block reader', () => {
  const fixtures = yamlFixtures();

  it('reads every fixture and corpus file it takes as the yaml package does', () => {
    for (const file of fixtures) agrees(readFixture(file));
  });

  it('takes every fixture and corpus file once written in the designer\'s layout, and reads it as the package does', () => {
    let written = 0;
    for (const file of fixtures) {
      const { value, problems } = readWithPackage(readFixture(file));
      if (value === undefined || value === null || typeof value !== 'object' || problems.length > 0) continue;
      if (/"(?:[0-9]+|__proto__)":/.test(JSON.stringify(value))) continue; // keys JS objects order first: the package's path keeps the file's order
      const text = toYaml(value);
      expect(agrees(text), file).toBe(true);
      written++;
    }
    expect(written).toBeGreaterThan(60);
  });

  it('takes the magnus files the designer exports, and reads them as the package does', () => {
    fc.assert(
      fc.property(validPipeline, (pipeline) => {
        // Declined only for a key JS objects order first (a volume claim named `0`).
        for (const text of exported(pipeline)) if (!agrees(text)) expect(text).toMatch(/^ *(?:- )?"[0-9]+":/m);
      }),
      { numRuns: 60 },
    );
  });

  it('reads arbitrary data in the writer\'s layout as the package does, or declines it', () => {
    const tricky = fc.constantFrom('yes', '~', 'null', '0o17', '0x1F', '1e3', '.5', '-1', '.inf', '.NaN', '2024-01-01', '<<', 'a: b', 'a #b', 'x:', '- item', '--x', '{{x}}', "it's", '"q"', 'multi\nline', 'multi\n\n', 'a\n\nb\n', 'ünï', '0', '12', '__proto__', 'true');
    const data = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify({ v })) as Json);
    const withTricky = fc.dictionary(fc.oneof(tricky, fc.string()), fc.oneof(tricky, fc.string(), data), { maxKeys: 6 });
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(data, withTricky), (value) => {
        if (agrees(toYaml(value))) taken++;
      }),
      { numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(200);
  });

  it('reads mutated files as the package does whenever it takes them', () => {
    const texts = fixtures.map((file) => readFixture(file)).flatMap((text) => {
      const { value } = readWithPackage(text);
      return value !== null && typeof value === 'object' && value !== undefined && !/"(?:[0-9]+|__proto__)":/.test(JSON.stringify(value)) ? [toYaml(value)] : [];
    });
    let taken = 0;
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        if (agrees(mutate(text, mutations))) taken++;
      }),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(100);
  });

  it('declines what only the package reads: comments, anchors, flow collections, tags, folded text, odd indentation, duplicates, several documents', () => {
    for (const text of [
      'a: 1 # note\n',
      '# note\na: 1\n',
      'a: &x 1\nb: *x\n',
      'a: [1, 2]\n',
      'a: {b: 1}\n',
      'a: !!str 1\n',
      'a: >\n  folded\n',
      'a:\n   b: 1\n',
      'a:\n- 1\n',
      'a: 1\na: 2\n',
      'a: 1\n---\nb: 2\n',
      'a: 1',
      'a:\tb\n',
      '1: a\n',
      '"1": a\n',
      'true: a\n',
      '<<: {}\n',
      '__proto__: a\n',
      'a: 1\n\nb: 2\n',
      'plain scalar\n',
    ])
      expect(readBlockSource(text), JSON.stringify(text)).toBeUndefined();
  });

  it('keeps the depth limit to the package\'s path, which refuses the file with its own message', () => {
    const deep = Array.from({ length: 250 }, (_, i) => `${'  '.repeat(i)}k:\n`).join('') + `${'  '.repeat(250)}k: 1\n`;
    expect(readBlockSource(deep)).toBeUndefined();
    expect(parseYamlSource(deep).problems.map((p) => p.code)).toEqual(['YAML_TOO_DEEP']);
  });
});
