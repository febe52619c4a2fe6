/**
 * Restoring the saved pipeline: only a save that is a whole, well-formed pipeline, which the
 * designer can check, emit and export, is restored. Anything else — written by another version,
 * cut short, edited by hand — would crash the page on every reload: it is kept aside (never
 * deleted) and offered for download, and the designer opens without it.
 */
import { checkPipelineShape } from '../../core/model/schema';
import type { Pipeline } from '../../core/model/types';
import { allDiagnostics, exported } from './derived';
import { keepAside } from './saved';
import type { Recovery } from './store';

export type Restored = { ok: true; pipeline: Pipeline } | { ok: false; recovery: Recovery };

/** Why `text` cannot be restored, or the pipeline it holds. */
export function readSave(text: string): { pipeline: Pipeline } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not readable (${error instanceof Error ? error.message : String(error)})` };
  }
  const shape = checkPipelineShape(value);
  if (!shape.ok) return { problem: shape.problem };
  // What the page does with a pipeline at once (check it, emit the shown target, export the magnus
  // files): a save that breaks any of them would break the page. The results stay cached for it.
  try {
    allDiagnostics(shape.pipeline, 'kfp-v2');
    exported(shape.pipeline);
  } catch (error) {
    return { problem: `the designer cannot work with it (${error instanceof Error ? error.message : String(error)})` };
  }
  return { pipeline: shape.pipeline };
}

export function restoreSaved(text: string, storage: Storage): Restored {
  const read = readSave(text);
  if ('pipeline' in read) return { ok: true, pipeline: read.pipeline };
  return { ok: false, recovery: { text, problem: read.problem, keptAs: keepAside(storage, text) } };
}
