import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixReactFlow, LISTENER_TEST, LISTENER_TEST_FIXED } from '../../scripts/react-flow-fixes';

const require = createRequire(import.meta.url);
const esm = join(dirname(require.resolve('@xyflow/react/package.json')), 'dist/esm');

describe('the fix to React Flow applied at build', () => {
  it.each(['index.js', 'index.mjs'])('applies to the installed %s, changing only the listener test', (file) => {
    const code = readFileSync(join(esm, file), 'utf8');
    const fixed = fixReactFlow(code);
    expect(fixed).toContain(LISTENER_TEST_FIXED);
    expect(fixed).not.toContain(LISTENER_TEST);
    expect(fixed.length - code.length).toBe(LISTENER_TEST_FIXED.length - LISTENER_TEST.length);
  });

  it('runs the listener exactly when someone listens', () => {
    const changeSelector = new Function(`${LISTENER_TEST_FIXED} return changeSelector;`)() as (s: { onSelectionChangeHandlers: unknown[] }) => boolean;
    expect(changeSelector({ onSelectionChangeHandlers: [] })).toBe(false);
    expect(changeSelector({ onSelectionChangeHandlers: [() => {}] })).toBe(true);
  });

  it('fails the build when the code it fixes is not there once', () => {
    expect(() => fixReactFlow('export {}')).toThrow(/@xyflow\/react changed/);
    expect(() => fixReactFlow(`${LISTENER_TEST}\n${LISTENER_TEST}`)).toThrow(/not in it once/);
  });
});
