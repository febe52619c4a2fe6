/**
 * `npx tsx bench/ui/profile-start.ts <dist>`: what the page's own start runs in its long tasks — a
 * first visit (empty storage), or with PROFILE_SAVE_STEPS=N a reload on a saved N-step pipeline
 * (positions kept, as autosave writes it), from navigation until the page is quiet with Monaco up. Chromium's
 * trace gives the main thread's tasks over PROFILE_MIN_MS (50) of CPU and the trace events inside
 * each (scripts evaluated, with their file; compiles; layout); a CPU profile taken alongside gives
 * the functions each task ran (inclusive and self ms). Build without minifying for readable names:
 * `npx vite build --outDir /tmp/prof --minify false`.
 *
 * Environment: PROFILE_MIN_MS (50), PROFILE_TOP (12), PROFILE_WAIT_MS (how long after Monaco is up, 4000),
 * PROFILE_SAVE_STEPS (none).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { AUTOSAVE_KEY } from '../../src/ui/store/saved';
import { generatePipeline } from '../generate';
import { endTrace, functionTimes, pageTasks, TRACE_CATEGORIES, type Profile, type TraceEvent } from './page-tasks';
import { serve, withPositions } from './run';

const dist = process.argv[2];
if (!dist) throw new Error('usage: tsx bench/ui/profile-start.ts <built dist folder>');
const MIN_MS = Number(process.env.PROFILE_MIN_MS ?? 50);
const TOP = Number(process.env.PROFILE_TOP ?? 12);
const WAIT_MS = Number(process.env.PROFILE_WAIT_MS ?? 4000);
const SAVE_STEPS = process.env.PROFILE_SAVE_STEPS ? Number(process.env.PROFILE_SAVE_STEPS) : undefined;
const file = (url: string | undefined) => (url ?? '').split('/').pop() ?? '';

const { url, server } = await serve(dist);
const browser = await chromium.launch(CHROMIUM);
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  if (SAVE_STEPS !== undefined) {
    await page.goto(url);
    await page.getByRole('region', { name: 'Pipeline canvas' }).waitFor();
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [AUTOSAVE_KEY, JSON.stringify(withPositions(generatePipeline(SAVE_STEPS)))] as const);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await cdp.send('Profiler.start');
  await (SAVE_STEPS === undefined ? page.goto(url) : page.reload());
  await page.waitForFunction(() => '__monaco' in globalThis, undefined, { timeout: 120_000 });
  await page.waitForTimeout(WAIT_MS);
  await endTrace(page);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const all = pageTasks(events, new URL(url).origin);
  const threads = new Set(all.map((t) => `${t.pid}:${t.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && threads.has(`${e.pid}:${e.tid}`));
  const tasks = all.filter((t) => t.cpu > MIN_MS);
  const t0 = Math.min(...all.map((t) => t.ts));
  console.log(`${SAVE_STEPS === undefined ? 'first visit' : `reload on a ${SAVE_STEPS}-step save`}: ${all.length} main-thread tasks, ${tasks.length} over ${MIN_MS} ms CPU; CPU ms of all over 20, in order: ${all.filter((t) => t.cpu > 20).map((t) => t.cpu.toFixed(0)).join(' ')}`);

  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, v]) => `    ${v.toFixed(1).padStart(7)}  ${k}`)
      .join('\n');
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter((e) => e !== task && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) > 2000);
    const described = inside
      .map((e) => `    ${((e.dur ?? 0) / 1000).toFixed(1).padStart(7)}  ${e.name} ${file(e.args?.data?.url)} ${e.args?.data?.functionName ?? ''}`)
      .join('\n');
    const { total, self } = functionTimes(profile, task.ts, end);
    console.log(`\ntask at +${((task.ts - t0) / 1000).toFixed(0)} ms: wall ${((task.dur ?? 0) / 1000).toFixed(0)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(0)} ms\n  trace events (> 2 ms):\n${described}\n  total:\n${fmt(total)}\n  self:\n${fmt(self)}`);
  }
} finally {
  await browser.close();
  process.kill(-server.pid!, 'SIGTERM');
}
