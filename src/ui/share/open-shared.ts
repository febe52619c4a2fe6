/**
 * Reading a shared link into a pipeline, in the reader worker: inflated (within the size a link
 * may carry), imported like the files of an import, checked, and what the page will show of it
 * computed. The page lays it out and takes it.
 */
import type { EmitTarget } from '../../core/emit/index';
import type { Pipeline } from '../../core/model/types';
import { decodeShareFragment } from '../../core/share';
import { loadPipeline } from '../../core/transpile';
import { isFailedImport } from '../import/outcome';
import { progressAt, type ReadProgress } from '../reading/progress';
import { deriveSeed, type DerivedSeed } from '../store/derive-seed';
import { describeShared } from './share-link';

export interface ShareRequest {
  hash: string;
  target: EmitTarget;
}

export type ShareRead = { ok: true; pipeline: Pipeline; summary: string; seed: DerivedSeed } | { ok: false; message: string };

export async function readSharedLink({ hash, target }: ShareRequest, progress: (p: ReadProgress) => void = () => {}): Promise<ShareRead> {
  progress(progressAt(0));
  const decoded = await decodeShareFragment(hash);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  progress(progressAt(1));
  const result = loadPipeline(decoded.input);
  if (!result.pipeline || isFailedImport(result)) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    return { ok: false, message: first ? `its ${first.file ?? 'pipeline'} file is not readable: ${first.message}` : 'it holds no pipeline' };
  }
  progress(progressAt(2));
  return { ok: true, pipeline: result.pipeline, summary: describeShared(result.pipeline), seed: deriveSeed(result.pipeline, target, result.validation) };
}
