import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics';
import { emitPipeline, type EmitOptions } from './emit/index';
import { importMagnus, type ImportResult, type MagnusInput } from './magnus/import';
import { validatePipeline } from './validate/validate';

export interface LoadResult extends ImportResult {
  /**
   * The pipeline's validation as the designer keeps it (sorted, without the source positions the
   * diagnostics above carry), so that a caller who shows the pipeline does not validate it again.
   */
  validation?: Diagnostic[];
}

/** Import and validate: every diagnostic, positioned in the files where the model came from text. */
export function loadPipeline(input: MagnusInput): LoadResult {
  return checkImported(importMagnus(input));
}

/** An import's pipeline validated, its findings placed in the files: the second half of loadPipeline. */
export function checkImported(imported: ImportResult): LoadResult {
  if (!imported.pipeline) return { ...imported, diagnostics: sortDiagnostics(imported.diagnostics) };
  const validation = validatePipeline(imported.pipeline);
  const found = imported.sourceMap.attach(validation);
  return { ...imported, diagnostics: sortDiagnostics([...imported.diagnostics, ...found]), validation: sortDiagnostics(validation) };
}

export interface TranspileResult extends ImportResult {
  /** The emitted YAML; undefined when errors in the input (or in emitting) prevent it. */
  text?: string;
}

/** magnus files → Kubeflow YAML, the whole way, as the CLI and tests use it. */
export function transpile(input: MagnusInput, options: EmitOptions): TranspileResult {
  const { validation: _kept, ...loaded } = loadPipeline(input);
  if (!loaded.pipeline || hasErrors(loaded.diagnostics)) return loaded;
  const emitted = emitPipeline(loaded.pipeline, options);
  const diagnostics: Diagnostic[] = sortDiagnostics([...loaded.diagnostics, ...loaded.sourceMap.attach(emitted.diagnostics)]);
  return { ...loaded, diagnostics, text: hasErrors(emitted.diagnostics) ? undefined : emitted.text };
}
