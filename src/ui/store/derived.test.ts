import { describe, expect, it, vi } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { moveSteps } from '../../core/model/actions';
import { setStepOverride } from '../../core/model/settings-actions';
import { emitPipeline } from '../../core/emit/index';
import { deriveSeed, withExport } from './derive-seed';
import { exportMagnus } from '../../core/magnus/export';
import { allDiagnostics, emitted, exported, primeDerived, sameSemantics, validation, warmUpWhenIdle, WARM_UP_MAX_STEPS } from './derived';

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

  it('reuses a primed value for the same pipeline laid out, though another pipeline was asked about in between', () => {
    // A dag pasted whole: primed from the worker, the canvas still on the old pipeline, then its layout.
    const pasted = structuredClone(generatePipeline(12));
    const seed = deriveSeed(structuredClone(pasted), 'kfp-v2');
    primeDerived(pasted, seed);
    validation(base);
    emitted(base, 'kfp-v2');
    const laidOut = moveSteps(pasted, { 'step 1': { x: 10, y: 20 } });
    expect(validation(laidOut)).toBe(seed.validation);
    expect(emitted(laidOut, 'kfp-v2')).toBe(seed.emission);
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

  it('answers the list of before for an edit that leaves the diagnostics as they were, and a new one for an edit that does not', () => {
    const broken = setStepOverride(base, 'step 2', 'memory_limit', 'lots');
    const before = allDiagnostics(broken, 'kfp-v2');
    const beforeValidation = validation(broken);
    expect(before.some((d) => d.step === 'step 2')).toBe(true);
    // Another keystroke elsewhere: a new pipeline, the same findings.
    const typed = setStepOverride(broken, 'step 4', 'memory_limit', '3Gi');
    expect(validation(typed)).toBe(beforeValidation);
    expect(allDiagnostics(typed, 'kfp-v2')).toBe(before);
    const fixed = setStepOverride(typed, 'step 2', 'memory_limit', '2Gi');
    expect(allDiagnostics(fixed, 'kfp-v2')).not.toBe(before);
    expect(allDiagnostics(fixed, 'kfp-v2').some((d) => d.step === 'step 2')).toBe(false);
  });

  it('answers the same array for the same pipeline and target, so memoized components skip', () => {
    expect(allDiagnostics(base, 'kfp-v1')).toBe(allDiagnostics(base, 'kfp-v1'));
  });

  it('warms the emitter and the export for the edits after a seeded pipeline while idle, within the page budget only', async () => {
    // A pipeline read elsewhere (the worker): its own objects, its derived values seeded.
    const read = structuredClone(generatePipeline(30));
    const seed = deriveSeed(structuredClone(read), 'kfp-v2');
    primeDerived(read, seed);
    expect(emitted(read, 'kfp-v2')).toBe(seed.emission);
    const queued: (() => void)[] = [];
    expect(warmUpWhenIdle(read, 'kfp-v2', (work) => queued.push(work))).toBe(true);
    expect(queued).toHaveLength(1);
    queued[0]();
    // Then the export, in an idle task of its own.
    await vi.waitFor(() => expect(queued).toHaveLength(2));
    queued[1]();
    expect(emitted(read, 'kfp-v2')).toBe(seed.emission);
    // An edit after the warm-up reuses the rendered steps: the same text as emitting from scratch.
    const edited = setStepOverride(read, 'step 2', 'memory_limit', '7Gi');
    expect(emitted(edited, 'kfp-v2').text).toBe(emitPipeline(structuredClone(edited), { target: 'kfp-v2' }).text);
    expect(emitted(edited, 'kfp-v2').text).toContain('7Gi');
    expect(exported(edited).dag).toBe(exportMagnus(structuredClone(edited)).dag);
    // Longer than one task's budget: left to the first edit.
    expect(warmUpWhenIdle(generatePipeline(WARM_UP_MAX_STEPS + 1), 'kfp-v2', () => expect.unreachable())).toBe(false);
  });

  it('takes the magnus files a seed carries as the export of the pipeline it is for, and no other', () => {
    const read = structuredClone(generatePipeline(25));
    const seed = withExport(deriveSeed(read, 'kfp-v2'), read);
    expect(seed.exported).toEqual(exportMagnus(read));
    // As the page receives them: copies, from the worker (marked, to tell them from an export made here).
    const taken = structuredClone(read);
    primeDerived(taken, { ...structuredClone(seed), exported: { ...seed.exported!, dag: `${seed.exported!.dag}# from the worker\n` } });
    expect(exported(taken).dag).toMatch(/# from the worker\n$/);
    const moved = moveSteps(taken, { 'step 3': { x: 700, y: 40 } });
    expect(exported(moved).dag).toContain('700');
  });
});
