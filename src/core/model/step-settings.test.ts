import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { effectiveSettings } from './effective';
import { StepSettings } from './step-settings';
import type { OverrideEntry, Pipeline, Step } from './types';

/** Secrets as a step writes them, some naming a variable (known or not). */
const secretList = fc.array(
  fc.record({ env: fc.constantFrom('TOKEN', 'KEY', '$who', 'PASS'), ref: fc.constantFrom('tok:value', 'aws:key', '${bucket}:key', 'db:${missing}') }),
  { maxLength: 3 },
);

/** An entry of a step's overrides, among them what could make its last secrets entry mean something else. */
const entry: fc.Arbitrary<OverrideEntry> = fc.oneof(
  fc.record({ key: fc.constant('memory_limit'), value: fc.constantFrom('1Gi', '2Gi', '${mem}', '') }),
  fc.record({ key: fc.constant('cpu_limit'), value: fc.constantFrom('1', '500m', '$cpu', 2) }),
  fc.record({ key: fc.constant('docker_image'), value: fc.constantFrom('img:1', 'img:${tag}') }),
  fc.record({ key: fc.constantFrom('big', 'secrets_from_k8s'), value: fc.constantFrom('', null, false, 0) }),
  fc.record({ key: fc.constant('not_a_setting'), value: fc.constant('x') }),
  fc.record({ key: fc.constant('secrets_from_k8s'), value: fc.oneof(secretList, fc.constantFrom(null, '', 'text')) }),
);

/** Entries of any kind, or some ending in a list of secrets (the steps StepSettings derives). */
const entries = fc.oneof(
  fc.array(entry, { maxLength: 4 }),
  fc.tuple(fc.array(entry, { maxLength: 3 }), secretList).map(([rest, list]): OverrideEntry[] => [...rest, { key: 'secrets_from_k8s', value: list }]),
);

const step = (i: number) =>
  fc
    .record({
      kfp: fc.option(entries, { nil: undefined }),
      secrets: fc.option(fc.constantFrom(['S1'], ['TOKEN', 'S2']).map((names) => [...names]), { nil: undefined }),
    })
    .map(
      ({ kfp, secrets }): Step => ({
        name: `step ${i}`,
        type: 'task',
        command_type: 'python',
        command: 'pkg.main',
        next: 'success',
        ...(kfp ? { kfp } : {}),
        ...(secrets ? { extra: { secrets } } : {}),
      }),
    );

const pipeline = fc
  .record({
    steps: fc.tuple(...Array.from({ length: 6 }, (_, i) => step(i))),
    variables: fc.subarray([
      { name: 'bucket', value: 'b1' },
      { name: 'mem', value: '3Gi' },
      { name: 'who', value: 'ME' },
      { name: 'tag', value: '7' },
    ]),
    globalSecrets: secretList,
    profileNamedSecrets: fc.boolean(),
    secretFrom: fc.option(fc.constantFrom('runnable-secrets'), { nil: undefined }),
  })
  .map(({ steps, variables, globalSecrets, profileNamedSecrets, secretFrom }): Pipeline => {
    const base = generatePipeline(1);
    return {
      ...base,
      dag: { start_at: steps[0].name, steps: [...steps, { name: 'success', type: 'success' }, { name: 'fail', type: 'fail' }] },
      executor: {
        ...base.executor,
        secrets_from_k8s: globalSecrets,
        ...(secretFrom ? { secret_from_k8s: secretFrom } : {}),
        profiles: [
          { name: 'big', entries: [{ key: 'memory_limit', value: '8Gi' }, { key: 'secrets_from_k8s', value: [{ env: 'BIG', ref: 'big:key' }] }] },
          ...(profileNamedSecrets ? [{ name: 'secrets_from_k8s', entries: [{ key: 'cpu_limit', value: '2' }] }] : []),
        ],
      },
      variables,
    };
  });

describe('StepSettings', () => {
  it("gives every step the settings effectiveSettings resolves for it, whichever steps were asked before (shared or derived from a step's secrets)", () => {
    fc.assert(
      fc.property(pipeline, fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 12 }), (p, order) => {
        const shared = new StepSettings(p);
        for (const i of order) expect(shared.of(p.dag.steps[i])).toEqual(effectiveSettings(p, p.dag.steps[i], { resolveVariables: true }));
      }),
      { numRuns: 300 },
    );
  });

  it('derives a step whose last entry sets its own secrets from the settings of the same step without them', () => {
    const p = generatePipeline(30);
    const shared = new StepSettings(p);
    // step 0: memory and gpu limits, then a secret of its own; step 28: the same limits, no secret.
    const [withSecret, without] = [p.dag.steps[0], p.dag.steps[28]];
    expect(withSecret.kfp?.at(-1)?.key).toBe('secrets_from_k8s');
    const settings = shared.of(withSecret);
    expect(settings).toEqual(effectiveSettings(p, withSecret, { resolveVariables: true }));
    // The same resolved settings but the secrets: one set of objects, not a second resolution.
    expect(settings.cpu_limit).toBe(shared.of(without).cpu_limit);
    expect(settings.secrets_from_k8s).not.toBe(shared.of(without).secrets_from_k8s);
  });

  it('tells apart entries that JSON would not (NaN and null, a key set to undefined), as their settings differ', () => {
    const p = generatePipeline(1);
    const shared = new StepSettings(p);
    for (const value of [null, Number.NaN, undefined, 'NaN']) {
      const step = { ...p.dag.steps[0], kfp: [{ key: 'gpu_limit', value }] } as Step;
      expect(shared.of(step)).toEqual(effectiveSettings(p, step, { resolveVariables: true }));
    }
  });
});
