import type { Diagnostic, Severity, SourceFile } from '../diagnostics';
import type { Json } from '../model/types';
import type { YamlPath, YamlSource } from '../yaml/source';
import type { EraMarker } from './era';
import type { SourceMap, Target } from './source-map';

/** One file being read: where diagnostics and positions of its parts go. */
export interface FileCursor {
  file: SourceFile;
  source: YamlSource;
}

/** Shared state of one import: diagnostics, positions, and the era clues found on the way. */
export class ImportContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly markers: EraMarker[] = [];
  /** Set when the input cannot become a model at all; the import then returns no pipeline. */
  fatal = false;
  /** Composite steps the step being read is inside of (across nested dag files). */
  nesting = 0;
  /** Steps read so far, a nested dag file's once for each step that includes it. */
  steps = 0;
  /** Characters of every file read so far. */
  characters = 0;
  /**
   * The executor type (besides `kfp`) whose step overrides the steps apply: `argo` with an Argo
   * config (`overrides: {argo: big}`), as magnus resolves overrides for its own executor.
   */
  stepOverrideType: string | undefined;

  constructor(readonly sourceMap: SourceMap) {}

  report(cursor: FileCursor, path: YamlPath, severity: Severity, code: string, message: string, target: Target = {}, at: 'key' | 'value' = 'value') {
    const pos = at === 'key' ? cursor.source.keyPos(path) : cursor.source.valuePos(path);
    this.diagnostics.push({ code, severity, message, ...target, file: cursor.file, ...(pos ?? {}) });
    if (severity === 'error' && code.startsWith('E_IMPORT')) this.fatal = true;
  }

  /**
   * Remembers where a model target was written (its value, or for steps and graphs, its key). Worked
   * out only if a diagnostic asks: `path` must not change afterwards (callers build a new one each time).
   */
  locate(cursor: FileCursor, path: YamlPath, target: Target, at: 'key' | 'value' = 'value') {
    this.sourceMap.recordAt(target, cursor.file, cursor.source, path, at);
  }

  mark(marker: EraMarker) {
    if (!this.markers.some((m) => m.clue === marker.clue)) this.markers.push(marker);
  }
}

export const isMapping = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const describeType = (value: unknown) =>
  value === null ? 'empty' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
