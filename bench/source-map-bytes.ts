/**
 * The text of a built file, split by the source each part came from (its source map's `mappings`),
 * so bench/first-load.ts can say which modules the first load's bytes are. A segment's text runs
 * to the next segment; text before the first segment, and after a segment without a source, is
 * under `null` (the bundler's own glue).
 */

export interface SourceMapLike {
  sources: readonly (string | null)[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A segment's fields: base64 VLQ numbers, each relative to the same field of the segment before. */
function decodeSegment(text: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`not a source map: "${char}" in its mappings`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return fields;
}

/** The parts of `code` by source (`map.sources` names; `null` for text mapped to none), in order within each. */
export function textBySource(code: string, map: SourceMapLike): Map<string | null, string[]> {
  const parts = new Map<string | null, string[]>();
  const add = (source: string | null, text: string) => {
    if (text === '') return;
    const list = parts.get(source);
    if (list) list.push(text);
    else parts.set(source, [text]);
  };
  let lineStart = 0;
  let from = 0;
  let current: string | null = null;
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, lineNumber) => {
    if (lineNumber > 0) {
      const end = code.indexOf('\n', lineStart);
      lineStart = end < 0 ? code.length : end + 1;
    }
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const [columnDelta, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      const at = lineStart + column;
      add(current, code.slice(from, at));
      from = at;
      if (sourceDelta === undefined) current = null;
      else {
        sourceIndex += sourceDelta;
        current = map.sources[sourceIndex] ?? null;
      }
    }
  });
  add(current, code.slice(from));
  return parts;
}
