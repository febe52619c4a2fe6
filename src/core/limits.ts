/**
 * Every budget on input, in one place: the YAML reader, the importer, the CLI, the browser and the
 * README's "Limits" section use these numbers. Each one bounds the time and memory a hostile or
 * broken file can cost, and sits far above what a real pipeline needs (the reasons are in the README).
 */

/** Largest sum of all files of one import (the dag, its config and parameters, every nested dag file). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/**
 * Largest a share link may inflate to: the files it carries, as JSON. Deflate shrinks repeated
 * text ~1,000-fold, so a link of 1 MB could otherwise become a gigabyte; inflating stops here.
 */
export const MAX_SHARED_BYTES = MAX_INPUT_BYTES + 64 * 1024;

/**
 * How long the browser may spend reading a pipeline (a share link, files, pasted text, an edited
 * YAML tab) before the reading is stopped. Reading runs off the page's thread, so the page answers
 * meanwhile, and Cancel stops it sooner; this bounds a read that would never end. A 5,000-step file
 * takes ~3 s, and several times that on a machine busy with other work.
 */
export const READ_BUDGET_MS = 60_000;

/** `8 MiB`, `100,000`: how the limits read in messages. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
