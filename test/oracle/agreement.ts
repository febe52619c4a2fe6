import fc from 'fast-check';
import { hasErrors, type Diagnostic } from '../../src/core/diagnostics';
import { EMIT_TARGETS, emitPipeline, type EmitTarget } from '../../src/core/emit/index';
import { walkSteps } from '../../src/core/model/paths';
import type { Pipeline } from '../../src/core/model/types';
import { possibleRuntimeNames, scenarioExtras, type ScenarioExtras } from './arbitraries';
import { runArgo } from './argo';
import { runKfpV2 } from './kfp-v2';
import { parseDocuments } from './load';
import { runMagnus } from './magnus';
import { asMultiset, scenario, type Run, type Scenario } from './scenario';

/** Enough to cover none, several single failures and a few combinations, yet keep a property run fast. */
export const MAX_SCENARIOS = 20;

/** The emitted documents, read once: the YAML parser is what costs most in a property run. */
export function interpreter(target: EmitTarget, text: string): (pipeline: Pipeline, s: Scenario) => Run {
  const documents = parseDocuments(text);
  if (target === 'kfp-v2') return (pipeline, s) => runKfpV2(documents, pipeline, s);
  if (documents.length !== 1) throw new Error(`${target}: expected one Workflow document, got ${documents.length}`);
  return (pipeline, s) => runArgo(documents[0], pipeline, s);
}

/**
 * No failure, the random combinations, then single failures in order until the cap; all of them
 * with the given durations, and the first two once more with first attempts failing instead.
 */
export function scenariosToTry(pipeline: Pipeline, items: Record<string, string[]>, combinations: string[][], extras?: ScenarioExtras): Scenario[] {
  const singles = possibleRuntimeNames(pipeline, items).map((name) => [name]);
  const seen = new Set<string>();
  const chosen: Scenario[] = [];
  const durations = extras?.durations ?? {};
  for (const failing of [[], ...combinations, ...singles]) {
    const key = [...failing].sort().join('\u0000');
    if (seen.has(key) || chosen.length >= MAX_SCENARIOS) continue;
    seen.add(key);
    chosen.push(scenario(failing, items, { durations }));
  }
  if (extras && Object.keys(extras.failingAttempts).length > 0) {
    for (const base of chosen.slice(0, 2)) chosen.push(scenario(base.failing, items, extras));
  }
  return chosen;
}

/** A few reproducible random failure sets (the corpus is not a property: the same every run). */
export function seededCombinations(pipeline: Pipeline, items: Record<string, string[]>, seed: number): string[][] {
  const names = possibleRuntimeNames(pipeline, items);
  return fc.sample(fc.subarray(names, { minLength: Math.min(2, names.length) }), { numRuns: 3, seed });
}

/** Reproducible random durations and first-attempt failures, for the corpus. */
export function seededExtras(pipeline: Pipeline, items: Record<string, string[]>, seed: number): ScenarioExtras {
  return fc.sample(scenarioExtras(possibleRuntimeNames(pipeline, items)), { numRuns: 1, seed })[0];
}

export interface Disagreement {
  target: EmitTarget;
  scenario: { failing: string[]; items: Record<string, string[]>; failingAttempts: Record<string, number>; durations: Record<string, number> };
  magnus: { ran: string[]; succeeded: boolean };
  emitted: { ran: string[]; succeeded: boolean; unjudged?: string[]; judgedTwice?: string[] } | { error: string };
}

export interface AgreementReport {
  /** Targets that emitted, i.e. were checked. */
  checked: EmitTarget[];
  refusals: { target: EmitTarget; diagnostics: Diagnostic[] }[];
  disagreements: Disagreement[];
}

/** Emits for every target and compares each emitted document's runs with magnus's, scenario by scenario. */
export function checkAgreement(pipeline: Pipeline, scenarios: Scenario[]): AgreementReport {
  const report: AgreementReport = { checked: [], refusals: [], disagreements: [] };
  const expectations = scenarios.map((s) => runMagnus(pipeline, s));
  for (const target of EMIT_TARGETS) {
    const emitted = emitPipeline(pipeline, { target });
    if (hasErrors(emitted.diagnostics)) {
      report.refusals.push({ target, diagnostics: emitted.diagnostics.filter((d) => d.severity === 'error') });
      continue;
    }
    report.checked.push(target);
    let run: ReturnType<typeof interpreter> | undefined;
    let unreadable: string | undefined;
    try {
      run = interpreter(target, emitted.text);
    } catch (error) {
      unreadable = String(error);
    }
    for (const [i, s] of scenarios.entries()) {
      const expected = expectations[i];
      let actual: Run | { error: string };
      try {
        actual = run ? run(pipeline, s) : { error: unreadable! };
      } catch (error) {
        actual = { error: String(error) };
      }
      const agrees =
        !('error' in actual) &&
        actual.succeeded === expected.succeeded &&
        !actual.unjudged &&
        !actual.judgedTwice &&
        asMultiset(actual.ran).join('\n') === asMultiset(expected.ran).join('\n');
      if (!agrees) {
        report.disagreements.push({
          target,
          scenario: { failing: [...s.failing], items: s.items, failingAttempts: s.failingAttempts, durations: s.durations },
          magnus: { ran: asMultiset(expected.ran), succeeded: expected.succeeded },
          emitted:
            'error' in actual
              ? actual
              : { ran: asMultiset(actual.ran), succeeded: actual.succeeded, ...(actual.unjudged ? { unjudged: actual.unjudged } : {}), ...(actual.judgedTwice ? { judgedTwice: actual.judgedTwice } : {}) },
        });
      }
    }
  }
  return report;
}
