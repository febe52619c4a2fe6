/**
 * Diagnostics shared by the importer, the validator and the emitters.
 *
 * A diagnostic names what it is about in model terms (graph, step path, field) so the designer can
 * select the step and focus the field, and, when the model came from text, where in which file.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Which source file a position refers to: the dag, config or parameters file, or a nested dag file by path. */
export type SourceFile = 'dag' | 'config' | 'parameters' | (string & {});

export interface Diagnostic {
  /** Stable code, e.g. `E_CYCLE`; the prefix repeats the severity a rule normally has. */
  code: string;
  severity: Severity;
  message: string;
  /** Step path (magnus internal name, e.g. `P.branch.step`), when the problem belongs to a step. */
  step?: string;
  /** Graph path ('' = the pipeline's own graph), when the problem belongs to a graph. */
  graph?: string;
  /**
   * Field, in magnus key spelling: step fields (`next`, `command`, `kfp.memory_limit`,
   * `kfp.secrets_from_k8s.AWS_KEY`), global ones (`executor.cpu_limit`, `parameters.x`,
   * `variables.image`, `profiles.big.cpu_limit`, `files.dag`, `services.run_log_store`).
   */
  field?: string;
  file?: SourceFile;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by file position, so the first line a user reads is the one to fix. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.line ?? Infinity) - (b.line ?? Infinity) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** `file:line:col: error CODE: message`, the format compilers use and editors link. */
export function formatDiagnostic(d: Diagnostic, fileName?: string): string {
  const where = fileName ?? d.file;
  const location = where ? `${where}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
  const subject = d.step !== undefined ? ` [step ${d.step}${d.field ? `, ${d.field}` : ''}]` : d.field ? ` [${d.field}]` : '';
  return `${location}${d.severity} ${d.code}: ${d.message}${subject}`;
}
