/**
 * `npm run screenshot`: the README's picture of the designer, taken from the production build in
 * dist/ (run `npm run build` first) in Debian Chromium: the example pipeline with one step selected,
 * so the canvas, the step form with its inherited and overridden settings, and the generated
 * pipeline.yaml all show.
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM } from './chromium';

const ROOT = new URL('..', import.meta.url).pathname;
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4199);
const OUT = `${ROOT}docs/designer.png`;

const server = spawn(process.execPath, [`${ROOT}node_modules/vite/bin/vite.js`, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
  cwd: ROOT,
  detached: true,
  stdio: 'ignore',
});
try {
  const url = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 100));
  const browser = await chromium.launch(CHROMIUM);
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, colorScheme: 'light' });
  await page.goto(url);
  const canvas = page.getByRole('region', { name: 'Pipeline canvas' });
  await canvas.getByRole('group', { name: 'Step train model (task)', exact: true }).click();
  await page.getByRole('complementary', { name: 'Properties' }).getByLabel('Memory limit', { exact: true }).waitFor();
  await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('components:'), undefined, { timeout: 30_000 });
  await page.screenshot({ path: OUT });
  await browser.close();
  console.log(`wrote ${OUT}`);
} finally {
  process.kill(-server.pid!);
}
