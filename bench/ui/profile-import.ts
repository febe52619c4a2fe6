/**
 * `npx tsx bench/ui/profile-import.ts <dist>`: what the page's long tasks do while a big import is
 * taken — Chromium's trace gives the main thread's tasks over 50 ms, a CPU profile taken alongside
 * gives the functions each one ran (inclusive ms within the task). Build without minifying for
 * readable names: `npx vite build --outDir /tmp/prof --minify false`.
 *
 * Environment: PROFILE_SIZE (steps, 1000), PROFILE_POSITIONS (1: files with positions), PROFILE_TOP (12).
 */
import { profilingSettings, topLines, withImportDialog, type TraceEvent } from './import-profiling';
import { magnusFiles } from './run';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { dist, size: SIZE, positions: POSITIONS, top: TOP } = profilingSettings('profile-import.ts', 12);

await withImportDialog(dist, 1500, async (page, dialog, browser) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await cdp.send('Profiler.start');
  await dialog.getByLabel('Choose files').setInputFiles(magnusFiles(SIZE, POSITIONS));
  await page.getByRole('dialog', { name: 'Import report' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(6000);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 50_000);

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  let at = profile.startTime;
  const stamped = profile.samples.map((id, i) => ({ id, ts: (at += profile.timeDeltas[i] ?? 0) }));
  console.log(`${SIZE} steps${POSITIONS ? ' with positions' : ''}: ${tasks.length} main-thread tasks over 50 ms (wall)`);
  for (const task of tasks) {
    const total = new Map<string, number>();
    const self = new Map<string, number>();
    for (let i = 0; i < stamped.length; i++) {
      const s = stamped[i];
      if (s.ts < task.ts || s.ts > task.ts + (task.dur ?? 0)) continue;
      const ms = ((stamped[i + 1]?.ts ?? s.ts) - s.ts) / 1000;
      const seen = new Set<string>();
      self.set(key(byId.get(s.id)!), (self.get(key(byId.get(s.id)!)) ?? 0) + ms);
      for (let n: number | undefined = s.id; n !== undefined; n = parent.get(n)) {
        const k = key(byId.get(n)!);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
    }
    const fmt = (m: Map<string, number>) => topLines(m, TOP);
    console.log(`\ntask at +${((task.ts - profile.startTime) / 1000).toFixed(0)} ms: wall ${((task.dur ?? 0) / 1000).toFixed(0)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(0)} ms\n  total:\n${fmt(total)}\n  self:\n${fmt(self)}`);
  }
});
