import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { READ_BUDGET_MS } from '../../core/limits';
import type { ReaderMessage, ReaderRequestMessage, ReadRequest } from './protocol';
import { Reader, ReadStopped, timeoutMessage } from './reader';
import { newPipeline } from '../toolbar/new-pipeline';

/**
 * The page's end of a part's answer port, as a browser's: what the worker posts waits in it until
 * the port is started (setting `onmessage` starts it), and nothing comes once it is closed.
 */
class FakePort {
  private waiting: unknown[] = [];
  private listener: ((event: MessageEvent) => void) | null = null;
  closed = false;
  get onmessage() {
    return this.listener;
  }
  set onmessage(listener: ((event: MessageEvent) => void) | null) {
    this.listener = listener;
    this.deliver();
  }
  get started() {
    return this.listener !== null;
  }
  /** The worker posting on its end. */
  post(data: unknown) {
    if (this.closed) return;
    this.waiting.push(data);
    this.deliver();
  }
  close() {
    this.closed = true;
    this.waiting = [];
  }
  private deliver() {
    if (this.listener) for (const data of this.waiting.splice(0)) this.listener({ data } as MessageEvent);
  }
}

/** A worker that answers only when told to, and remembers whether it was terminated. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<ReaderMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: { id: number; request: ReadRequest }[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: ReaderRequestMessage) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(message: ReaderMessage) {
    this.onmessage?.({ data: message } as MessageEvent<ReaderMessage>);
  }
  /** Hands over an import's pipeline: the port its answer is to be posted on. */
  part(id: number): FakePort {
    const port = new FakePort();
    this.answer({ id, type: 'part', part: { pipeline: newPipeline() }, answer: port as unknown as MessagePort });
    return port;
  }
}

const failedImport = { classification: { files: [], fileNames: {}, problems: [] }, status: 'failed' as const, diagnostics: [] };
const importing = (): Extract<ReadRequest, { read: 'import' }> => ({ read: 'import', source: { files: [] }, target: 'kfp-v2' });

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
    const imported = reader.run(importing(), { onPart: parts });
    void reader.run(importing(), { onPart: other });
    const [worker] = FakeWorker.made;
    const pipeline = newPipeline();
    const port = new FakePort();
    worker.answer({ id: worker.received[0].id, type: 'part', part: { pipeline }, answer: port as unknown as MessagePort });
    expect(parts).toHaveBeenCalledWith({ pipeline });
    expect(other).not.toHaveBeenCalled();
    port.post(failedImport);
    expect(await imported).toEqual(failedImport);
    expect(port.closed).toBe(true);
    // A part after the answer has no one to go to: its port is closed at once.
    const late = worker.part(worker.received[0].id);
    expect(parts).toHaveBeenCalledTimes(1);
    expect(late.closed).toBe(true);
  });

  it("takes a read's answer, posted at once, only once the page has taken its part", async () => {
    const reader = newReader();
    let ready!: () => void;
    let answered = false;
    const imported = reader.run(importing(), { onPart: () => new Promise<void>((resolve) => (ready = resolve)) }).then((result) => ((answered = true), result));
    const [worker] = FakeWorker.made;
    const port = worker.part(worker.received[0].id);
    port.post(failedImport);
    await vi.advanceTimersByTimeAsync(1000);
    expect(port.started).toBe(false);
    expect(answered).toBe(false);
    ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(await imported).toEqual(failedImport);
  });

  it('takes the answer at once when nothing takes the part, or when taking it failed', async () => {
    const reader = newReader();
    const reads = [
      reader.run(importing()),
      reader.run(importing(), { onPart: () => Promise.reject(new Error('the page could not take it')) }),
      reader.run(importing(), {
        onPart: () => {
          throw new Error('nor this');
        },
      }),
    ];
    const [worker] = FakeWorker.made;
    for (const { id } of worker.received) worker.part(id).post(failedImport);
    await vi.advanceTimersByTimeAsync(0);
    expect(await Promise.all(reads)).toEqual([failedImport, failedImport, failedImport]);
  });

  it('never waits for the answer of a worker stopped since its part: the fresh one reads it again', async () => {
    const reader = newReader();
    let ready!: () => void;
    const controller = new AbortController();
    const first = reason(reader.run(share('#a'), { signal: controller.signal }));
    const imported = reader.run(importing(), { onPart: () => new Promise<void>((resolve) => (ready = resolve)) });
    const [worker] = FakeWorker.made;
    const stale = worker.part(worker.received[1].id);
    controller.abort();
    expect(await first).toBe('cancelled: cancelled');
    expect(stale.closed).toBe(true);
    const [, fresh] = FakeWorker.made;
    expect(fresh.received.map((m) => m.request.read)).toEqual(['import']);
    ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(stale.started).toBe(false);
    const port = fresh.part(fresh.received[0].id);
    port.post(failedImport);
    ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(await imported).toEqual(failedImport);
  });

  it('gives each import its own answer: one stopped meanwhile never settles the next', async () => {
    const reader = newReader();
    const controller = new AbortController();
    const first = reason(reader.run(importing(), { signal: controller.signal }));
    const [worker] = FakeWorker.made;
    const firstPort = worker.part(worker.received[0].id);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(await first).toBe('cancelled: cancelled');
    const second = reader.run(importing());
    const [, fresh] = FakeWorker.made;
    const secondPort = fresh.part(fresh.received[0].id);
    await vi.advanceTimersByTimeAsync(0);
    firstPort.post({ ...failedImport, diagnostics: [{ code: 'E_FIRST', severity: 'error', message: 'the first' }] });
    secondPort.post(failedImport);
    expect(await second).toEqual(failedImport);
  });

  it('holds an answer no longer than the read may take: past its budget the read stops', async () => {
    const reader = newReader();
    const read = reason(reader.run(importing(), { onPart: () => new Promise(() => {}) }));
    const [worker] = FakeWorker.made;
    const port = worker.part(worker.received[0].id);
    port.post(failedImport);
    await vi.advanceTimersByTimeAsync(READ_BUDGET_MS);
    expect(await read).toBe(`timeout: ${timeoutMessage(READ_BUDGET_MS)}`);
    expect(port.closed).toBe(true);
    expect(worker.terminated).toBe(true);
  });

  it('fails a read whose worker fails after its part, without waiting for the page', async () => {
    const reader = newReader();
    const read = reason(reader.run(importing(), { onPart: () => new Promise(() => {}) }));
    const [worker] = FakeWorker.made;
    const port = worker.part(worker.received[0].id);
    worker.answer({ id: worker.received[0].id, type: 'failed', message: 'a bug' });
    expect(await read).toBe('failed: the reader failed (a bug)');
    expect(port.closed).toBe(true);
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
