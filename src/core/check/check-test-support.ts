/** What the checkers' tests share: their fixtures, how a problem is expected, and a console that must stay quiet. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';
import type { CheckResult } from './types.ts';

export const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);
export const readFixture = (name: string, base = FIXTURES) => readFileSync(new URL(name, base), 'utf8');

export function expectProblem(result: CheckResult, path: string, fragment: string): void {
  expect(result.ok).toBe(false);
  expect(result.problems).toContainEqual({ path, message: expect.stringContaining(fragment) });
}

/** In the describe block it is called in, a test fails if the checker (or ajv, or bufbuild) writes to the console. */
export function expectQuietConsole(): void {
  let spies: MockInstance[];
  beforeEach(() => {
    spies = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method));
  });
  afterEach(() => {
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
}
