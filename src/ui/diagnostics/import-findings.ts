/**
 * What an import found that the validator will not find again — a config written for another
 * executor, keys left out, terminal steps added — kept in the Problems list after the report is
 * closed, until the user dismisses it or the pipeline changes it: a finding about a step lasts
 * while that step is as imported; the others while the import is in the history (undoing the
 * import takes them away, redoing it brings them back). Pure.
 */
import type { Diagnostic } from '../../core/diagnostics';
import { walkSteps } from '../../core/model/paths';
import type { Pipeline, Step } from '../../core/model/types';
import type { History } from '../store/history';

export interface ImportFindings {
  /** The imported pipeline, as placed on the canvas (kept up to date by the store's amend). */
  pipeline: Pipeline;
  /** Its place in the history: the index it has in `past`, or `past.length` while it is the present. */
  at: number;
  diagnostics: readonly Diagnostic[];
}

const key = (d: Diagnostic) => `${d.code}\n${d.step ?? ''}\n${d.field ?? ''}\n${d.message}`;

/** The report's diagnostics the Problems list would not show anyway (those the validator finds there). */
export function importOnly(reported: readonly Diagnostic[], validated: readonly Diagnostic[]): Diagnostic[] {
  const known = new Set(validated.map(key));
  return reported.filter((d) => !known.has(key(d)));
}

const stepsOf = (pipeline: Pipeline) => new Map<string, Step>([...walkSteps(pipeline.dag)].map((v) => [v.path, v.step]));

/** The findings still true of the history's present pipeline. */
export function liveFindings(findings: ImportFindings | undefined, history: History<Pipeline>): Diagnostic[] {
  if (!findings || findings.diagnostics.length === 0) return [];
  // The present, or edited since (in the past at its place); undone, it is in the future.
  const imported = history.past.length === findings.at ? history.present === findings.pipeline : history.past[findings.at] === findings.pipeline;
  if (!imported) return [];
  const withSteps = findings.diagnostics.some((d) => d.step !== undefined);
  const before = withSteps ? stepsOf(findings.pipeline) : undefined;
  const now = withSteps ? stepsOf(history.present) : undefined;
  return findings.diagnostics.filter((d) => d.step === undefined || (before!.get(d.step) !== undefined && before!.get(d.step) === now!.get(d.step)));
}
