import { describe, expect, it } from 'vitest';
import { addStep } from '../../core/model/new-steps';
import { newPipeline } from '../toolbar/new-pipeline';
import { generatePipeline } from '../../../bench/generate';
import { createDesignerStore, isAwaited } from './store';

describe('the selection across undo and redo', () => {
  it('drops steps the restored pipeline does not have, and keeps the others', () => {
    const store = createDesignerStore(newPipeline());
    const first = store.getState().history.present.dag.steps[0].name;
    store.getState().apply((p) => addStep(p, 'stub', { name: 'added' }).pipeline);
    store.getState().select([first, 'added']);
    store.getState().undo();
    expect(store.getState().selection).toEqual([first]);
    store.getState().redo();
    expect(store.getState().selection).toEqual([first]);
  });
});

describe('replacing the pipeline', () => {
  it('shows the diagnostics of a pipeline whose checks were computed ahead at once, others once checked', () => {
    const store = createDesignerStore(newPipeline());
    const initial = store.getState().history.present;
    const unchecked = generatePipeline(3);
    store.getState().replace(unchecked);
    expect(store.getState().checked).toBe(initial);
    const read = generatePipeline(4);
    store.getState().replace(read, undefined, 'known');
    expect(store.getState().checked).toBe(read);
    // Still one undo step each.
    store.getState().undo();
    expect(store.getState().history.present).toBe(unchecked);
  });
});

describe('a pipeline taken with its derived values awaited', () => {
  it('is awaited through the placing of its steps, not through an edit, until it is settled with its findings', () => {
    const store = createDesignerStore(newPipeline());
    const read = generatePipeline(4);
    store.getState().replace(read, undefined, 'awaited');
    expect(store.getState().checked).toBe(read);
    expect(isAwaited(store.getState(), read)).toBe(true);
    // The canvas placing a step is still the same pipeline to check.
    store.getState().amend((p) => ({ ...p, layout: { ...p.layout, 'step 0': { x: 1, y: 2 } } }));
    const placed = store.getState().history.present;
    expect(isAwaited(store.getState(), placed)).toBe(true);
    const finding = { code: 'W_IMPORT_X', severity: 'warning', message: 'm' } as const;
    store.getState().settle(read, [finding]);
    expect(store.getState().waiting).toBeUndefined();
    expect(store.getState().importFindings).toMatchObject({ at: 1, diagnostics: [finding] });

    store.getState().replace(generatePipeline(2), undefined, 'awaited');
    const edited = store.getState().history.present;
    store.getState().apply((p) => ({ ...p, dag: { ...p.dag } }));
    expect(isAwaited(store.getState(), store.getState().history.present)).toBe(false);
    expect(isAwaited(store.getState(), edited)).toBe(true);
  });
});
