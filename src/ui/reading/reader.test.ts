import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { READ_BUDGET_MS } from '../../core/limits';
import type { ReaderMessage, ReaderRequestMessage, ReadRequest } from './protocol';
import { Reader, ReadStopped, timeoutMessage } from './reader';
import { newPipeline } from '../toolbar/new-pipeline';

/** A worker that answers only when told to, and remembers whether it was terminated. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<ReaderMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: { id: number; request: ReadRequest }[] = [];
  /** Reads whose answer the page asked for (after their part). */
  restAsked: number[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: ReaderRequestMessage) {
    if ('rest' in message) this.restAsked.push(message.id);
    else this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(message: ReaderMessage) {
    this.onmessage?.({ data: message } as MessageEvent<ReaderMessage>);
  }
}

const share = (hash: string): Extract<ReadRequest, { read: 'share' }> => ({ read: 'share', hash, target: 'kfp-v2' });
const newReader = () => new Reader(() => new FakeWorker() as unknown as Worker);
const reason = (promise: Promise<unknown>) => promise.then(() => 'answered', (error: ReadStopped) => `${error.reason}: ${error.message}`);

describe('the reader', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.made = [];
  });
  afterEach(() => vi.useRealTimers());

  it('hands over what a read sends before its answer, to that read only', async () => {
    const reader = newReader();
    const parts = vi.fn();
    const other = vi.fn();
    const imported = reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' }, { onPart: parts });
    void reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' }, { onPart: other });
    const [worker] = FakeWorker.made;
    const pipeline = newPipeline();
    worker.answer({ id: worker.received[0].id, type: 'part', part: { pipeline } });
    expect(parts).toHaveBeenCalledWith({ pipeline });
    expect(other).not.toHaveBeenCalled();
    const answer = { classification: { files: [], fileNames: {}, problems: [] }, status: 'failed' as const, diagnostics: [] };
    worker.answer({ id: worker.received[0].id, type: 'done', result: answer });
    expect(await imported).toEqual(answer);
    // A part after the answer has no one to go to.
    worker.answer({ id: worker.received[0].id, type: 'part', part: { pipeline } });
    expect(parts).toHaveBeenCalledTimes(1);
  });

  it("asks for a read's answer only once the page has taken its part", async () => {
    const reader = newReader();
    let ready!: () => void;
    const imported = reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' }, { onPart: () => new Promise<void>((resolve) => (ready = resolve)) });
    const [worker] = FakeWorker.made;
    const { id } = worker.received[0];
    worker.answer({ id, type: 'part', part: { pipeline: newPipeline() } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(worker.restAsked).toEqual([]);
    ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.restAsked).toEqual([id]);
    worker.answer({ id, type: 'done', result: { classification: { files: [], fileNames: {}, problems: [] }, status: 'failed', diagnostics: [] } });
    await imported;
  });

  it('asks for the answer at once when nothing takes the part, or when taking it failed', async () => {
    const reader = newReader();
    void reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' });
    void reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' }, { onPart: () => Promise.reject(new Error('the page could not take it')) });
    void reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' }, { onPart: () => { throw new Error('nor this'); } });
    const [worker] = FakeWorker.made;
    for (const { id } of worker.received) worker.answer({ id, type: 'part', part: { pipeline: newPipeline() } });
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.restAsked).toEqual(worker.received.map((m) => m.id));
  });

  it('does not ask a worker that was stopped since its part: the fresh one reads it again', async () => {
    const reader = newReader();
    let ready!: () => void;
    const controller = new AbortController();
    const first = reason(reader.run(share('#a'), { signal: controller.signal }));
    void reader.run({ read: 'import', source: { files: [] }, target: 'kfp-v2' }, { onPart: () => new Promise<void>((resolve) => (ready = resolve)) });
    const [worker] = FakeWorker.made;
    worker.answer({ id: worker.received[1].id, type: 'part', part: { pipeline: newPipeline() } });
    controller.abort();
    expect(await first).toBe('cancelled: cancelled');
    const [, fresh] = FakeWorker.made;
    expect(fresh.received.map((m) => m.request.read)).toEqual(['import']);
    ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.restAsked).toEqual([]);
    expect(fresh.restAsked).toEqual([]);
  });

  it('answers each read with its own result, and passes its progress on', async () => {
    const reader = newReader();
    const progress = vi.fn();
    const first = reader.run(share('#a'), { onProgress: progress });
    const second = reader.run(share('#b'));
    const [worker] = FakeWorker.made;
    expect(worker.received.map((m) => m.request)).toEqual([share('#a'), share('#b')]);
    worker.answer({ id: worker.received[0].id, type: 'progress', progress: { step: 1, of: 5, label: 'Reading the files' } });
    worker.answer({ id: worker.received[1].id, type: 'done', result: { ok: false, message: 'b' } });
    worker.answer({ id: worker.received[0].id, type: 'done', result: { ok: false, message: 'a' } });
    expect(await first).toEqual({ ok: false, message: 'a' });
    expect(await second).toEqual({ ok: false, message: 'b' });
    expect(progress).toHaveBeenCalledWith({ step: 1, of: 5, label: 'Reading the files' });
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('stops a read past its budget by terminating the worker, and says why', async () => {
    const reader = newReader();
    const read = reason(reader.run(share('#bomb')));
    vi.advanceTimersByTime(READ_BUDGET_MS - 1);
    expect(FakeWorker.made[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await read).toBe(`timeout: ${timeoutMessage(READ_BUDGET_MS)}`);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(timeoutMessage(READ_BUDGET_MS)).toMatch(/^reading took longer than 60 s and was stopped/);
  });

  it('stops a read when it is cancelled; reads queued behind it start again in a fresh worker', async () => {
    const reader = newReader();
    const cancel = new AbortController();
    const stopped = reason(reader.run(share('#long'), { signal: cancel.signal }));
    const queued = reader.run(share('#next'));
    cancel.abort();
    expect(await stopped).toBe('cancelled: cancelled');
    const [first, fresh] = FakeWorker.made;
    expect(first.terminated).toBe(true);
    expect(fresh.received.map((m) => m.request)).toEqual([share('#next')]);
    fresh.answer({ id: fresh.received[0].id, type: 'done', result: { ok: false, message: 'next' } });
    expect(await queued).toEqual({ ok: false, message: 'next' });
  });

  it('fails the reads of a worker that failed, and starts a fresh one for the next', async () => {
    const reader = newReader();
    const read = reason(reader.run(share('#a')));
    FakeWorker.made[0].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    expect(await read).toBe('failed: the reader failed (out of memory)');
    void reader.run(share('#b')).catch(() => undefined);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('refuses a read whose signal is already aborted, without starting a worker', async () => {
    const cancel = new AbortController();
    cancel.abort();
    expect(await reason(newReader().run(share('#a'), { signal: cancel.signal }))).toBe('cancelled: cancelled');
    expect(FakeWorker.made).toHaveLength(0);
  });
});
