import { describe, expect, it } from 'vitest';
import { addStep } from '../../core/model/actions';
import { newPipeline } from '../toolbar/new-pipeline';
import { generatePipeline } from '../../../bench/generate';
import { createDesignerStore } from './store';

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
    store.getState().replace(read, undefined, true);
    expect(store.getState().checked).toBe(read);
    // Still one undo step each.
    store.getState().undo();
    expect(store.getState().history.present).toBe(unchecked);
  });
});
