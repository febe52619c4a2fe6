/**
 * What the page asks of the reader worker (reader.worker.ts) and what it answers. Everything a
 * user hands the designer as text — a share link, chosen, dropped or pasted files, an edited YAML
 * tab — is read there, so that no input, however large or hostile, stops the page answering.
 */
import type { EditRequest, EditResult } from '../yaml/read-edit';
import type { ImportAnswer, ImportRequest } from '../import/read-import';
import type { Pipeline } from '../../core/model/types';
import type { ShareRequest, ShareRead } from '../share/open-shared';
import type { PasteRead, PasteRequest } from '../clipboard/read-paste';
import type { ReadProgress } from './progress';
import type { SalvagedFiles } from '../recovery/salvage';
import type { SaveRead } from '../store/read-save';

export type { ReadProgress } from './progress';

/** `warm`: the user is about to import; the worker starts and loads its code (and ELK) meanwhile. */
export type ReadRequest =
  | ({ read: 'edit' } & EditRequest)
  | ({ read: 'import' } & ImportRequest)
  | ({ read: 'share' } & ShareRequest)
  | ({ read: 'paste' } & PasteRequest)
  /** A save that cannot be restored: the magnus files it still holds (recovery/salvage.ts). */
  | { read: 'salvage'; text: string }
  /** The saved pipeline, when the page opens (store/read-save.ts). */
  | { read: 'restore'; text: string }
  | { read: 'warm' };

export interface ResultOf {
  edit: EditResult;
  import: ImportAnswer;
  share: ShareRead;
  paste: PasteRead;
  salvage: SalvagedFiles | null;
  restore: SaveRead;
  warm: null;
}

/**
 * What a read hands the page before its answer: an import's pipeline, read and laid out, so the
 * canvas draws it while the worker checks and emits it (the answer brings those). The worker then
 * keeps its answer until the page asks for the rest (`ReaderRequestMessage`'s `rest`): the answer
 * of a 1,000-step import is ~2 MB (pipeline.yaml's text), and the page's copy of it in a task
 * before the canvas's frame delayed the steps it was drawing.
 */
export interface PartOf {
  import: { pipeline: Pipeline };
}

/** What the page sends the worker: a read, or (after a part) that it can take the read's answer now. */
export type ReaderRequestMessage = { id: number; request: ReadRequest } | { id: number; rest: true };

export type ReaderMessage =
  | { id: number; type: 'progress'; progress: ReadProgress }
  | { id: number; type: 'part'; part: PartOf[keyof PartOf] }
  | { id: number; type: 'done'; result: ResultOf[keyof ResultOf] }
  /** A bug in the reader (bad input is answered with diagnostics, never thrown). */
  | { id: number; type: 'failed'; message: string };
