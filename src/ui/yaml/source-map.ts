/**
 * Where each part of the model sits in the exported dag/config text, for editor markers. It
 * re-imports the exported files, so it is imported only by the (lazily loaded) editor: the magnus
 * importer and the YAML parser stay out of the first page load.
 */
import { importMagnus } from '../../core/magnus/import';
import type { SourceMap } from '../../core/magnus/source-map';
import type { Pipeline } from '../../core/model/types';
import { exported } from '../store/derived';

const cache = new WeakMap<Pipeline, SourceMap>();

export function exportedSourceMap(pipeline: Pipeline): SourceMap {
  let map = cache.get(pipeline);
  if (!map) {
    const files = exported(pipeline);
    map = importMagnus({ dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}) }).sourceMap;
    cache.set(pipeline, map);
  }
  return map;
}
