/**
 * Every spec must take `test` from ./fixtures, so that every test fails on a request leaving the
 * machine or a console / page error. This file alone imports Playwright's own `test`: it opens no
 * browser, it reads the other specs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const E2E = fileURLToPath(new URL('.', import.meta.url));
const SELF = 'fixture-guard.spec.ts';

test('every spec file uses the watching fixture of e2e/fixtures.ts', () => {
  const specs = readdirSync(E2E, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.spec.ts') && !f.endsWith(SELF));
  expect(specs.length).toBeGreaterThan(0);
  const offenders = specs.filter((file) => {
    const text = readFileSync(`${E2E}/${file}`, 'utf8');
    const ownTest = /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(text);
    const fixtureTest = /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'(?:\.{1,2}\/)+fixtures(?:\.ts)?'/.test(text);
    return ownTest || !fixtureTest;
  });
  expect(offenders, "spec files that should import { test, expect } from './fixtures'").toEqual([]);
});
