import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixReactFlow, LISTENER_TEST, LISTENER_TEST_FIXED, RESIZE_CONTROL, RESIZE_CONTROL_FIXED } from '../../scripts/react-flow-fixes';

const require = createRequire(import.meta.url);
const esm = join(dirname(require.resolve('@xyflow/react/package.json')), 'dist/esm');

describe('the fixes to React Flow applied at build', () => {
  it.each(['index.js', 'index.mjs'])('apply to the installed %s, changing only the listener test and the resizer\'s memo call', (file) => {
    const code = readFileSync(join(esm, file), 'utf8');
    const fixed = fixReactFlow(code);
    expect(fixed).toContain(LISTENER_TEST_FIXED);
    expect(fixed).not.toContain(LISTENER_TEST);
    expect(fixed).toContain(RESIZE_CONTROL_FIXED);
    expect(fixed).not.toContain(RESIZE_CONTROL);
    const restored = fixed.replace(LISTENER_TEST_FIXED, LISTENER_TEST).replace(RESIZE_CONTROL_FIXED, RESIZE_CONTROL);
    expect(restored).toBe(code);
  });

  it('runs the listener exactly when someone listens', () => {
    const changeSelector = new Function(`${LISTENER_TEST_FIXED} return changeSelector;`)() as (s: { onSelectionChangeHandlers: unknown[] }) => boolean;
    expect(changeSelector({ onSelectionChangeHandlers: [] })).toBe(false);
    expect(changeSelector({ onSelectionChangeHandlers: [() => {}] })).toBe(true);
  });

  it('fails the build when the code it fixes is not there once', () => {
    expect(() => fixReactFlow('export {}')).toThrow(/@xyflow\/react changed/);
    expect(() => fixReactFlow(`${LISTENER_TEST}\n${LISTENER_TEST}\n${RESIZE_CONTROL}`)).toThrow(/not in it once/);
    expect(() => fixReactFlow(`${LISTENER_TEST}\n${RESIZE_CONTROL}\n${RESIZE_CONTROL}`)).toThrow(/not in it once/);
    expect(() => fixReactFlow(LISTENER_TEST)).toThrow(/NodeResizeControl/);
  });
});
