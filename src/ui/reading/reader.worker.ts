// The reader worker: see protocol.ts. Requests are read in the order they come.
import { readSharedLink } from '../share/open-shared';
import { placedEdit, readEdit } from '../yaml/read-edit';
import type { Pipeline } from '../../core/model/types';
import { layOut, warmLayout } from './lay-out';
import { progressAt, type ReadProgress } from './progress';
import type { ReaderMessage, ReaderRequestMessage, ResultOf } from './protocol';
import { startImport } from '../import/read-import';
import { readPaste } from '../clipboard/read-paste';
import { withExport } from '../store/derive-seed';
import { salvageFiles } from '../recovery/salvage';
import { readSave } from '../store/read-save';

const post = (message: ReaderMessage) => self.postMessage(message);

const laidOut = (pipeline: Pipeline, progress: (p: ReadProgress) => void) => {
  progress(progressAt(3));
  return layOut(pipeline);
};

self.onmessage = async (event: MessageEvent<ReaderRequestMessage>) => {
  const { id, request } = event.data;
  const progress = (p: ReadProgress) => post({ id, type: 'progress', progress: p });
  try {
    switch (request.read) {
      case 'edit':
        return post({ id, type: 'done', result: await placedEdit(readEdit(request), layOut) });
      case 'warm':
        // Chains are placed without ELK, but a warm-up cannot know what will be imported.
        await warmLayout().catch(() => {});
        return post({ id, type: 'done', result: null });
      case 'import': {
        const start = startImport(request, progress);
        if (start.status !== 'read') return post({ id, type: 'done', result: start });
        const pipeline = await laidOut(start.pipeline, progress);
        // The canvas draws it while its check, emission and magnus files are made here; they go
        // on the part's own port, which the page starts when it can take them (protocol.ts PartOf).
        const { port1: answer, port2 } = new MessageChannel();
        self.postMessage({ id, type: 'part', part: { pipeline }, answer: port2 } satisfies ReaderMessage, { transfer: [port2] });
        const { diagnostics, seed } = start.check(request.target);
        return answer.postMessage({ classification: start.classification, status: 'checked', diagnostics, seed: withExport(seed, pipeline) } satisfies ResultOf['import']);
      }
      case 'share': {
        const read = await readSharedLink(request, progress);
        if (read.ok) {
          read.pipeline = await laidOut(read.pipeline, progress);
          read.seed = withExport(read.seed, read.pipeline);
        }
        return post({ id, type: 'done', result: read });
      }
      case 'paste':
        return post({ id, type: 'done', result: readPaste(request) });
      case 'salvage':
        return post({ id, type: 'done', result: salvageFiles(request.text) ?? null });
      case 'restore':
        return post({ id, type: 'done', result: readSave(request.text) });
    }
  } catch (error) {
    post({ id, type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
