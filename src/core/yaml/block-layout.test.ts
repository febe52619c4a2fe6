import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockLines } from './block-layout';

/** The walk's own answers, line by line: where each line's key colon is, from its first character on. */
class Probe extends BlockLines {
  colons(froms: (lineStart: number, lineEnd: number) => number[]): number[] {
    const found: number[] = [];
    while (!this.atEnd()) {
      for (const at of froms(this.start, this.end)) found.push(this.keyColon(at));
      this.line(this.end + 1);
    }
    return found;
  }
}

/** What keyColon must answer: the first `:` from `at` on, within the line, followed by a space or the line's end. */
function naive(text: string, at: number, end: number): number {
  for (let i = at; i < end; i++) if (text[i] === ':' && (i + 1 === end || text[i + 1] === ' ')) return i;
  return -1;
}

describe("BlockLines' key colon", () => {
  it('is the first colon followed by a space or the line end, within the line, however often asked', () => {
    const text = fc.array(fc.constantFrom('a', ':', ' ', '\n', 'b:'), { maxLength: 80 }).map((parts) => parts.join('') + '\n');
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), (source, offsets) => {
        const asked: [number, number][] = [];
        const froms = (start: number, end: number) => {
          // In any order: the walk asks forwards, but an answer must not depend on it.
          const ats = [...offsets.map((o) => start + (o % (end - start + 1))), start];
          for (const at of ats) asked.push([at, end]);
          return ats;
        };
        const found = new Probe(source).colons(froms);
        expect(found).toEqual(asked.map(([at, end]) => naive(source, at, end)));
      }),
    );
  });

  it('finds no key in a long list without colons, and a key after it', () => {
    const source = `${'- item\n'.repeat(2_000)}key: value\n`;
    const found = new Probe(source).colons((start) => [start + 2]);
    expect(found.slice(0, -1).every((c) => c === -1)).toBe(true);
    expect(found.at(-1)).toBe(source.lastIndexOf(':'));
  });
});
