/**
 * A long read as the user sees it: the progress dialog (ReadingDialog) shows it from its start,
 * with a Cancel that stops it; whatever it was reading, the pipeline is untouched until the very
 * end, so a cancelled or failed read changes nothing.
 */
import type { DesignerStore } from '../store/store';
import type { ReadProgress } from './protocol';

export type ReadWork<T> = (signal: AbortSignal, progress: (p: ReadProgress) => void) => Promise<T>;

export async function trackRead<T>(store: DesignerStore, title: string, work: ReadWork<T>): Promise<T> {
  const controller = new AbortController();
  const reading = { title, cancel: () => controller.abort() };
  store.getState().setReading(reading);
  const progress = (p: ReadProgress) => {
    // Only this read's dialog: another may have started since.
    if (store.getState().reading?.cancel === reading.cancel) store.getState().setReading({ ...reading, progress: p });
  };
  try {
    return await work(controller.signal, progress);
  } finally {
    if (store.getState().reading?.cancel === reading.cancel) store.getState().setReading(undefined);
  }
}
