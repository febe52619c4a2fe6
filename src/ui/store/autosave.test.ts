import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setStepFields } from '../../core/model/settings-actions';
import { SAVE_AT_MOST_EVERY_MS, SAVE_PAUSE_MS, startAutosave, STORAGE_FULL_NOTICE } from './autosave';
import { examplePipeline } from './initial';
import { memoryStorage } from './memory-storage';
import { AUTOSAVE_KEY } from './saved';
import { createDesignerStore } from './store';

const example = examplePipeline();
const edit = (store: ReturnType<typeof createDesignerStore>, command: string) => store.getState().apply((p) => setStepFields(p, 'evaluate', { command }));
const savedCommand = (storage: Storage) => (JSON.parse(storage.getItem(AUTOSAVE_KEY)!) as typeof example).dag.steps.find((s) => s.name === 'evaluate')!;

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('saves a burst of changes once, the latest', () => {
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const store = createDesignerStore(example);
    startAutosave(store, storage);
    edit(store, 'a.py');
    edit(store, 'b.py');
    vi.runAllTimers();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(savedCommand(storage)).toMatchObject({ command: 'b.py' });
  });

  it('writes once typing pauses, and during a long burst at least every SAVE_AT_MOST_EVERY_MS', () => {
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const store = createDesignerStore(example);
    startAutosave(store, storage);
    edit(store, 'a.py');
    vi.advanceTimersByTime(SAVE_PAUSE_MS - 1);
    edit(store, 'ab.py');
    vi.advanceTimersByTime(SAVE_PAUSE_MS - 1);
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(savedCommand(storage)).toMatchObject({ command: 'ab.py' });
    // A key every 100 ms: the keys never pause long enough, yet the work is saved.
    setItem.mockClear();
    for (let elapsed = 0; elapsed <= SAVE_AT_MOST_EVERY_MS; elapsed += 100) {
      edit(store, `burst-${elapsed}.py`);
      vi.advanceTimersByTime(100);
    }
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(savedCommand(storage)).toMatchObject({ command: expect.stringMatching(/^burst-/) });
  });

  it('writes at once when the page is left', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(example);
    startAutosave(store, storage);
    edit(store, 'left.py');
    window.dispatchEvent(new Event('pagehide'));
    expect(savedCommand(storage)).toMatchObject({ command: 'left.py' });
  });

  it('started after the page opened, saves a change made before it started, and nothing when there was none', () => {
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const untouched = createDesignerStore(example);
    startAutosave(untouched, storage, example);
    vi.runAllTimers();
    expect(setItem).not.toHaveBeenCalled();

    const store = createDesignerStore(example);
    edit(store, 'early.py');
    startAutosave(store, storage, example);
    vi.runAllTimers();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(savedCommand(storage)).toMatchObject({ command: 'early.py' });
  });

  it('says once that storage is full, keeps the last save, and goes on saving when there is room', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(example);
    startAutosave(store, storage);
    edit(store, 'saved.py');
    vi.runAllTimers();
    const full = vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const notify = vi.spyOn(store.getState(), 'notify');
    for (const key of ['x', 'xy', 'xyz']) {
      edit(store, `${key}.py`);
      vi.runAllTimers();
    }
    expect(notify.mock.calls).toEqual([[{ kind: 'error', text: STORAGE_FULL_NOTICE }]]);
    expect(savedCommand(storage)).toMatchObject({ command: 'saved.py' });
    expect(store.getState().history.present.dag.steps.find((s) => s.name === 'evaluate')).toMatchObject({ command: 'xyz.py' });
    // Room again: the latest is saved; full once more: said once more.
    full.mockRestore();
    edit(store, 'room.py');
    vi.runAllTimers();
    expect(savedCommand(storage)).toMatchObject({ command: 'room.py' });
    vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    edit(store, 'again.py');
    vi.runAllTimers();
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('does not save over a save that could not be restored nor kept aside, until it is downloaded', () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: '{"broken": true}' });
    const store = createDesignerStore(example);
    store.getState().setRecovery({ text: '{"broken": true}', problem: 'dag: missing' });
    startAutosave(store, storage);
    edit(store, 'new.py');
    vi.runAllTimers();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('{"broken": true}');
    store.getState().setRecovery({ ...store.getState().recovery!, downloaded: true });
    vi.runAllTimers();
    expect(savedCommand(storage)).toMatchObject({ command: 'new.py' });
  });

  it('writes an imported pipeline once its check has arrived, not while the canvas draws it; at once if the page goes away', () => {
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const store = createDesignerStore(example);
    startAutosave(store, storage);
    const imported = { ...example, tag: 'imported' };
    store.getState().replace(imported, undefined, 'awaited');
    vi.runAllTimers();
    expect(setItem).not.toHaveBeenCalled();
    store.getState().settle(imported);
    vi.runAllTimers();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!)).toMatchObject({ tag: 'imported' });

    const again = { ...example, tag: 'again' };
    store.getState().replace(again, undefined, 'awaited');
    window.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!)).toMatchObject({ tag: 'again' });
  });
});
