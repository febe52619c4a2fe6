/**
 * Progress of a long read, below both the readers (import, share link) and the worker protocol
 * that names their requests, so neither imports the other.
 */

/** A step of a long read, for a progress bar: `step` of `of`, and what is being done. */
export interface ReadProgress {
  step: number;
  of: number;
  label: string;
}

/** The steps of reading a pipeline, shared by the worker (the first three) and the page (the rest). */
export const READ_STEPS = ['Reading the files', 'Reading the pipeline', 'Checking it', 'Laying out the steps', 'Drawing it'] as const;
export const progressAt = (index: number): ReadProgress => ({ step: index + 1, of: READ_STEPS.length, label: READ_STEPS[index] });
