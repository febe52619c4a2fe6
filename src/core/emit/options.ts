/** What every emitter takes and gives: below index.ts and the emitters, which all read it. */
import type { Diagnostic } from '../diagnostics';
import { flat } from '../yaml/stringify';

export type EmitTarget = 'kfp-v2' | 'kfp-v1' | 'argo';
export const EMIT_TARGETS: readonly EmitTarget[] = ['kfp-v2', 'kfp-v1', 'argo'];

export interface EmitOptions {
  target: EmitTarget;
  /** Only when asked: output is otherwise byte-identical for identical input. */
  timestamp?: Date;
}

export interface EmitResult {
  /** The YAML text; empty when errors prevented emitting. */
  text: string;
  /** Problems found while emitting (e.g. constructs a target cannot express). */
  diagnostics: Diagnostic[];
  /**
   * The same text as an ordered list of pieces, when the emitter keeps them (see piecesResult).
   * Not enumerable: a copy of the result (spread, structured clone) carries the text alone.
   */
  readonly pieces?: readonly string[];
}

/**
 * A result whose text is `pieces` joined, joined only when first read. The KFP v2 emitter keeps
 * each step's pieces while the step is unchanged, so after an edit the unchanged steps' pieces
 * are the same string objects as before: the designer finds the changed range by comparing
 * pieces (`===` on the same string object is one pointer comparison) and edits a few lines
 * without building or comparing the 2 MB text; download, copy and the CLI read `text`.
 */
export function piecesResult(pieces: readonly string[], diagnostics: Diagnostic[]): EmitResult {
  let text: string | undefined;
  const result = { diagnostics } as EmitResult;
  Object.defineProperty(result, 'text', { enumerable: true, get: () => (text ??= joined(pieces)) });
  Object.defineProperty(result, 'pieces', { enumerable: false, value: pieces });
  return result;
}

/**
 * The pieces as one string: a short rope of flat chunks of about CHUNK characters, as the YAML
 * writer returns its text (see `chunks` in yaml/stringify.ts). Measured at 1,000 steps: 2–3 ms,
 * against 15–20 ms for `pieces.join('')`, whose one 2 MB string is fresh memory.
 */
function joined(pieces: readonly string[]): string {
  let text = '';
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= CHUNK) {
      text += flat(chunk);
      chunk = '';
    }
  }
  return text + flat(chunk);
}
const CHUNK = 16 * 1024;
