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

/** Markers for the diagnostics located in `file`; an empty range still underlines one character. */
export function markersFor(diagnostics: readonly Diagnostic[], file: SourceFile): MarkerData[] {
  return diagnostics
    .filter((d) => d.file === file && d.line !== undefined)
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

/**
 * Replacing only what changed (between the common prefix and suffix) keeps the editor's scroll
 * position and the reader's place, where replacing the whole text would jump to the top.
 */
export function minimalEdit(before: string, after: string): { start: number; end: number; text: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}
