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
 * canvas draws it while the worker checks and emits it (the answer brings those). The answer comes
 * on a port of its own (the part's `answer`), posted as soon as it is made and taken when the page
 * starts the port: the answer of a 1,000-step import is ~2 MB (pipeline.yaml's text), and its copy
 * in a task before the canvas's frame delayed the steps being drawn. Posted at once, it is
 * serialized in the worker as it is made: asked for once the canvas showed the steps, the ask
 * reached a worker that stayed busy for another 130–280 ms after a 1,000-step import.
 */
export interface PartOf {
  import: { pipeline: Pipeline };
}

/** What the page sends the worker. */
export type ReaderRequestMessage = { id: number; request: ReadRequest };

export type ReaderMessage =
  | { id: number; type: 'progress'; progress: ReadProgress }
  /** `answer` carries one message, the read's result (its `done`); a failure still comes as `failed`. */
  | { id: number; type: 'part'; part: PartOf[keyof PartOf]; answer: MessagePort }
  | { id: number; type: 'done'; result: ResultOf[keyof ResultOf] }
  /** A bug in the reader (bad input is answered with diagnostics, never thrown). */
  | { id: number; type: 'failed'; message: string };
