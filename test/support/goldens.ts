import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = join(import.meta.dirname, '..', 'goldens');

/**
 * Compares `text` with a committed, hand-reviewed golden file. A missing golden fails: goldens are
 * written only on request (UPDATE_GOLDENS=1), and then must be reviewed before they are committed.
 */
export function expectGolden(name: string, text: string) {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDENS === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden ${name} is missing: run with UPDATE_GOLDENS=1, review the file by hand, then commit it`);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}
