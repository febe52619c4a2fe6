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
import { functionTimes, type Profile } from './page-tasks';

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

  console.log(`${SIZE} steps${POSITIONS ? ' with positions' : ''}: ${tasks.length} main-thread tasks over 50 ms (wall)`);
  for (const task of tasks) {
    const { total, self } = functionTimes(profile, task.ts, task.ts + (task.dur ?? 0));
    const fmt = (m: Map<string, number>) => topLines(m, TOP);
    console.log(`\ntask at +${((task.ts - profile.startTime) / 1000).toFixed(0)} ms: wall ${((task.dur ?? 0) / 1000).toFixed(0)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(0)} ms\n  total:\n${fmt(total)}\n  self:\n${fmt(self)}`);
  }
});
