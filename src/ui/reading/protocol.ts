/**
 * What the page asks of the reader worker (reader.worker.ts) and what it answers. Everything a
 * user hands the designer as text — a share link, chosen, dropped or pasted files, an edited YAML
 * tab — is read there, so that no input, however large or hostile, stops the page answering.
 */
import type { EditRequest, EditResult } from '../yaml/read-edit';
import type { ImportRead, ImportRequest } from '../import/read-import';
import type { ShareRequest, ShareRead } from '../share/open-shared';

export type ReadRequest = ({ read: 'edit' } & EditRequest) | ({ read: 'import' } & ImportRequest) | ({ read: 'share' } & ShareRequest);

export interface ResultOf {
  edit: EditResult;
  import: ImportRead;
  share: ShareRead;
}

/** A step of a long read, for a progress bar: `step` of `of`, and what is being done. */
export interface ReadProgress {
  step: number;
  of: number;
  label: string;
}

export type ReaderMessage =
  | { id: number; type: 'progress'; progress: ReadProgress }
  | { id: number; type: 'done'; result: ResultOf[keyof ResultOf] }
  /** A bug in the reader (bad input is answered with diagnostics, never thrown). */
  | { id: number; type: 'failed'; message: string };

/** The steps of reading a pipeline, shared by the worker (the first three) and the page (the rest). */
export const READ_STEPS = ['Reading the files', 'Reading the pipeline', 'Checking it', 'Laying out the steps', 'Drawing it'] as const;
export const progressAt = (index: number): ReadProgress => ({ step: index + 1, of: READ_STEPS.length, label: READ_STEPS[index] });
