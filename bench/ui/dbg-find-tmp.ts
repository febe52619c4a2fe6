import { chromium } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { serve } from './run';
for (const dist of process.argv.slice(2)) {
  const { url, server } = await serve(dist);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('console', (m) => m.type() === 'error' && console.log('console', m.text().slice(0, 300)));
    await page.goto(url);
    await page.waitForFunction(() => '__monaco' in globalThis, undefined, { timeout: 60000 });
    const pane = page.getByRole('region', { name: 'YAML' });
    await pane.getByRole('tab', { name: 'dag.yaml' }).click();
    const box = pane.getByRole('textbox', { name: 'dag.yaml, editable' });
    await box.waitFor({ state: 'attached', timeout: 60000 });
    await page.waitForTimeout(1000);
    await pane.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+F');
    await page.waitForTimeout(500);
    const focused = await page.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName} ${a.getAttribute('aria-label')} ${a.className}` : 'none'; });
    console.log(dist, 'after Ctrl+F focus:', focused, 'find widgets:', await page.locator('.find-widget').count());
    await page.keyboard.type('command: notebooks/evaluate.ipynb');
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    const pos = await page.evaluate(() => (globalThis as any).__monaco.editor.getEditors().map((e: any) => [e.getModel()?.uri.toString(), JSON.stringify(e.getPosition())]));
    console.log(dist, 'cursor', JSON.stringify(pos));
  } finally { await browser.close(); process.kill(-server.pid!, 'SIGTERM'); }
}
