import { describe, expect, it, vi } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { sortDiagnostics } from '../../core/diagnostics';
import { exportMagnus } from '../../core/magnus/export';
import { newPipeline } from '../toolbar/new-pipeline';

// Counts validations, wherever they run (the worker's import, its seed, the page's caches).
vi.mock('../../core/validate/validate', async (original) => {
  const actual = await original<typeof import('../../core/validate/validate')>();
  return { ...actual, validatePipeline: vi.fn(actual.validatePipeline) };
});

describe('an imported pipeline is validated once', () => {
  it('in the reader worker, whose check is handed to the page: taking it validates nothing again', async () => {
    // The test set-up loaded the engine with the real validator: load everything again, counted.
    vi.resetModules();
    const validations = vi.mocked((await import('../../core/validate/validate')).validatePipeline);
    const { startImport } = await import('./read-import');
    const { settleTaken, takeUnchecked } = await import('../reading/take');
    const { allDiagnostics, validation } = await import('../store/derived');
    const { createDesignerStore, isAwaited } = await import('../store/store');
    await (await import('../store/engine')).loadEngine();

    const pipeline = generatePipeline(40);
    // A finding to carry: a step whose next names no step.
    const third = pipeline.dag.steps[3];
    if (third.type !== 'task') throw new Error('the generated pipeline changed: step 3 is no task');
    pipeline.dag.steps[3] = { ...third, next: 'nowhere' };
    const files = exportMagnus(pipeline);
    validations.mockClear();
    const start = startImport({ source: { files: [{ name: 'dag.yaml', text: files.dag }, { name: 'config.yaml', text: files.config }] }, target: 'kfp-v2' });
    expect(start.status).toBe('read');
    if (start.status !== 'read') return;
    // The first half, which the page draws, is not validated: a step that fails validation is taken.
    expect(validations).not.toHaveBeenCalled();
    const read = { pipeline: start.pipeline, ...start.check('kfp-v2') };
    expect(validations).toHaveBeenCalledTimes(1);
    // The seed is what the page would have computed itself; the report has the same findings, positioned.
    expect(read.seed.validation).toEqual(sortDiagnostics(validations.getMockImplementation()!(structuredClone(read.pipeline))));
    expect(read.seed.validation).toContainEqual(expect.objectContaining({ step: 'step 3', severity: 'error' }));
    expect(read.diagnostics).toContainEqual(expect.objectContaining({ step: 'step 3', severity: 'error', file: 'dag.yaml', line: expect.any(Number) }));

    // The page receives copies (structured clone): the pipeline first, which it takes with its
    // diagnostics awaited, then the check, which it shows.
    const received = structuredClone(read);
    validations.mockClear();
    const store = createDesignerStore(newPipeline());
    await takeUnchecked(store, received.pipeline, new AbortController().signal, () => {});
    const taken = store.getState().history.present;
    expect(taken).toBe(received.pipeline);
    expect(isAwaited(store.getState(), taken)).toBe(true);
    settleTaken(store, taken, received.seed, received.diagnostics);
    expect(isAwaited(store.getState(), taken)).toBe(false);
    expect(validation(taken)).toBe(received.seed.validation);
    expect(allDiagnostics(taken, 'kfp-v2')).toContainEqual(expect.objectContaining({ step: 'step 3', severity: 'error' }));
    expect(validations).not.toHaveBeenCalled();
  });
});
