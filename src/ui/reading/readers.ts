/**
 * The reader worker the imports and shared links use (the YAML tabs have their own, so that a
 * stopped import never loses an edit being read). Loaded with the first import, not with the page.
 */
import { Reader } from './reader';
import ReaderWorker from './reader.worker?worker';

export const inputReader = new Reader(() => new ReaderWorker());
