import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { afterCanvasShows, canvasShows, CANVAS_WAIT_CEILING_MS } from './canvas-shown';

/** Whether the promise has settled by now (its callbacks run in the microtasks flushed here). */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('waiting for the canvas to show a pipeline', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits until the canvas shows that pipeline, not another', async () => {
    const imported = generatePipeline(3);
    const other = generatePipeline(2);
    const waiting = afterCanvasShows(imported);
    expect(await settled(waiting)).toBe(false);
    canvasShows(other);
    expect(await settled(waiting)).toBe(false);
    canvasShows(imported);
    expect(await settled(waiting)).toBe(true);
  });

  it('does not wait for a pipeline the canvas shows already', async () => {
    const shown = generatePipeline(2);
    canvasShows(shown);
    expect(await settled(afterCanvasShows(shown))).toBe(true);
  });

  it('waits no longer than the ceiling for a pipeline the canvas never shows', async () => {
    const never = generatePipeline(4);
    const waiting = afterCanvasShows(never);
    vi.advanceTimersByTime(CANVAS_WAIT_CEILING_MS - 1);
    expect(await settled(waiting)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(waiting)).toBe(true);
    // Shown later, nothing is left waiting for it to resolve twice.
    expect(() => canvasShows(never)).not.toThrow();
  });

  it('lets everyone waiting for the same pipeline go when it is shown', async () => {
    const imported = generatePipeline(5);
    const first = afterCanvasShows(imported);
    const second = afterCanvasShows(imported);
    canvasShows(imported);
    expect([await settled(first), await settled(second)]).toEqual([true, true]);
  });

  it('follows the pipeline a waiter names, when that changes while it waits', async () => {
    const imported = generatePipeline(6);
    const edited = generatePipeline(6);
    let newest = imported;
    const waiting = afterCanvasShows(() => newest);
    newest = edited;
    canvasShows(imported);
    expect(await settled(waiting)).toBe(false);
    canvasShows(edited);
    expect(await settled(waiting)).toBe(true);
  });
});
