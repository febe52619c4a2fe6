import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/core/diagnostics';
import { EMIT_TARGETS, emitPipeline } from '../../src/core/emit/index';
import { validatePipeline } from '../../src/core/validate/validate';
import { TEST_CONFIG } from '../support/fixtures';
import { checkAgreement } from './agreement';
import { runArgo } from './argo';
import { importPipeline, parseDocuments } from './load';
import { scenario } from './scenario';

/**
 * The smallest pipelines on which the first emitted design did not run as magnus does, kept as
 * regression tests: a handled failure poisoning Argo's DAG status through an omitted fail task,
 * an explicit fail step whose container exited 0, an empty map's Skipped withParam task, and
 * nested maps sharing a variable name.
 */
const pipeline = (dag: string) => importPipeline({ dag: { text: dag, path: 'dag.yaml' }, config: { text: TEST_CONFIG } });

describe('fixed divergences of the emitted design from magnus', () => {
  // a fails and on_failure leads to success: magnus succeeds. In Argo the fail task (named by b's
  // on_failure) is omitted and inherits Failed from a, through the omitted b: a Failed leaf.
  const handledFailure = pipeline(`dag:
  start_at: a
  steps:
    a: {type: task, command: pkg.a, next: b, on_failure: success}
    b: {type: stub, next: success, on_failure: fail}
    success: {type: success}
    fail: {type: fail}
`);
  it('a failure handled by on_failure: success still succeeds in Argo (kfp-v1, argo)', () => {
    expect(checkAgreement(handledFailure, [scenario(['a'])]).disagreements).toEqual([]);
  });

  // The run ends at the fail step through next: magnus fails. Its container exits 0 (magnus's fail
  // node records success for itself), so the Argo leaf and every KFP v2 task succeeded.
  const nextToFail = pipeline(`dag:
  start_at: p
  steps:
    p:
      type: parallel
      next: fail
      branches:
        one:
          start_at: x
          steps:
            x: {type: stub, next: success}
            success: {type: success}
            fail: {type: fail}
    success: {type: success}
    fail: {type: fail}
`);
  it('a run ending at the fail step through next fails in every target', () => {
    expect(checkAgreement(nextToFail, [scenario()]).disagreements).toEqual([]);
  });

  // Argo ≥3.2 marks a withParam task over [] Skipped; `(m-map.Succeeded || m-map.Failed)` is then
  // false, the fan-in is omitted, and magnus never closes the map's step log.
  const map = pipeline(`dag:
  start_at: m
  steps:
    m:
      type: map
      iterate_on: items
      iterate_as: item
      next: success
      branch:
        start_at: z
        steps:
          z: {type: stub, next: success}
          success: {type: success}
          fail: {type: fail}
    success: {type: success}
    fail: {type: fail}
`);
  it('a map over an empty list runs its fan-in in Argo (kfp-v1, argo)', () => {
    expect(checkAgreement(map, [scenario([], { items: [] })]).disagreements).toEqual([]);
  });

  it('the empty map agrees under the older rule (empty withParam = Succeeded)', () => {
    const [workflow] = parseDocuments(emitPipeline(map, { target: 'argo' }).text);
    expect(runArgo(workflow, map, scenario([], { items: [] }), { emptyWithParam: 'Succeeded' })).toEqual({ ran: ['success'], succeeded: true });
  });

  // Nested maps with the same iterate_as: the map variable JSON and the Argo/KFP inputs hold one
  // `item`, so magnus cannot resolve both placeholders (magnus itself overwrites the key too).
  const shadowing = pipeline(`dag:
  start_at: outer
  steps:
    outer:
      type: map
      iterate_on: xs
      iterate_as: item
      next: success
      branch:
        start_at: inner
        steps:
          inner:
            type: map
            iterate_on: ys
            iterate_as: item
            next: success
            branch:
              start_at: t
              steps:
                t: {type: stub, next: success}
                success: {type: success}
                fail: {type: fail}
          success: {type: success}
          fail: {type: fail}
    success: {type: success}
    fail: {type: fail}
`);
  it('nested maps sharing iterate_as are refused by the validator', () => {
    const refused = hasErrors(validatePipeline(shadowing)) || EMIT_TARGETS.every((target) => hasErrors(emitPipeline(shadowing, { target }).diagnostics));
    if (!refused) expect(checkAgreement(shadowing, [scenario([], { xs: ['a'], ys: ['b'] })]).disagreements).toEqual([]);
  });
});
