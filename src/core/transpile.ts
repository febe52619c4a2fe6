import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics';
import { emitPipeline, type EmitOptions } from './emit/index';
import { importMagnus, type ImportResult, type MagnusInput } from './magnus/import';
import { validatePipeline } from './validate/validate';

/** Import and validate: every diagnostic, positioned in the files where the model came from text. */
export function loadPipeline(input: MagnusInput): ImportResult {
  const imported = importMagnus(input);
  if (!imported.pipeline) return { ...imported, diagnostics: sortDiagnostics(imported.diagnostics) };
  const found = imported.sourceMap.attach(validatePipeline(imported.pipeline));
  return { ...imported, diagnostics: sortDiagnostics([...imported.diagnostics, ...found]) };
}

export interface TranspileResult extends ImportResult {
  /** The emitted YAML; undefined when errors in the input (or in emitting) prevent it. */
  text?: string;
}

/** magnus files → Kubeflow YAML, the whole way, as the CLI and tests use it. */
export function transpile(input: MagnusInput, options: EmitOptions): TranspileResult {
  const loaded = loadPipeline(input);
  if (!loaded.pipeline || hasErrors(loaded.diagnostics)) return loaded;
  const emitted = emitPipeline(loaded.pipeline, options);
  const diagnostics: Diagnostic[] = sortDiagnostics([...loaded.diagnostics, ...loaded.sourceMap.attach(emitted.diagnostics)]);
  return { ...loaded, diagnostics, text: hasErrors(emitted.diagnostics) ? undefined : emitted.text };
}
