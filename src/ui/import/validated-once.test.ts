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
    const { readImport } = await import('./read-import');
    const { takePipeline } = await import('../reading/take');
    const { allDiagnostics, validation } = await import('../store/derived');
    const { createDesignerStore } = await import('../store/store');
    await (await import('../store/engine')).loadEngine();

    const pipeline = generatePipeline(40);
    // A finding to carry: a step whose next names no step.
    const third = pipeline.dag.steps[3];
    if (third.type !== 'task') throw new Error('the generated pipeline changed: step 3 is no task');
    pipeline.dag.steps[3] = { ...third, next: 'nowhere' };
    const files = exportMagnus(pipeline);
    validations.mockClear();
    const read = readImport({ source: { files: [{ name: 'dag.yaml', text: files.dag }, { name: 'config.yaml', text: files.config }] }, target: 'kfp-v2' });
    expect(read.status).toBe('read');
    if (read.status !== 'read') return;
    expect(validations).toHaveBeenCalledTimes(1);
    // The seed is what the page would have computed itself; the report has the same findings, positioned.
    expect(read.seed.validation).toEqual(sortDiagnostics(validations.getMockImplementation()!(structuredClone(read.pipeline))));
    expect(read.seed.validation).toContainEqual(expect.objectContaining({ step: 'step 3', severity: 'error' }));
    expect(read.diagnostics).toContainEqual(expect.objectContaining({ step: 'step 3', severity: 'error', file: 'dag.yaml', line: expect.any(Number) }));

    // The page receives copies (structured clone), takes them, and shows their diagnostics.
    const received = structuredClone(read);
    validations.mockClear();
    const store = createDesignerStore(newPipeline());
    await takePipeline(store, received.pipeline, received.seed, new AbortController().signal, () => {}, received.diagnostics);
    const taken = store.getState().history.present;
    expect(taken).toBe(received.pipeline);
    expect(validation(taken)).toBe(received.seed.validation);
    expect(allDiagnostics(taken, 'kfp-v2')).toContainEqual(expect.objectContaining({ step: 'step 3', severity: 'error' }));
    expect(validations).not.toHaveBeenCalled();
  });
});
