/**
 * `npx tsx bench/ui/profile-keys.ts <dist>`: where a keystroke in a step field spends its time, as a
 * CPU profile of Chromium's page thread while keys are typed into the step form's Memory limit of a
 * long pipeline (the path `npm run bench:ui` times). Build without minifying for readable names:
 * `npx vite build --outDir /tmp/prof --minify false`. Prints the functions with the most self and
 * total time; PROFILE_OUT=<file.cpuprofile> keeps the profile (Chromium's DevTools open it).
 *
 * Then times PROFILE_TIMED keystrokes more (15) as bench:ui does, each from a quiet page.
 *
 * Environment: PROFILE_SIZE (steps, 1000), PROFILE_KEYS (keystrokes, 20), PROFILE_FIELD (label,
 * "Memory limit"), PROFILE_GAP_MS (pause between keys, 300: each keystroke's deferred work included).
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { median } from '../goals';
import { importThroughDialog, magnusFiles, openApp, serve, typeAndTime } from './run';
import type { Profile, ProfileNode } from './page-tasks';

const dist = process.argv[2];
if (!dist) throw new Error('usage: tsx bench/ui/profile-keys.ts <built dist folder>');
const SIZE = Number(process.env.PROFILE_SIZE ?? 1000);
const KEYS = Number(process.env.PROFILE_KEYS ?? 20);
const FIELD = process.env.PROFILE_FIELD ?? 'Memory limit';
const GAP_MS = Number(process.env.PROFILE_GAP_MS ?? 300);

/** Self and total (inclusive) milliseconds per function, from the sampled stacks. */
function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  return { self, total };
}

const top = (map: Map<string, number>, count: number, per: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, v]) => `${(v / per).toFixed(2).padStart(8)} ms  ${k}`)
    .join('\n');

const { url, server } = await serve(dist);
const browser = await chromium.launch(CHROMIUM);
try {
  const { page } = await openApp(browser, url);
  await importThroughDialog(page, magnusFiles(SIZE, true));
  const node = page.locator('.react-flow__node[aria-label^="Step step "][aria-label$=" (task)"]').first();
  await node.focus();
  await page.keyboard.press('Enter');
  await page.getByLabel(FIELD, { exact: true }).click();
  await page.keyboard.press('Home');
  // The first keystroke after an import is timed too (bench:ui's slowest), not profiled.
  const first = await typeAndTime(page, ['1'], 'pipeline');
  console.log(`first keystroke after the import: field ${first[0].echo.toFixed(1)} ms, pipeline.yaml ${first[0].model.toFixed(1)} ms`);
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(String((i % 9) + 1));
    await page.waitForTimeout(GAP_MS);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  const { self, total } = summarize(profile);
  console.log(`${SIZE} steps, ${KEYS} keystrokes in ${FIELD}, ${GAP_MS} ms apart; per keystroke:`);
  console.log(`\nself time\n${top(self, 30, KEYS)}`);
  console.log(`\ntotal time\n${top(total, 50, KEYS)}`);
  const timed = await typeAndTime(page, Array.from({ length: Number(process.env.PROFILE_TIMED ?? 15) }, (_, i) => String((i % 9) + 1)), 'pipeline');
  const figures = (pick: (t: (typeof timed)[number]) => number) => `median ${median(timed.map(pick)).toFixed(1)} ms, slowest ${Math.max(...timed.map(pick)).toFixed(1)} ms`;
  console.log(`\nkeystroke → the field shows it: ${figures((t) => t.echo)}\nkeystroke → pipeline.yaml model: ${figures((t) => t.model)}`);
} finally {
  await browser.close();
  process.kill(-server.pid!, 'SIGTERM');
}
