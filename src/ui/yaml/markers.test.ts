import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostics';
import { lineWiseEdits, LINE_WISE_MAX_CHARS, LINE_WISE_MAX_LINES, markersFor, minimalEdit, piecesEdit, type TextEdit } from './markers';

const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'E_X', severity: 'error', message: 'bad', ...over });

describe('markersFor', () => {
  it('keeps only the diagnostics located in that file, with their range', () => {
    const markers = markersFor(
      [d({ file: 'dag', line: 3, column: 5, endLine: 3, endColumn: 9, step: 'train' }), d({ file: 'config', line: 1 }), d({ file: 'dag' })],
      'dag',
    );
    expect(markers).toEqual([
      { severity: 8, message: 'bad (step train)', code: 'E_X', startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 9 },
    ]);
  });

  it('leaves out the detected magnus version, a note about the whole file rather than a place in it', () => {
    expect(markersFor([d({ code: 'I_ERA', severity: 'info', file: 'dag', line: 1, column: 1 })], 'dag')).toEqual([]);
  });

  it('widens an empty range to one character so it can be seen', () => {
    const [m] = markersFor([d({ file: 'config', severity: 'warning', line: 2, column: 4, endLine: 2, endColumn: 4 })], 'config');
    expect(m).toMatchObject({ severity: 4, startColumn: 4, endColumn: 5 });
  });
});

describe('minimalEdit', () => {
  it('replaces only the changed middle', () => {
    expect(minimalEdit('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 20\nc: 3\n')).toEqual({ start: 9, end: 9, text: '0' });
    expect(minimalEdit('abc', 'abc')).toBeUndefined();
    expect(minimalEdit('aaa', 'aa')).toEqual({ start: 2, end: 3, text: '' });
    expect(minimalEdit('', 'x')).toEqual({ start: 0, end: 0, text: 'x' });
  });

  it('always turns the old text into the new one', () => {
    const pairs = [['abcabc', 'abc'], ['x', 'xyx'], ['hello world', 'help world'], ['aXa', 'aYYa']];
    for (const [before, after] of pairs) {
      const e = minimalEdit(before, after)!;
      expect(before.slice(0, e.start) + e.text + before.slice(e.end)).toBe(after);
    }
  });

  it('finds the same (smallest) middle as a character-by-character scan, for any pair of texts', () => {
    const scan = (x: string, y: string) => {
      const max = Math.min(x.length, y.length);
      let start = 0;
      while (start < max && x[start] === y[start]) start++;
      let suffix = 0;
      while (suffix < max - start && x[x.length - 1 - suffix] === y[y.length - 1 - suffix]) suffix++;
      return { start, end: x.length - suffix, text: y.slice(start, y.length - suffix) };
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 400 });
    fc.assert(
      fc.property(text, text, text, (prefix, middle, suffix) => {
        const before = prefix + suffix;
        const after = prefix + middle + suffix;
        for (const [x, y] of [[before, after], [after, before], [prefix, middle]]) {
          expect(minimalEdit(x, y)).toEqual(x === y ? undefined : scan(x, y));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('piecesEdit', () => {
  it('turns the old text into the new one, within the pieces that changed, whichever they are', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 12 });
    const pieces = fc.array(piece, { maxLength: 12 });
    fc.assert(
      fc.property(pieces, pieces, pieces, pieces, (prefix, middle, replaced, suffix) => {
        const before = [...prefix, ...replaced, ...suffix];
        const after = [...prefix, ...middle, ...suffix];
        const [x, y] = [before.join(''), after.join('')];
        const edit = piecesEdit(before, after);
        if (!edit) expect(x).toBe(y);
        else {
          expect(x.slice(0, edit.start) + edit.text + x.slice(edit.end)).toBe(y);
          expect(edit.end - edit.start).toBeLessThanOrEqual(replaced.join('').length);
          expect(edit.text.length).toBeLessThanOrEqual(middle.join('').length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports no edit for the same pieces', () => {
    const pieces = ['a: 1\n', 'b: 2\n'];
    expect(piecesEdit(pieces, [...pieces])).toBeUndefined();
  });
});

/** The edits applied to `text` together, each in offsets of `text` (as Monaco applies several). */
const applied = (text: string, edits: readonly TextEdit[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('lineWiseEdits', () => {
  it('splits an edit that keeps the number of lines into edits within the lines that changed', () => {
    const before = 'resources:\n  memoryLimit: 2.1\n  resourceMemoryLimit: 2Gi\n';
    const after = 'resources:\n  memoryLimit: 21.4\n  resourceMemoryLimit: 20Gi\n';
    const edit = minimalEdit(before, after)!;
    const edits = lineWiseEdits(() => before.slice(edit.start, edit.end), edit);
    expect(edits).toHaveLength(2);
    for (const e of edits) expect(before.slice(e.start, e.end) + e.text).not.toContain('\n');
    expect(applied(before, edits)).toBe(after);
  });

  it('leaves an edit that adds or removes lines, stays in one line, or spans many lines as it is', () => {
    const one = { start: 2, end: 3, text: 'x' };
    expect(lineWiseEdits(() => 'a', one)).toEqual([one]);
    const adds = { start: 0, end: 3, text: 'a\nb\nc' };
    expect(lineWiseEdits(() => 'a\nb', adds)).toEqual([adds]);
    const many = 'x\n'.repeat(LINE_WISE_MAX_LINES);
    const long = { start: 0, end: many.length, text: 'y\n'.repeat(LINE_WISE_MAX_LINES) };
    expect(lineWiseEdits(() => many, long)).toEqual([long]);
    const wide = { start: 0, end: LINE_WISE_MAX_CHARS + 1, text: 'z' };
    expect(lineWiseEdits(() => expect.unreachable('a wide range is not read'), wide)).toEqual([wide]);
  });

  it('gives the same text as the edit it splits, whatever the texts', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '\n', ': '), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edit = minimalEdit(before, after);
        if (!edit) return;
        const edits = lineWiseEdits(() => before.slice(edit.start, edit.end), edit);
        expect(applied(before, edits)).toBe(after);
        for (let i = 1; i < edits.length; i++) expect(edits[i].start).toBeGreaterThan(edits[i - 1].end);
      }),
    );
  });
});
