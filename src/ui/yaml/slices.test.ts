import { describe, expect, it } from 'vitest';
import { sliceEnd, writeInSlices } from './slices';

/** A scheduler whose tasks run only when the test says so. */
function tasks() {
  const queue: (() => void)[] = [];
  return { schedule: (work: () => void) => void queue.push(work), runNext: () => queue.shift()?.(), get length() { return queue.length; } };
}

const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i}\n`).join('');

describe('sliceEnd', () => {
  it('ends a slice at the end of a line, at least `size` characters on', () => {
    const text = 'aaaa\nbbbb\ncccc\n';
    expect(sliceEnd(text, 0, 3)).toBe(5);
    expect(sliceEnd(text, 0, 5)).toBe(5);
    expect(sliceEnd(text, 0, 6)).toBe(10);
    expect(sliceEnd(text, 5, 3)).toBe(10);
  });

  it('takes the rest when it is no longer than a slice, or has no line end', () => {
    expect(sliceEnd('abc', 0, 10)).toBe(3);
    expect(sliceEnd('abcdefgh', 0, 3)).toBe(8);
    expect(sliceEnd('', 0, 3)).toBe(0);
  });
});

describe('writeInSlices', () => {
  it('writes the first slice at once and one more per task, whole lines each, until the text is whole', () => {
    const text = lines(100);
    const run = tasks();
    let model = '';
    const puts: boolean[] = [];
    let done: string | undefined;
    writeInSlices({ wanted: () => text, put: (slice, first) => (puts.push(first), (model = first ? slice : model + slice)), done: (t) => (done = t), schedule: run.schedule, size: 64 });
    expect(puts).toEqual([true]);
    expect(model.endsWith('\n')).toBe(true);
    expect(done).toBeUndefined();
    while (run.length > 0) {
      run.runNext();
      expect(model.endsWith('\n')).toBe(true);
    }
    expect(model).toBe(text);
    expect(done).toBe(text);
    expect(puts.filter((first) => first)).toHaveLength(1);
    expect(puts.length).toBeGreaterThan(5);
  });

  it('starts again with a newer text, and writes it whole', () => {
    let wanted = lines(50);
    const run = tasks();
    let model = '';
    let done: string | undefined;
    writeInSlices({ wanted: () => wanted, put: (slice, first) => (model = first ? slice : model + slice), done: (t) => (done = t), schedule: run.schedule, size: 64 });
    run.runNext();
    wanted = 'other\n' + lines(40);
    while (run.length > 0) run.runNext();
    expect(model).toBe(wanted);
    expect(done).toBe(wanted);
  });

  it('stops when the write is abandoned, and never says it is done', () => {
    let wanted: string | undefined = lines(50);
    const run = tasks();
    let puts = 0;
    let done = false;
    writeInSlices({ wanted: () => wanted, put: () => void puts++, done: () => (done = true), schedule: run.schedule, size: 64 });
    wanted = undefined;
    run.runNext();
    expect(run.length).toBe(0);
    expect(puts).toBe(1);
    expect(done).toBe(false);
  });

  it('writes a smaller first slice (it meets Monaco cold), then slices of the full size', () => {
    const text = lines(100);
    const run = tasks();
    const sizes: number[] = [];
    writeInSlices({ wanted: () => text, put: (slice) => void sizes.push(slice.length), done: () => {}, schedule: run.schedule, size: 64, firstSize: 16 });
    while (run.length > 0) run.runNext();
    expect(sizes[0]).toBe(sliceEnd(text, 0, 16));
    expect(sizes[1]).toBe(sliceEnd(text, sizes[0], 64) - sizes[0]);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(text.length);
  });

  it('writes a short text in one go', () => {
    const run = tasks();
    let model = 'old';
    let done: string | undefined;
    writeInSlices({ wanted: () => 'a: 1\n', put: (slice, first) => (model = first ? slice : model + slice), done: (t) => (done = t), schedule: run.schedule });
    expect(model).toBe('a: 1\n');
    expect(done).toBe('a: 1\n');
    expect(run.length).toBe(0);
  });
});
