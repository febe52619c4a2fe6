// Reads hand-edited magnus files off the page's thread (see read-edit.ts).
import { readEdit, type EditRequest } from './read-edit';

self.onmessage = (event: MessageEvent<EditRequest>) => {
  self.postMessage(readEdit(event.data));
};
