/**
 * The page's own main-thread tasks in a Chromium trace. A trace covers the whole browser: other
 * renderers' main threads run too (Chromium's own pages — a 150 ms task of its WebUI showed up in a
 * first visit), and stopping the trace costs the page's renderer a task of its own (60–90 ms of CPU
 * with nothing in it). So only the renderer threads that ran the page's origin count, and only the
 * tasks that started before the mark `endTrace` sets just before the trace is stopped.
 */
import type { Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string }; beginData?: { url?: string } };
}

/** Categories to trace: the timeline, and the user-timing mark that ends the measurement. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

const END_MARK = 'kfp-bench:end-of-trace';

/** Marks the end of what is measured; call just before `browser.stopTracing()`. A page that does not answer is not marked: all its tasks count. */
export async function endTrace(page: Page): Promise<void> {
  const marked = page.evaluate((mark) => void performance.mark(mark), END_MARK).catch(() => undefined);
  await Promise.race([marked, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

export interface PageTask extends TraceEvent {
  /** CPU and wall time (ms). */
  cpu: number;
  wall: number;
}

/** The page's main-thread tasks (RunTask events) from the trace's events. */
export function pageTasks(events: readonly TraceEvent[], origin: string): PageTask[] {
  const renderers = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const page = new Set(
    events
      .filter((e) => renderers.has(`${e.pid}:${e.tid}`) && (e.args?.data?.url ?? e.args?.beginData?.url ?? '').startsWith(origin))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const end = events.find((e) => e.name === END_MARK)?.ts ?? Infinity;
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && page.has(`${e.pid}:${e.tid}`) && e.ts < end)
    .map((e) => ({ ...e, cpu: (e.tdur ?? e.dur ?? 0) / 1000, wall: (e.dur ?? 0) / 1000 }));
}
