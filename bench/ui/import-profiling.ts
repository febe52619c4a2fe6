/** What the import profilers (profile-import.ts, trace-import.ts) share: their settings, and the app with its import dialog open. */
import { chromium, type Locator, type Page } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { openApp, serve } from './run';

export type { ChunkNode, TraceEvent } from './page-tasks';

/** The built dist folder (the script's argument) and the environment's PROFILE_SIZE, PROFILE_POSITIONS, PROFILE_TOP. */
export function profilingSettings(script: string, defaultTop: number) {
  const dist = process.argv[2];
  if (!dist) throw new Error(`usage: tsx bench/ui/${script} <built dist folder>`);
  return {
    dist,
    size: Number(process.env.PROFILE_SIZE ?? 1000),
    positions: process.env.PROFILE_POSITIONS === '1',
    top: Number(process.env.PROFILE_TOP ?? defaultTop),
  };
}

/** Serves `dist`, opens the app with the import dialog, lets it settle, runs `work`, and stops it all. */
export async function withImportDialog(dist: string, settleMs: number, work: (page: Page, dialog: Locator, browser: import('@playwright/test').Browser) => Promise<void>) {
  const { url, server } = await serve(dist);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const { page } = await openApp(browser, url);
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
    await dialog.getByLabel('Choose files').waitFor();
    await page.waitForTimeout(settleMs);
    await work(page, dialog, browser);
  } finally {
    await browser.close();
    process.kill(-server.pid!, 'SIGTERM');
  }
}

/** The `top` largest figures of a function → ms map, one line each. */
export const topLines = (figures: Map<string, number>, top: number) =>
  [...figures]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `    ${v.toFixed(1).padStart(7)}  ${k}`)
    .join('\n');
