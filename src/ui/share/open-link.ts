/**
 * Opening a shared link the user agreed to open: read in the reader worker (progress shown, Cancel
 * stops it), then laid out and taken as one undo step. Loaded only when a link is opened.
 */
import { inputReader } from '../reading/readers';
import { ReadStopped } from '../reading/reader';
import { takePipeline } from '../reading/take';
import { trackRead } from '../reading/track';
import type { DesignerStore } from '../store/store';
import { CANCELLED_LINK_NOTICE, openedLinkNotice, unreadableLinkNotice } from './share-link';

export const OPENING_LINK_TITLE = 'Opening the shared pipeline';

export async function openSharedLink(hash: string, store: DesignerStore): Promise<void> {
  const { notify } = store.getState();
  try {
    const summary = await trackRead(store, OPENING_LINK_TITLE, async (signal, progress) => {
      const read = await inputReader.run({ read: 'share', hash, target: store.getState().target }, { signal, onProgress: progress });
      if (!read.ok) throw new ReadStopped('failed', read.message);
      await takePipeline(store, read.pipeline, read.seed, signal, progress);
      return read.summary;
    });
    notify({ kind: 'info', text: openedLinkNotice(summary) });
  } catch (error) {
    if (error instanceof ReadStopped && error.reason === 'cancelled') notify({ kind: 'info', text: CANCELLED_LINK_NOTICE });
    else notify({ kind: 'error', text: unreadableLinkNotice(error instanceof Error ? error.message : String(error)) });
  }
}
