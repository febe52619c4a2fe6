/**
 * Diagnostics as editor markers, and the smallest edit from one text to the next. Pure: the
 * numbers are Monaco's MarkerSeverity values, so this module does not load Monaco.
 */
import type { Diagnostic, Severity, SourceFile } from '../../core/diagnostics';

export interface MarkerData {
  severity: number;
  message: string;
  code: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** monaco.MarkerSeverity: Error 8, Warning 4, Info 2. */
const MARKER_SEVERITY: Record<Severity, number> = { error: 8, warning: 4, info: 2 };

/** The detected magnus version: a note about the whole file (the import report shows it), not a place to mark. */
const FILE_NOTES = new Set(['I_ERA']);

/** Markers for the diagnostics located in `file`; an empty range still underlines one character. */
export function markersFor(diagnostics: readonly Diagnostic[], file: SourceFile): MarkerData[] {
  return diagnostics
    .filter((d) => d.file === file && d.line !== undefined && !FILE_NOTES.has(d.code))
    .map((d) => {
      const startLineNumber = d.line!;
      const startColumn = d.column ?? 1;
      const endLineNumber = d.endLine ?? startLineNumber;
      const endColumn = d.endColumn ?? startColumn + 1;
      const empty = endLineNumber < startLineNumber || (endLineNumber === startLineNumber && endColumn <= startColumn);
      return {
        severity: MARKER_SEVERITY[d.severity],
        message: d.step !== undefined ? `${d.message} (step ${d.step})` : d.message,
        code: d.code,
        startLineNumber,
        startColumn,
        endLineNumber: empty ? startLineNumber : endLineNumber,
        endColumn: empty ? startColumn + 1 : endColumn,
      };
    });
}

/** Replaces `start`..`end` (offsets in the text before) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Replacing only what changed (between the common prefix and suffix) keeps the editor's scroll
 * position and the reader's place, where replacing the whole text would jump to the top.
 *
 * The generated workflow of a 1,000-step pipeline is ~2 MB and a keystroke changes a few bytes of
 * it: comparing character by character took ~40 ms, so the common parts are found by comparing
 * ever longer slices (native comparisons), halving the length at the first difference: ~0.1 ms.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  const start = commonLength(max, (at, n) => before.slice(at, at + n) === after.slice(at, at + n));
  const suffix = commonLength(max - start, (at, n) => before.slice(before.length - at - n, before.length - at) === after.slice(after.length - at - n, after.length - at));
  return { start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}

/** The largest n <= max for which `same(0, n)` holds, given `same(at, n)` compares n more from `at`. */
function commonLength(max: number, same: (at: number, n: number) => boolean): number {
  let length = 0;
  let step = 64;
  while (length < max) {
    const n = Math.min(step, max - length);
    if (same(length, n)) {
      length += n;
      step *= 2;
    } else if (n > 1) {
      step = n >> 1;
    } else {
      break;
    }
  }
  return length;
}

/**
 * minimalEdit between two texts given as ordered lists of pieces, comparing pieces first: pieces
 * the emitter kept are the same string objects, which `===` tells equal at once, so only the
 * pieces between the common ones are joined and compared. Pieces that are equal but not the same
 * object are compared by content (still correct, only slower).
 */
export function piecesEdit(before: readonly string[], after: readonly string[]): TextEdit | undefined {
  const max = Math.min(before.length, after.length);
  let head = 0;
  let offset = 0;
  while (head < max && before[head] === after[head]) offset += before[head++].length;
  let tail = 0;
  while (tail < max - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const edit = minimalEdit(before.slice(head, before.length - tail).join(''), after.slice(head, after.length - tail).join(''));
  return edit && { start: offset + edit.start, end: offset + edit.end, text: edit.text };
}

/** Edits of up to this many lines, replacing up to this many characters, are split by lineWiseEdits. */
export const LINE_WISE_MAX_LINES = 64;
export const LINE_WISE_MAX_CHARS = 8 * 1024;

/**
 * An edit that keeps the number of lines (a keystroke in a step's memory limit changes two lines of
 * pipeline.yaml), as one edit per changed line. Monaco takes an edit across lines as lines deleted
 * and inserted: its per-line stores (tokens, tokenizer states, the view's lines) are arrays of
 * every line, copied at each insertion — milliseconds per keystroke in a 60,000-line workflow —
 * where an edit within a line changes that line only. `replaced` reads the text the edit replaces.
 */
export function lineWiseEdits(replaced: () => string, edit: TextEdit): TextEdit[] {
  if (edit.end - edit.start > LINE_WISE_MAX_CHARS) return [edit];
  const before = replaced().split('\n');
  const after = edit.text.split('\n');
  if (before.length === 1 || before.length !== after.length || before.length > LINE_WISE_MAX_LINES) return [edit];
  const edits: TextEdit[] = [];
  let at = edit.start;
  before.forEach((line, i) => {
    if (line !== after[i]) edits.push({ start: at, end: at + line.length, text: after[i] });
    at += line.length + 1;
  });
  return edits;
}
