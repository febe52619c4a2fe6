/**
 * Runs reads in the reader worker with a time budget: past it, or when the user cancels, the worker
 * is terminated (the only way to stop a synchronous parse) and the read fails with a reason a
 * person can act on. The next read starts a fresh worker.
 */
import { READ_BUDGET_MS } from '../../core/limits';
import type { PartOf, ReaderMessage, ReaderRequestMessage, ReadProgress, ReadRequest, ResultOf } from './protocol';

/** Why a read ended without an answer. */
export class ReadStopped extends Error {
  constructor(
    readonly reason: 'timeout' | 'cancelled' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

export const timeoutMessage = (budgetMs: number) =>
  `reading took longer than ${budgetMs / 1000} s and was stopped (the text may be very large, or built to be expensive to read, such as YAML aliases that expand without end)`;

export interface ReadOptions {
  /** Defaults to READ_BUDGET_MS. */
  budgetMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * `onPart`: what the read hands over before its answer (protocol.ts `PartOf`). The answer is taken
 * once what onPart returns has settled (at once for nothing): the page says when it can take it.
 */
type RunOptions<K extends ReadRequest['read']> = ReadOptions & { onPart?: (part: K extends keyof PartOf ? PartOf[K] : never) => unknown };

interface Pending {
  request: ReadRequest;
  resolve: (result: never) => void;
  reject: (error: ReadStopped) => void;
  onProgress?: (progress: ReadProgress) => void;
  onPart?: (part: never) => unknown;
  timer: ReturnType<typeof setTimeout>;
  stopListening: () => void;
  /** The port the answer comes on, after a part: closed when the read ends, so nothing waits in it. */
  answer?: MessagePort;
}

export class Reader {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly createWorker: () => Worker) {}

  run<K extends ReadRequest['read']>(request: Extract<ReadRequest, { read: K }>, options: RunOptions<K> = {}): Promise<ResultOf[K]> {
    const { budgetMs = READ_BUDGET_MS, signal, onProgress, onPart } = options;
    if (signal?.aborted) return Promise.reject(new ReadStopped('cancelled', 'cancelled'));
    const id = ++this.nextId;
    return new Promise<ResultOf[K]>((resolve, reject) => {
      const onAbort = () => this.stop(id, new ReadStopped('cancelled', 'cancelled'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        request,
        resolve: resolve as (result: never) => void,
        reject,
        onProgress,
        onPart: onPart as ((part: never) => unknown) | undefined,
        timer: setTimeout(() => this.stop(id, new ReadStopped('timeout', timeoutMessage(budgetMs))), budgetMs),
        stopListening: () => signal?.removeEventListener('abort', onAbort),
      });
      this.send({ id, request });
    });
  }

  /** Stops the worker; reads still waiting fail as cancelled. */
  dispose() {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new ReadStopped('cancelled', 'cancelled'));
    this.terminate();
  }

  private workerOf(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
      const message = event.data;
      if (message.type === 'progress') this.pending.get(message.id)?.onProgress?.(message.progress);
      else if (message.type === 'part') this.handOver(message.id, message.part, message.answer);
      else if (message.type === 'done') this.settle(message.id)?.resolve(message.result as never);
      else this.settle(message.id)?.reject(new ReadStopped('failed', `the reader failed (${message.message})`));
    };
    // The worker itself failed (it could not load, or ran out of memory): every read in it is lost.
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new ReadStopped('failed', `the reader failed (${event.message || 'it stopped'})`);
      for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
      this.terminate();
    };
    this.worker = worker;
    return worker;
  }

  /**
   * Ends one read by terminating the worker: a synchronous parse cannot be interrupted otherwise.
   * Reads queued behind it start again in a fresh worker (their budgets keep running).
   */
  private stop(id: number, error: ReadStopped) {
    const stopped = this.settle(id);
    if (!stopped) return;
    stopped.reject(error);
    this.terminate();
    for (const [other, pending] of this.pending) {
      // What a stopped worker handed over is not awaited: the fresh one reads it again.
      this.closeAnswer(pending);
      this.send({ id: other, request: pending.request });
    }
  }

  private send(message: ReaderRequestMessage) {
    this.workerOf().postMessage(message);
  }

  /** A part goes to its read; its answer is taken from `answer` once the page is ready for it. */
  private handOver(id: number, part: PartOf[keyof PartOf], answer: MessagePort) {
    const pending = this.pending.get(id);
    if (!pending) return answer.close();
    pending.answer = answer;
    let ready: unknown;
    try {
      ready = pending.onPart?.(part as never);
    } catch {
      // The page's own failure to take the part: the answer still settles the read.
    }
    void Promise.resolve(ready)
      .catch(() => {})
      .then(() => {
        // Setting onmessage starts the port: the answer, posted meanwhile, is copied in now. Not
        // if the read ended, or its worker was stopped since (the port is closed then).
        if (pending.answer === answer) answer.onmessage = (event: MessageEvent<ResultOf[keyof ResultOf]>) => this.settle(id)?.resolve(event.data as never);
      });
  }

  private closeAnswer(pending: Pending) {
    pending.answer?.close();
    pending.answer = undefined;
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.stopListening();
    this.closeAnswer(pending);
    return pending;
  }

  private terminate() {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
