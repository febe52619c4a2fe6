/**
 * Restoring the saved pipeline. Anything that is not one the designer can work with — written by
 * another version, cut short, edited by hand — would crash the page on every reload: it is kept
 * aside (never deleted) and offered for download, and the designer opens without it.
 */
import type { Pipeline } from '../../core/model/types';
import type { DerivedSeed } from './derive-seed';
import type { SaveRead } from './read-save';
import { keepAside } from './saved';
import type { Recovery } from './store';

export type Restored = { ok: true; pipeline: Pipeline; seed: DerivedSeed } | { ok: false; recovery: Recovery };

/** `read` is read-save.ts's `readSave`, run in the reader worker by the page; a read that fails or runs out of time is a save not restored. */
export async function restoreSaved(text: string, storage: Storage, read: (text: string) => Promise<SaveRead>): Promise<Restored> {
  let result: SaveRead;
  try {
    result = await read(text);
  } catch (error) {
    result = { problem: `it could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  if ('pipeline' in result) return { ok: true, pipeline: result.pipeline, seed: result.seed };
  return { ok: false, recovery: { text, problem: result.problem, keptAs: keepAside(storage, text) } };
}
