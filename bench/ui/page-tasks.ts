/**
 * The page's own main-thread tasks in a Chromium trace. A trace covers the whole browser: other
 * renderers' main threads run too (Chromium's own pages — a 150 ms task of its WebUI showed up in a
 * first visit), and stopping the trace costs the page's renderer a task of its own (60–90 ms of CPU
 * with nothing in it). So only the renderer threads that ran the page's origin count, and only the
 * tasks that started before the mark `endTrace` sets just before the trace is stopped.
 */
import type { Page } from '@playwright/test';

/** A Chromium trace event, with the fields the benches and profilers read. */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: { url?: string; functionName?: string; startTime?: number; cpuProfile?: { nodes?: ChunkNode[]; samples?: number[] }; timeDeltas?: number[] };
    beginData?: { url?: string };
  };
}

/** A node of the sampling profiler's trace chunks (each thread's profile comes in chunks). */
export interface ChunkNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber: number };
}

/** A CPU profile as the DevTools protocol's Profiler.stop returns it. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
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

/**
 * Inclusive and self ms of each function (`name file:line`) over the profile's samples from `from`
 * to `to` (the profile's clock, µs): what one task ran.
 */
export function functionTimes(profile: Profile, from: number, to: number): { total: Map<string, number>; self: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
  };
  let at = profile.startTime;
  const stamped = profile.samples.map((id, i) => ({ id, ts: (at += profile.timeDeltas[i] ?? 0) }));
  const total = new Map<string, number>();
  const self = new Map<string, number>();
  for (let i = 0; i < stamped.length; i++) {
    const s = stamped[i];
    if (s.ts < from || s.ts > to) continue;
    const ms = ((stamped[i + 1]?.ts ?? s.ts) - s.ts) / 1000;
    self.set(key(s.id), (self.get(key(s.id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: number | undefined = s.id; n !== undefined; n = parent.get(n)) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  return { total, self };
}
