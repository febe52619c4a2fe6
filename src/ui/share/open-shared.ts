/**
 * Reading a shared link into a pipeline: decoded and imported like the files of an import, laid
 * out by the caller. Loaded only when a page is opened with a share fragment (it brings the YAML
 * parser and the importer with it).
 */
import { decodeShareFragment } from '../../core/share';
import { loadPipeline } from '../../core/transpile';
import type { Pipeline } from '../../core/model/types';
import { isFailedImport } from '../import/outcome';
import { describeShared } from './share-link';

export type SharedLink = { ok: true; pipeline: Pipeline; summary: string } | { ok: false };

export async function readSharedLink(hash: string): Promise<SharedLink> {
  const input = await decodeShareFragment(hash);
  if (!input) return { ok: false };
  try {
    const result = loadPipeline(input);
    if (!result.pipeline || isFailedImport(result)) return { ok: false };
    return { ok: true, pipeline: result.pipeline, summary: describeShared(result.pipeline) };
  } catch {
    return { ok: false }; // a link is input from outside: whatever it holds must not break the page
  }
}
