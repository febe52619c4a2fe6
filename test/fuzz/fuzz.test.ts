import { describe, expect, it } from 'vitest';
import { MUTATIONS, randomSource } from './mutations';
import { mutatedCase, runFuzz, seedInputs, type FuzzFailure } from './fuzz';

describe('the fuzzer', () => {
  it('makes the same case from the same seed, and different ones from different seeds', () => {
    const seeds = seedInputs();
    expect(mutatedCase(seeds, 7, 42)).toEqual(mutatedCase(seeds, 7, 42));
    expect(mutatedCase(seeds, 7, 42)).not.toEqual(mutatedCase(seeds, 8, 42));
    const random = randomSource(1);
    for (const mutation of MUTATIONS) expect(mutation.apply('dag:\n  start_at: a\n  steps: {}\n', random).text).toEqual(expect.any(String));
  });

  // A short seeded run in CI; `npm run fuzz -- --cases 100000` is the long one (README "Limits").
  // The time budget is generous here: CI shares a loaded machine, and a hang is what it must catch.
  it('finds nothing in a short seeded run: no exception, overrun, internal error, checker rejection or round-trip failure', () => {
    const failures: FuzzFailure[] = [];
    const figures = runFuzz({ cases: 60, seed: 20261205, budgetMs: 10_000, onFailure: (f) => failures.push(f) });
    expect(failures.map((f) => `case ${f.caseNumber} ${f.kind}: ${f.detail.slice(0, 300)} (${f.mutations.join(' | ')})`)).toEqual([]);
    expect(figures.cases).toBe(60);
    // The run reaches every stage, not only the parser's error paths.
    expect(figures.imported).toBeGreaterThan(10);
    expect(figures.checked).toBeGreaterThan(3);
  }, 120_000);
});
