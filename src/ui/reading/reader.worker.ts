// The reader worker: see protocol.ts. Requests are read in the order they come; an import's answer
// waits for the page's ask (PartOf) while later requests go on.
import { readSharedLink } from '../share/open-shared';
import { placedEdit, readEdit } from '../yaml/read-edit';
import type { Pipeline } from '../../core/model/types';
import { layOut, warmLayout } from './lay-out';
import { progressAt, type ReadProgress } from './progress';
import type { ReaderMessage, ReaderRequestMessage } from './protocol';
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

/** Reads whose answer waits for the page (protocol.ts `PartOf`), and asks that came before the wait. */
const waitingForPage = new Map<number, () => void>();
const askedEarly = new Set<number>();

const pageReady = (id: number) =>
  askedEarly.delete(id) ? Promise.resolve() : new Promise<void>((resolve) => waitingForPage.set(id, resolve));

function restAsked(id: number) {
  const resolve = waitingForPage.get(id);
  if (!resolve) return void askedEarly.add(id);
  waitingForPage.delete(id);
  resolve();
}

self.onmessage = async (event: MessageEvent<ReaderRequestMessage>) => {
  if ('rest' in event.data) return restAsked(event.data.id);
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
        // The canvas draws it while its check, emission and magnus files are made here.
        post({ id, type: 'part', part: { pipeline } });
        const { diagnostics, seed } = start.check(request.target);
        const result = { classification: start.classification, status: 'checked' as const, diagnostics, seed: withExport(seed, pipeline) };
        await pageReady(id);
        return post({ id, type: 'done', result });
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
    // An ask that came while the check was still running would otherwise stay for good.
    askedEarly.delete(id);
    post({ id, type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
