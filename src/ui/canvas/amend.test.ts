import { describe, expect, it } from 'vitest';
import { importMagnus } from '../../core/magnus/import';
import { moveSteps } from '../../core/model/actions';
import { createDesignerStore } from '../store/store';
import { placeMissingSteps } from '../layout/placement';

const text = `dag:
  start_at: a
  steps:
    a: {type: stub, next: success}
    success: {type: success}
    fail: {type: fail}
`;

describe('positions found for unplaced steps (store.amend)', () => {
  it('belong to the undo step that brought the steps: undo goes back past both, redo brings both', () => {
    const before = importMagnus({ dag: { text } }).pipeline!;
    const store = createDesignerStore(moveSteps(before, { a: { x: 0, y: 0 }, success: { x: 0, y: 100 }, fail: { x: 300, y: 100 } }));
    const placed = store.getState().history.present;
    store.getState().replace(before); // an import without positions
    store.getState().amend((p) => moveSteps(p, placeMissingSteps(p)));
    const laidOut = store.getState().history.present;
    expect(Object.keys(laidOut.layout).sort()).toEqual(['a', 'fail', 'success']);
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().history.present).toBe(placed);
    store.getState().redo();
    expect(store.getState().history.present).toBe(laidOut);
  });
});
