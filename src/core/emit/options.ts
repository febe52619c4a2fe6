/** What every emitter takes and gives: below index.ts and the emitters, which all read it. */
import type { Diagnostic } from '../diagnostics';

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
}
