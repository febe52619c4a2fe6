/**
 * `npx tsx bench/ui/trace-import.ts <dist>`: where an import's time goes end to end, the page AND
 * the reader worker — from Chromium's trace with its sampling profiler (every thread's samples).
 * Prints each thread's tasks over 5 ms on one time line from the file input's change, then each
 * thread's functions (self and inclusive ms). Build without minifying for readable names.
 *
 * Environment: PROFILE_SIZE (1000), PROFILE_POSITIONS (1: files with positions), PROFILE_TOP (25).
 */
import { profilingSettings, topLines, withImportDialog, type ChunkNode, type TraceEvent } from './import-profiling';
import { magnusFiles } from './run';

const { dist, size: SIZE, positions: POSITIONS, top: TOP } = profilingSettings('trace-import.ts', 25);

await withImportDialog(dist, 2000, async (page, dialog, browser) => {
  await page.evaluate(() => {
    document.addEventListener('change', () => performance.mark('import-change'), { capture: true, once: true });
    const monaco = (
      globalThis as unknown as {
        __monaco: {
          editor: {
            getModel(uri: unknown): {
              getValue(): string;
              onDidChangeContent(l: () => void): { dispose(): void };
            };
          };
          Uri: { parse(t: string): unknown };
        };
      }
    ).__monaco;
    const model = monaco.editor.getModel(monaco.Uri.parse('file:///pipeline.yaml'))!;
    const subscription = model.onDidChangeContent(() => {
      if (!model.getValue().includes('step-0')) return;
      performance.mark('import-yaml');
      subscription.dispose();
    });
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.react-flow__node[aria-label="Step step 0 (task)"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => performance.mark('import-drawn'));
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-label'],
    });
  });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'toplevel'],
  });
  await dialog.getByLabel('Choose files').setInputFiles(magnusFiles(SIZE, POSITIONS));
  await page.getByRole('dialog', { name: 'Import report' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
  const events = (
    JSON.parse((await browser.stopTracing()).toString('utf8')) as {
      traceEvents: TraceEvent[];
    }
  ).traceEvents;
  const threadNames = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']));
  const mark = (name: string) => events.find((e) => e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'X'));
  const start = mark('import-change')?.ts;
  const drawn = mark('import-drawn')?.ts;
  if (start === undefined) throw new Error('no change mark in the trace');
  const rel = (ts: number) => ((ts - start) / 1000).toFixed(0).padStart(6);
  const yaml = mark('import-yaml')?.ts;
  console.log(
    `${SIZE} steps${POSITIONS ? ' with positions' : ''}: change → drawn ${drawn === undefined ? '?' : ((drawn - start) / 1000).toFixed(0)} ms, → pipeline.yaml ${yaml === undefined ? '?' : ((yaml - start) / 1000).toFixed(0)} ms`,
  );
  const interesting = new Set(['CrRendererMain', 'DedicatedWorker thread']);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && interesting.has(threadNames.get(`${e.pid}:${e.tid}`) ?? '') && e.ts >= start - 1000 && (e.dur ?? 0) > 5000)
    .sort((a, b) => a.ts - b.ts);
  // Wall and the thread's own CPU time: on a loaded machine a task's wall time is mostly waiting for a core.
  for (const t of tasks) console.log(`${rel(t.ts)} ms  ${((t.dur ?? 0) / 1000).toFixed(1).padStart(7)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(1).padStart(6)})  ${threadNames.get(`${t.pid}:${t.tid}`)} ${t.tid}`);

  // The page's style recalculations and layouts over 10 ms: how much of the document each covered.
  for (const e of events) {
    if ((e.name !== 'Layout' && e.name !== 'UpdateLayoutTree') || e.ph !== 'X' || (e.dur ?? 0) < 10_000 || e.ts < start || e.ts > (drawn ?? Infinity)) continue;
    const a = e.args as
      | {
          beginData?: { dirtyObjects?: number; totalObjects?: number };
          elementCount?: number;
        }
      | undefined;
    console.log(`${rel(e.ts)} ms  ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms  ${JSON.stringify(a?.beginData ?? a?.elementCount ?? '')}`);
  }

  // Samples per thread, from the profiler's chunks (one profile per thread, by id).
  const profiles = new Map<
    string,
    {
      thread: string;
      start: number;
      nodes: Map<number, ChunkNode>;
      samples: { id: number; ts: number }[];
      last: number;
    }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id)
      profiles.set(e.id, {
        thread: `${threadNames.get(`${e.pid}:${e.tid}`)} ${e.tid}`,
        start: e.args?.data?.startTime ?? e.ts,
        nodes: new Map(),
        samples: [],
        last: e.args?.data?.startTime ?? e.ts,
      });
    if (e.name === 'ProfileChunk' && e.id) {
      const p = profiles.get(e.id);
      if (!p) continue;
      for (const n of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
      const samples = e.args?.data?.cpuProfile?.samples ?? [];
      const deltas = e.args?.data?.timeDeltas ?? [];
      samples.forEach((id, i) => p.samples.push({ id, ts: (p.last += deltas[i] ?? 0) }));
    }
  }
  const end = drawn ?? Infinity;
  // The page's tasks over 30 ms until the drawn frame, in order, each with what it ran most.
  const generic =
    /^\((root|program|idle)\)|^(performWorkOnRoot|performWorkUntilDeadline|workLoop|renderRootSync|performSyncWorkOnRoot|flushSyncWork|beginWork|performUnitOfWork|updateFunctionComponent|renderWithHooks|commitRoot|runWithFiberInDEV|recursivelyTraverse|(anonymous))/;
  for (const p of profiles.values()) {
    const key = (n: ChunkNode) => `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber + 1}`;
    for (const t of tasks) {
      if (`${threadNames.get(`${t.pid}:${t.tid}`)} ${t.tid}` !== p.thread || (t.dur ?? 0) < 30_000 || t.ts > end) continue;
      const total = new Map<string, number>();
      for (let i = 0; i < p.samples.length; i++) {
        const s = p.samples[i];
        if (s.ts < t.ts || s.ts > t.ts + (t.dur ?? 0)) continue;
        const ms = ((p.samples[i + 1]?.ts ?? s.ts) - s.ts) / 1000;
        const seen = new Set<string>();
        for (let n: ChunkNode | undefined = p.nodes.get(s.id); n; n = n.parent === undefined ? undefined : p.nodes.get(n.parent)) {
          const k = key(n);
          if (seen.has(k) || generic.test(k)) continue;
          seen.add(k);
          total.set(k, (total.get(k) ?? 0) + ms);
        }
      }
      const top = [...total]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.PROFILE_TASK_TOP ?? 8))
        .map(([k, v]) => `${k.split(' ')[0]} ${v.toFixed(0)}`)
        .join(', ');
      console.log(`${p.thread.startsWith('Cr') ? 'page' : p.thread} task at ${rel(t.ts)} ms, ${((t.dur ?? 0) / 1000).toFixed(0)} ms: ${top}`);
    }
  }
  for (const p of profiles.values()) {
    const key = (n: ChunkNode) => `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber + 1}`;
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let busy = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const s = p.samples[i];
      if (s.ts < start || s.ts > end) continue;
      const ms = ((p.samples[i + 1]?.ts ?? s.ts) - s.ts) / 1000;
      const node = p.nodes.get(s.id);
      if (!node) continue;
      if (node.callFrame.functionName !== '(idle)' && node.callFrame.functionName !== '(program)') busy += ms;
      self.set(key(node), (self.get(key(node)) ?? 0) + ms);
      const seen = new Set<string>();
      for (let n: ChunkNode | undefined = node; n; n = n.parent === undefined ? undefined : p.nodes.get(n.parent)) {
        const k = key(n);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
    }
    if (busy < 5) continue;
    const fmt = (m: Map<string, number>) => topLines(m, TOP);
    console.log(`\n${p.thread}: ${busy.toFixed(0)} ms busy between change and drawn\n  total:\n${fmt(total)}\n  self:\n${fmt(self)}`);
  }
});
