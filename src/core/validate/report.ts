import type { Diagnostic } from '../diagnostics';
import { DAG_BRANCH, MAP_BRANCH, type StepVisit } from '../model/paths';

/** What a diagnostic points at; the importer's source map turns it into a line and column. */
export type Target = Pick<Diagnostic, 'step' | 'graph' | 'field'>;

// The code's prefix repeats the severity, so the types keep them in step.
export const error = (code: `E_${string}`, message: string, target: Target = {}): Diagnostic => ({ code, severity: 'error', message, ...target });
export const warning = (code: `W_${string}`, message: string, target: Target = {}): Diagnostic => ({ code, severity: 'warning', message, ...target });
export const info = (code: `I_${string}`, message: string, target: Target = {}): Diagnostic => ({ code, severity: 'info', message, ...target });

export const stepTarget = (visit: Pick<StepVisit, 'path' | 'graphPath'>, field?: string): Target => ({
  step: visit.path,
  graph: visit.graphPath,
  ...(field !== undefined ? { field } : {}),
});

export const graphTarget = (graphPath: string, field?: string): Target => ({ graph: graphPath, ...(field !== undefined ? { field } : {}) });

export const fieldTarget = (field: string): Target => ({ field });

/** "the pipeline", "branch `b` of `P`", "the branch of map `M`", "the dag of `D`", for messages about a graph. */
export function describeGraph(graphPath: string): string {
  if (graphPath === '') return 'the pipeline';
  const cut = graphPath.lastIndexOf('.');
  const owner = graphPath.slice(0, cut);
  const branch = graphPath.slice(cut + 1);
  if (cut < 0) return `branch ${quote(graphPath)}`;
  if (branch === MAP_BRANCH) return `the branch of map ${quote(owner)}`;
  if (branch === DAG_BRANCH) return `the dag of ${quote(owner)}`;
  return `branch ${quote(branch)} of ${quote(owner)}`;
}

export const quote = (name: string) => `\`${name}\``;

export const listNames = (names: readonly string[]) => names.map(quote).join(', ');
