/** Counting and naming diagnostics for people. Pure. */
import type { Diagnostic, Severity } from '../../core/diagnostics';
import { MAP_BRANCH } from '../../core/model/paths';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** "2 errors, 1 warning"; notes are counted only when asked, as they need no action. */
export function countSummary(diagnostics: readonly Diagnostic[], options: { notes?: boolean } = {}): string {
  const c = countBySeverity(diagnostics);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (options.notes) parts.push(plural(c.info, 'note'));
  return parts.join(', ');
}

/** `map › step` for `map.map_variable_placeholder.step`: the path as the canvas shows it. */
export function stepLabel(stepPath: string): string {
  return stepPath
    .split('.')
    .filter((part) => part !== MAP_BRANCH)
    .join(' › ');
}

/** What users call each severity; an info needs no action, so it is a note. */
export const SEVERITY_WORDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** "error in step train model: …" — the accessible name of a diagnostic's button. */
export function diagnosticLabel(d: Diagnostic): string {
  const where = d.step !== undefined ? ` in step ${stepLabel(d.step)}` : d.field ? ` in ${d.field}` : '';
  const field = d.step !== undefined && d.field ? ` (${d.field})` : '';
  return `${SEVERITY_WORDS[d.severity]}${where}: ${d.message}${field}`;
}
