/**
 * Reading the saved pipeline, in the reader worker (a long save would stop the page for seconds at
 * its opening): only a save that is a whole, well-formed pipeline, which the designer can check,
 * emit and export, is restored. The page takes what this computed as its derived values.
 */
import { checkPipelineShape } from '../../core/model/schema';
import type { Pipeline } from '../../core/model/types';
import { deriveSeed, withExport, type DerivedSeed } from './derive-seed';

export type SaveRead = { pipeline: Pipeline; seed: DerivedSeed } | { problem: string };

/** Why `text` cannot be restored, or the pipeline it holds with its derived values. */
export function readSave(text: string): SaveRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not readable (${error instanceof Error ? error.message : String(error)})` };
  }
  const shape = checkPipelineShape(value);
  if (!shape.ok) return { problem: shape.problem };
  // What the page does with a pipeline at once (check it, emit the shown target, export the magnus
  // files): a save that breaks any of them would break the page.
  try {
    return { pipeline: shape.pipeline, seed: withExport(deriveSeed(shape.pipeline, 'kfp-v2'), shape.pipeline) };
  } catch (error) {
    return { problem: `the designer cannot work with it (${error instanceof Error ? error.message : String(error)})` };
  }
}
