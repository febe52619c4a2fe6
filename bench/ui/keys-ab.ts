/**
 * `npx tsx bench/ui/keys-ab.ts <dist-a> <dist-b> [<dist-c> …]`: keystroke → the field shows it and
 * → pipeline.yaml at 1,000 steps, the builds alternated import by import (a fresh page each, then
 * 15 keystrokes into a step's Memory limit, typed as `npm run bench:ui` types them), so that every
 * build meets the same load: `bench:ui` measures one build after the other, and under a load that
 * changes by the minute their medians do not compare. Prints each build's medians and its slowest.
 *
 * Environment: ROUNDS (imports per build, 3).
 */
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { median } from '../goals';
import { atMemoryLimit, importThroughDialog, magnusFiles, memoryDigits, openApp, serve, typeAndTime } from './run';

const dists = process.argv.slice(2);
if (dists.length < 2) throw new Error('usage: tsx bench/ui/keys-ab.ts <dist-a> <dist-b> [<dist-c> …]');
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const servers = await Promise.all(dists.map(serve));
const browser = await chromium.launch(CHROMIUM);
try {
  const echo = dists.map(() => [] as number[]);
  const model = dists.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let d = 0; d < dists.length; d++) {
      const { page, close } = await openApp(browser, servers[d].url);
      await importThroughDialog(page, magnusFiles(1000, true));
      await atMemoryLimit(page);
      const timed = await typeAndTime(page, memoryDigits(15), 'pipeline');
      echo[d].push(...timed.map((t) => t.echo));
      model[d].push(...timed.map((t) => t.model));
      await close();
    }
  }
  console.log(`1,000 steps, ${ROUNDS} imports × 15 keystrokes per build, alternated (load average ${loadavg()[0].toFixed(1)}):`);
  dists.forEach((dist, i) =>
    console.log(`  ${dist.padEnd(28)} → field ${median(echo[i]).toFixed(1)} ms (slowest ${Math.max(...echo[i]).toFixed(1)})   → pipeline.yaml ${median(model[i]).toFixed(1)} ms (slowest ${Math.max(...model[i]).toFixed(1)})`),
  );
} finally {
  await browser.close();
  for (const { server } of servers) process.kill(-server.pid!, 'SIGTERM');
}
