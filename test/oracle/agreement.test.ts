import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/core/diagnostics';
import { walkSteps } from '../../src/core/model/paths';
import type { Pipeline } from '../../src/core/model/types';
import { validatePipeline } from '../../src/core/validate/validate';
import { corpusInput } from '../corpus/corpus-run';
import { corpusDagFiles } from '../support/fixtures';
import { iterateOnParameters, pipelineWithScenarios } from './arbitraries';
import { checkAgreement, scenariosToTry, seededCombinations, type AgreementReport } from './agreement';
import { importPipeline } from './load';

/** What every target must do with a valid pipeline: emit it, or (KFP v2, on_failure only) refuse naming the step. */
function expectFaithful(pipeline: Pipeline, report: AgreementReport) {
  for (const { target, diagnostics } of report.refusals) {
    for (const d of diagnostics) {
      expect(d.code, `${target}: ${d.message}`).toMatch(/^E_EMIT/);
      expect(d.step, `${target} ${d.code} names no step`).toBeDefined();
    }
  }
  // Argo expresses every construct (docs/composite-emission.md): refusing a valid pipeline is a bug.
  expect(report.refusals.filter((r) => r.target !== 'kfp-v2')).toEqual([]);
  const v2 = report.refusals.find((r) => r.target === 'kfp-v2');
  const onFailureSteps = new Set([...walkSteps(pipeline.dag)].filter((v) => 'on_failure' in v.step && v.step.on_failure).map((v) => v.path));
  for (const d of v2?.diagnostics ?? []) {
    expect(d.code).toBe('E_EMIT_V2_ON_FAILURE');
    expect(onFailureSteps.has(d.step!), `${d.step} has no on_failure`).toBe(true);
  }
  expect(report.disagreements).toEqual([]);
}

const hasComposite = (pipeline: Pipeline) =>
  [...walkSteps(pipeline.dag)].some((v) => ['parallel', 'map', 'dag'].includes(v.step.type) || ('on_failure' in v.step && !!v.step.on_failure));

/** Corpus DAGs with a composite or on_failure that import and validate without errors (the others never reach an emitter). */
const corpusCases = corpusDagFiles().flatMap((file) => {
  try {
    const pipeline = importPipeline(corpusInput(file));
    return hasComposite(pipeline) && !hasErrors(validatePipeline(pipeline)) ? [{ file, pipeline }] : [];
  } catch {
    return [];
  }
});

describe('emitted documents run as magnus runs the pipeline', () => {
  it('covers the composite corpus files', () => {
    expect(corpusCases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(corpusCases.map((c) => [c.file, c.pipeline] as const))('corpus %s', (_, pipeline) => {
    const items = Object.fromEntries(iterateOnParameters(pipeline).map((p) => [p, ['a', 'b']]));
    const report = checkAgreement(pipeline, scenariosToTry(pipeline, items, seededCombinations(pipeline, items, 1)));
    expect(report.checked.length).toBeGreaterThan(0);
    expectFaithful(pipeline, report);
  });

  // Half without on_failure: KFP v2 refuses any pipeline that has one, and must be exercised too.
  it('generated pipelines with parallel, map, nested dag and on_failure', { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(pipelineWithScenarios(), pipelineWithScenarios({ onFailure: false })), ({ pipeline, items, randomFailures }) => {
        const report = checkAgreement(pipeline, scenariosToTry(pipeline, items, randomFailures));
        expectFaithful(pipeline, report);
      }),
      { numRuns: 100 },
    );
  });
});
