/**
 * Every budget on input, in one place: the YAML reader, the importer, the CLI, the browser and the
 * README's "Limits" section use these numbers. Each one bounds the time and memory a hostile or
 * broken file can cost, and sits far above what a real pipeline needs (the reasons are in the README).
 */

/** Largest file read (dag, config, parameters or a nested dag file): 8 MiB, ~60,000 steps of magnus YAML. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

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

/**
 * YAML nodes that aliases (`*name`) may add by expansion, in one file. A "billion laughs" file of
 * a few hundred bytes expands to billions of nodes; real anchors (a shared branch, a set of
 * settings) add hundreds.
 */
export const MAX_ALIAS_NODES = 100_000;

/** Collections nested in one another in a YAML file; a pipeline nested 40 levels deep needs ~165. */
export const MAX_YAML_DEPTH = 200;

/**
 * Composite steps (parallel, map, dag) nested in one another, across nested dag files. The
 * exported dag file of the deepest pipeline allowed stays within MAX_YAML_DEPTH, so whatever the
 * designer can hold it can also write and read back.
 */
export const MAX_STEP_NESTING = 40;

/**
 * Steps in one pipeline, nested ones included: a nested dag file counts once for each step that
 * includes it, so a few small files including each other cannot multiply into millions of steps.
 */
export const MAX_STEPS = 100_000;

/** Distinct nested `dag_definition` files one import reads. */
export const MAX_NESTED_FILES = 100;

/** `8 MiB`, `100,000`: how the limits read in messages. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

export const describeCount = (n: number) => n.toLocaleString('en-US');
