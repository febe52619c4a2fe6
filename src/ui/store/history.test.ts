import { describe, expect, it } from 'vitest';
import { closeRun, commit, HISTORY_LIMIT, redo, startHistory, undo } from './history';

describe('undo history by intent', () => {
  it('undoes and redoes single commits', () => {
    let h = commit(commit(startHistory(0), 1), 2);
    h = undo(h);
    expect(h.present).toBe(1);
    h = undo(h);
    expect(h.present).toBe(0);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe(2);
    expect(redo(h)).toBe(h);
  });

  it('folds keystrokes of one field into one step, until the run is closed', () => {
    let h = startHistory('');
    for (const text of ['1', '1.', '1.5']) h = commit(h, text, 'field:a:cpu');
    expect(h.past).toEqual(['']);
    h = closeRun(h);
    h = commit(h, '1.5 cores', 'field:a:cpu');
    expect(undo(h).present).toBe('1.5');
    expect(undo(undo(h)).present).toBe('');
  });

  it('a different key or a plain commit starts a new step; a new commit clears redo', () => {
    let h = commit(startHistory(0), 1, 'x');
    h = commit(h, 2, 'y');
    h = commit(h, 3);
    expect(h.past).toEqual([0, 1, 2]);
    h = commit(undo(h), 9);
    expect(h.future).toEqual([]);
  });

  it('ignores commits that change nothing and keeps at most HISTORY_LIMIT steps', () => {
    const h = startHistory(0);
    expect(commit(h, 0)).toBe(h);
    let long = h;
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) long = commit(long, i);
    expect(long.past).toHaveLength(HISTORY_LIMIT);
  });
});
