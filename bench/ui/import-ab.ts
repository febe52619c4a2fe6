/**
 * `npx tsx bench/ui/import-ab.ts <dist-a> <dist-b>`: import → steps drawn (and → pipeline.yaml) of
 * two builds, alternated import by import (a fresh page each, as `npm run bench:ui` imports), so
 * that both meet the same load on a shared machine — `BENCH_UI_DIST=a,b npm run bench:ui` measures
 * one build after the other, and under a load that changes by the minute their figures do not
 * compare. Prints the medians and each build's ratio to the first.
 *
 * Environment: BENCH_UI_SIZES (1000), BENCH_UI_REPEAT (imports per build, size and variant; 5).
 */
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { median } from '../goals';
import { importThroughDialog, magnusFiles, openApp, serve } from './run';

const dists = process.argv.slice(2);
if (dists.length < 2) throw new Error('usage: tsx bench/ui/import-ab.ts <dist-a> <dist-b> [<dist-c> …]');
const SIZES = (process.env.BENCH_UI_SIZES ?? '1000').split(',').map(Number).filter((n) => n > 0);
const REPEAT = Number(process.env.BENCH_UI_REPEAT ?? 5);

const servers = await Promise.all(dists.map(serve));
const browser = await chromium.launch(CHROMIUM);
const loads: number[] = [];
try {
  for (const size of SIZES) {
    for (const positioned of [false, true]) {
      const files = magnusFiles(size, positioned);
      const canvas = dists.map(() => [] as number[]);
      const yaml = dists.map(() => [] as number[]);
      for (let i = 0; i < REPEAT; i++) {
        // Which build goes first alternates too.
        const order = dists.map((_, b) => (i % 2 === 0 ? b : dists.length - 1 - b));
        for (const b of order) {
          loads.push(loadavg()[0]);
          const app = await openApp(browser, servers[b].url);
          const timing = await importThroughDialog(app.page, files);
          await app.close();
          canvas[b].push(timing.canvas);
          yaml[b].push(timing.yaml);
        }
      }
      console.log(`\n${size.toLocaleString('en')} steps, files ${positioned ? 'with positions' : 'without positions (ELK)'}: median ms of ${REPEAT} (ratio to ${basename(dists[0])})`);
      dists.forEach((dist, b) => {
        const ratio = (list: number[][]) => (b === 0 ? '' : ` (${(median(list[b]) / median(list[0])).toFixed(2)}×)`);
        console.log(`  ${basename(dist).padEnd(24)} → canvas ${median(canvas[b]).toFixed(0).padStart(6)}${ratio(canvas)}   → pipeline.yaml ${median(yaml[b]).toFixed(0).padStart(6)}${ratio(yaml)}   canvas each: ${canvas[b].map((t) => t.toFixed(0)).join(', ')}`);
      });
    }
  }
  console.log(`\nload average (1 min) during the run: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on 2 CPUs`);
} finally {
  await browser.close();
  for (const { server } of servers) process.kill(-server.pid!, 'SIGTERM');
}
