import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { moveSteps, setStepOverride } from '../../core/model/actions';
import { allDiagnostics, emitted, exported, sameSemantics, validation } from './derived';

describe('derived views', () => {
  const base = generatePipeline(20);

  it('reuses validation and emission when only the layout changed (a node was moved)', () => {
    const moved = moveSteps(base, { 'step 3': { x: 500, y: 40 } });
    expect(sameSemantics(base, moved)).toBe(true);
    const [diagnostics, v2, v1] = [validation(base), emitted(base, 'kfp-v2'), emitted(base, 'kfp-v1')];
    expect(validation(moved)).toBe(diagnostics);
    expect(emitted(moved, 'kfp-v2')).toBe(v2);
    expect(emitted(moved, 'kfp-v1')).toBe(v1);
    expect(allDiagnostics(moved, 'kfp-v2')).toBe(allDiagnostics(base, 'kfp-v2'));
    // The magnus export carries the positions, so it follows the move.
    expect(exported(moved)).not.toBe(exported(base));
    expect(exported(moved).dag).toContain('500');
  });

  it('computes again after a semantic change, and keeps the older versions for undo', () => {
    const edited = setStepOverride(base, 'step 1', 'memory_limit', '3Gi');
    expect(sameSemantics(base, edited)).toBe(false);
    const before = emitted(base, 'kfp-v2');
    const after = emitted(edited, 'kfp-v2');
    expect(after).not.toBe(before);
    expect(after.text).toContain('3Gi');
    expect(emitted(base, 'kfp-v2')).toBe(before);
  });

  it('answers the same array for the same pipeline and target, so memoized components skip', () => {
    expect(allDiagnostics(base, 'kfp-v1')).toBe(allDiagnostics(base, 'kfp-v1'));
  });
});
