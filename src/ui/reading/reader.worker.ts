// The reader worker: see protocol.ts. One request at a time, in the order they come.
import { readSharedLink } from '../share/open-shared';
import { readEdit } from '../yaml/read-edit';
import type { ReaderMessage, ReadProgress, ReadRequest } from './protocol';
import { readImport } from '../import/read-import';

const post = (message: ReaderMessage) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<{ id: number; request: ReadRequest }>) => {
  const { id, request } = event.data;
  const progress = (p: ReadProgress) => post({ id, type: 'progress', progress: p });
  try {
    switch (request.read) {
      case 'edit':
        return post({ id, type: 'done', result: readEdit(request) });
      case 'import':
        return post({ id, type: 'done', result: readImport(request, progress) });
      case 'share':
        return post({ id, type: 'done', result: await readSharedLink(request, progress) });
    }
  } catch (error) {
    post({ id, type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
