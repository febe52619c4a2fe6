/**
 * `npm run screenshot`: the README's pictures, taken from the production build in dist/ (run
 * `npm run build` first) in Debian Chromium:
 * - docs/designer.png: the example pipeline with one step selected, so the canvas, the step form
 *   with its inherited and overridden settings, and the generated pipeline.yaml all show;
 * - docs/drop.png: a task dropped from the palette near the canvas's edge, where the pointer let
 *   go, joined to the end of the chain;
 * - docs/focus-ring.png: a step and an edge reached with the keyboard (Tab), their focus rings;
 * - docs/insert-a.png: `A` with `train model` selected: the new task between it and `evaluate`,
 *   the steps below moved down a row.
 */
import { spawn } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM } from './chromium';

const ROOT = new URL('..', import.meta.url).pathname;
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4199);
const DOCS = `${ROOT}docs/`;

/** The example at a first visit, Monaco loaded. */
async function openExample(browser: Browser, url: string, size = { width: 1600, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size, colorScheme: 'light' });
  await page.goto(url);
  await page.getByRole('region', { name: 'Pipeline canvas' }).getByRole('group', { name: 'Step prepare data (task)', exact: true }).waitFor();
  await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('components:'), undefined, { timeout: 30_000 });
  return page;
}

const step = (page: Page, name: string, type = 'task') => page.getByRole('region', { name: 'Pipeline canvas' }).getByRole('group', { name: `Step ${name} (${type})`, exact: true });

/** The canvas and the palette beside it: where these pictures happen. */
async function canvasShot(page: Page, file: string) {
  const palette = (await page.getByRole('complementary', { name: 'Step palette' }).boundingBox())!;
  const canvas = (await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox())!;
  await page.screenshot({ path: DOCS + file, clip: { x: palette.x, y: canvas.y, width: canvas.x + canvas.width - palette.x, height: canvas.height } });
  console.log(`wrote docs/${file}`);
}

const server = spawn(process.execPath, [`${ROOT}node_modules/vite/bin/vite.js`, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
  cwd: ROOT,
  detached: true,
  stdio: 'ignore',
});
try {
  const url = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 100));
  const browser = await chromium.launch(CHROMIUM);

  const designer = await openExample(browser, url);
  await step(designer, 'train model').click();
  await designer.getByRole('complementary', { name: 'Properties' }).getByLabel('Memory limit', { exact: true }).waitFor();
  await designer.screenshot({ path: DOCS + 'designer.png' });
  console.log('wrote docs/designer.png');

  const drop = await openExample(browser, url, { width: 1440, height: 900 });
  const canvas = drop.getByRole('region', { name: 'Pipeline canvas' });
  const box = (await canvas.boundingBox())!;
  await drop.getByRole('button', { name: 'Add task step' }).dragTo(canvas, { targetPosition: { x: box.width - 110, y: 150 } });
  await step(drop, 'task').waitFor();
  await canvasShot(drop, 'drop.png');

  const focus = await openExample(browser, url, { width: 1440, height: 900 });
  // Keyboard all the way: Tab into the canvas's steps, then onto an edge.
  await step(focus, 'prepare data').focus();
  await focus.keyboard.press('Tab');
  await focus.getByRole('region', { name: 'Pipeline canvas' }).getByRole('group', { name: 'next: evaluate → publish', exact: true }).focus();
  await step(focus, 'train model').focus();
  await canvasShot(focus, 'focus-ring.png');

  const insert = await openExample(browser, url, { width: 1440, height: 900 });
  await step(insert, 'train model').click();
  await insert.keyboard.press('a');
  await step(insert, 'task').waitFor();
  await canvasShot(insert, 'insert-a.png');

  await browser.close();
} finally {
  process.kill(-server.pid!);
}
