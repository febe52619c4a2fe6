/**
 * Giving Monaco a long text in slices, one task each: Monaco builds its view of every line it is
 * given at once (~0.4 s for the 10 MB workflow of 5,000 steps), so the whole text in one call would
 * stop the page that long. Pure apart from what it is handed.
 */

/** ~20–40 ms of Monaco's work per slice on a 2-core machine. */
export const SLICE_CHARS = 256 * 1024;
/**
 * The first slice replaces the model's text and meets Monaco's text buffer cold: at 256 KB it took
 * ~70 ms, and its task ~120 ms, after a 1,000-step import; at 64 KB ~50 and ~95 ms (the rest of it
 * does not shrink with the slice). The slices after it run warm, ~20–30 ms at 256 KB.
 */
export const FIRST_SLICE_CHARS = 64 * 1024;

/** Where the slice starting at `from` ends: at the end of a line, at least `size` characters on (or the end). */
export function sliceEnd(text: string, from: number, size = SLICE_CHARS): number {
  if (text.length - from <= size) return text.length;
  const newline = text.indexOf('\n', from + size - 1);
  return newline < 0 ? text.length : newline + 1;
}

export interface SliceWriter {
  /** The text to write now, or undefined when the write was abandoned. A newer text starts the writing again. */
  wanted: () => string | undefined;
  /** Writes a slice: the first replaces the whole text, the others are appended. */
  put: (slice: string, first: boolean) => void;
  /** The whole of `text` is written. */
  done: (text: string) => void;
  /** Runs the next slice in a task of its own. */
  schedule: (next: () => void) => void;
  size?: number;
  firstSize?: number;
}

/** Writes the wanted text slice by slice, starting in this task. */
export function writeInSlices({ wanted, put, done, schedule, size = SLICE_CHARS, firstSize = Math.min(size, FIRST_SLICE_CHARS) }: SliceWriter): void {
  let writing: string | undefined;
  let at = 0;
  const step = () => {
    const text = wanted();
    if (text === undefined) return;
    if (text !== writing) {
      writing = text;
      at = 0;
    }
    const end = sliceEnd(text, at, at === 0 ? firstSize : size);
    put(text.slice(at, end), at === 0);
    at = end;
    if (at < text.length) schedule(step);
    else done(text);
  };
  step();
}
