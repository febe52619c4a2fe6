import { describe, expect, it } from 'vitest';
import { setStepFields } from '../../core/model/settings-actions';
import { startChecking } from './checking';
import { examplePipeline } from './initial';
import { createDesignerStore } from './store';

const edit = (store: ReturnType<typeof createDesignerStore>, command: string) => store.getState().apply((p) => setStepFields(p, 'evaluate', { command }));

/** A schedule run by hand: what startChecking asked to run after the next frame. */
function manualSchedule() {
  const queued: (() => void)[] = [];
  let cancelled = 0;
  const schedule = (work: () => void) => {
    queued.push(work);
    return () => {
      cancelled++;
      queued.splice(queued.indexOf(work), 1);
    };
  };
  return { schedule, queued, cancelled: () => cancelled };
}

describe('checking', () => {
  it('checks the present pipeline once the change is on screen, a burst of changes once', () => {
    const store = createDesignerStore(examplePipeline());
    const manual = manualSchedule();
    startChecking(store, manual.schedule);
    const initial = store.getState().history.present;
    edit(store, 'a.py');
    edit(store, 'ab.py');
    expect(store.getState().checked).toBe(initial);
    expect(manual.queued).toHaveLength(1);
    manual.queued[0]();
    expect(store.getState().checked).toBe(store.getState().history.present);
  });

  it('follows undo, and asks nothing when the present is what was checked', () => {
    const store = createDesignerStore(examplePipeline());
    const manual = manualSchedule();
    startChecking(store, manual.schedule);
    const initial = store.getState().history.present;
    edit(store, 'a.py');
    manual.queued.shift()!();
    store.getState().undo();
    manual.queued.shift()!();
    expect(store.getState().checked).toBe(initial);
    store.getState().select(['evaluate']);
    expect(manual.queued).toHaveLength(0);
  });

  it('stops: nothing is checked after', () => {
    const store = createDesignerStore(examplePipeline());
    const manual = manualSchedule();
    const stop = startChecking(store, manual.schedule);
    edit(store, 'a.py');
    stop();
    expect(manual.cancelled()).toBe(1);
    edit(store, 'b.py');
    expect(manual.queued).toHaveLength(0);
  });
});
