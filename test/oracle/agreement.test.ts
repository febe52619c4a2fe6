import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/core/diagnostics';
import { walkSteps } from '../../src/core/model/paths';
import type { Pipeline } from '../../src/core/model/types';
import { validatePipeline } from '../../src/core/validate/validate';
import { corpusInput } from '../corpus/corpus-run';
import { corpusDagFiles } from '../support/fixtures';
import { iterateOnParameters, pipelineWithScenarios } from './arbitraries';
import { checkAgreement, scenariosToTry, seededCombinations, seededExtras, type AgreementReport } from './agreement';
import { importPipeline } from './load';

/** What every target must do with a valid pipeline: emit it, and run it as magnus does. */
function expectFaithful(report: AgreementReport) {
  // Every target expresses every construct (docs/composite-emission.md): refusing a valid pipeline is a bug.
  expect(report.refusals).toEqual([]);
  expect(report.checked).toEqual(['kfp-v2', 'kfp-v1', 'argo']);
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
    const report = checkAgreement(pipeline, scenariosToTry(pipeline, items, seededCombinations(pipeline, items, 1), seededExtras(pipeline, items, 1)));
    expectFaithful(report);
  });

  // Half without on_failure: their composites keep the fan-in of the plain shape (an exit hook), which must be exercised too.
  it('generated pipelines with parallel, map, nested dag and on_failure', { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(pipelineWithScenarios(), pipelineWithScenarios({ onFailure: false })), ({ pipeline, items, randomFailures, extras }) => {
        const report = checkAgreement(pipeline, scenariosToTry(pipeline, items, randomFailures, extras));
        expectFaithful(report);
      }),
      { numRuns: 100 },
    );
  });
});
