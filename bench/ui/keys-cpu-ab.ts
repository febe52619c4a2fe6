/**
 * `npx tsx bench/ui/keys-cpu-ab.ts <dist-a> <dist-b> [<dist-c> …]`: the CPU time of the first
 * keystrokes after a 1,000-step import, per build, the builds alternated import by import (both
 * orders). Each keystroke in the step form's Memory limit is traced alone and its input event's
 * thread time read: on a loaded 2-core machine `keys-ab.ts`'s wall times are set by waits for the
 * thread (a keydown dispatched 50–140 ms late), where the CPU a keystroke costs is its own.
 * Prints each build's median per keystroke (1st, 2nd, …) and the collections inside the event.
 *
 * Environment: ROUNDS (imports per build, 6), KEYS (keystrokes after each import, 4).
 */
import { readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { median } from '../goals';
import type { TraceEvent } from './page-tasks';
import { atMemoryLimit, importThroughDialog, magnusFiles, memoryDigits, openApp, serve } from './run';

const dists = process.argv.slice(2);
if (dists.length < 2) throw new Error('usage: tsx bench/ui/keys-cpu-ab.ts <dist-a> <dist-b> [<dist-c> …]');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const KEYS = Number(process.env.KEYS ?? 4);
const TRACE = join(tmpdir(), `keys-cpu-ab-${process.pid}.json`);
const GC = new Set(['MinorGC', 'MajorGC', 'V8.GCIncrementalMarking']);

/** The input event's thread time, and that of the collections within it (ms). */
function inputCpu(events: TraceEvent[]): { cpu: number; gc: number } {
  const input = events.find((e) => e.name === 'EventDispatch' && (e.args?.data as { type?: string } | undefined)?.type === 'input');
  if (!input?.dur) throw new Error('no input event in the trace');
  const end = input.ts + input.dur;
  const gc = events.filter((e) => GC.has(e.name) && e.tid === input.tid && e.ts >= input.ts && e.ts + (e.dur ?? 0) <= end);
  return { cpu: (input.tdur ?? input.dur) / 1000, gc: gc.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000 };
}

const servers = await Promise.all(dists.map(serve));
const browser = await chromium.launch(CHROMIUM);
try {
  const cpu = dists.map(() => Array.from({ length: KEYS }, () => [] as number[]));
  const gc = dists.map(() => Array.from({ length: KEYS }, () => [] as number[]));
  const loads: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...dists.keys()].reverse() : [...dists.keys()];
    for (const d of order) {
      const { page, close } = await openApp(browser, servers[d].url);
      await importThroughDialog(page, magnusFiles(1000, true));
      await atMemoryLimit(page);
      await page.waitForTimeout(300);
      for (const [k, key] of memoryDigits(KEYS).entries()) {
        await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'v8'] });
        await page.keyboard.press(key);
        await page.waitForTimeout(150);
        await browser.stopTracing();
        const measured = inputCpu(JSON.parse(readFileSync(TRACE, 'utf8')).traceEvents);
        cpu[d][k].push(measured.cpu);
        gc[d][k].push(measured.gc);
        await page.waitForTimeout(300);
      }
      loads.push(loadavg()[0]);
      await close();
    }
  }
  console.log(`1,000 steps, ${ROUNDS} imports per build, alternated (load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}):`);
  console.log('median CPU ms of the input event of keystroke 1 / 2 / …, collections within it in brackets');
  dists.forEach((dist, d) => console.log(`  ${dist.padEnd(28)} ${cpu[d].map((list, k) => `${median(list).toFixed(1)} [${median(gc[d][k]).toFixed(1)}]`).join(' / ')}`));
} finally {
  rmSync(TRACE, { force: true });
  await browser.close();
  for (const { server } of servers) process.kill(-server.pid!, 'SIGTERM');
}
