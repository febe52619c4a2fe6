/**
 * What the page asks of the reader worker (reader.worker.ts) and what it answers. Everything a
 * user hands the designer as text — a share link, chosen, dropped or pasted files, an edited YAML
 * tab — is read there, so that no input, however large or hostile, stops the page answering.
 */
import type { EditRequest, EditResult } from '../yaml/read-edit';
import type { ImportRead, ImportRequest } from '../import/read-import';
import type { ShareRequest, ShareRead } from '../share/open-shared';
import type { PasteRead, PasteRequest } from '../clipboard/read-paste';
import type { ReadProgress } from './progress';

export type { ReadProgress } from './progress';

/** `warm`: the user is about to import; the worker starts and loads its code (and ELK) meanwhile. */
export type ReadRequest =
  | ({ read: 'edit' } & EditRequest)
  | ({ read: 'import' } & ImportRequest)
  | ({ read: 'share' } & ShareRequest)
  | ({ read: 'paste' } & PasteRequest)
  | { read: 'warm' };

export interface ResultOf {
  edit: EditResult;
  import: ImportRead;
  share: ShareRead;
  paste: PasteRead;
  warm: null;
}

export type ReaderMessage =
  | { id: number; type: 'progress'; progress: ReadProgress }
  | { id: number; type: 'done'; result: ResultOf[keyof ResultOf] }
  /** A bug in the reader (bad input is answered with diagnostics, never thrown). */
  | { id: number; type: 'failed'; message: string };
