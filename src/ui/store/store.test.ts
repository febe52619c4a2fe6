import { describe, expect, it } from 'vitest';
import { addStep } from '../../core/model/actions';
import { newPipeline } from '../toolbar/new-pipeline';
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
