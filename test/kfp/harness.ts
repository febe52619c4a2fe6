/** What the contract tests share: the swagger contracts served by the run's Prism instances, and fakes checked against them. */
import { afterEach, expect, inject } from 'vitest';
import { Contract } from './contract';
import { FakeKfp, type FakeKfpOptions } from './fake-kfp';

let cached: { v2beta1: Contract; v1beta1: Contract } | undefined;

export function contracts() {
  if (!cached) {
    const prism = inject('prism');
    cached = { v2beta1: new Contract({ api: 'v2beta1', url: prism.v2beta1 }), v1beta1: new Contract({ api: 'v1beta1', url: prism.v1beta1 }) };
  }
  return cached;
}

const running: FakeKfp[] = [];

/**
 * A fake Kubeflow Pipelines whose every request is checked against the contract; after each test
 * it is closed, and the test fails if any request broke the contract.
 */
export async function startFake(options: Omit<FakeKfpOptions, 'contracts'> = {}): Promise<FakeKfp> {
  const fake = await FakeKfp.start({ ...options, contracts: contracts() });
  running.push(fake);
  return fake;
}

afterEach(async () => {
  const fakes = running.splice(0);
  await Promise.all(fakes.map((f) => f.close()));
  for (const fake of fakes) expect(fake.violations, 'requests the Kubeflow Pipelines contract refuses').toEqual([]);
});

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by global-setup.ts: the Prism instance of each swagger document. */
    prism: { v2beta1: string; v1beta1: string };
  }
}
