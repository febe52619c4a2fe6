/**
 * Hostile and huge input in the browser, and work that must never be lost: a share link that asks
 * before anything is read, reading (links, files, pasted steps) off the page's thread with progress, Cancel and a time budget,
 * a link that inflates past what a link may carry, a save that cannot be restored, a part of the
 * page that fails, and storage that is full.
 *
 * A read that never ends is made deterministic by serving the reader worker as a script that never
 * answers (as a worker stuck in a hostile file would); the time budget is passed with Playwright's
 * clock instead of waited for.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { aliasBombDag, inflateBombFragment, shareFragment } from '../bench/ui/hostile-input';
import { canvas, dropFiles, field, open, SLOW, step, stepNames, toolbar } from './designer';
import { expect, test, type Page } from './fixtures';

const AUTOSAVE_KEY = 'kfp-designer.pipeline.v1';
const READ_BUDGET_MS = 60_000;

const shareDialog = (page: Page) => page.getByRole('dialog', { name: 'Open shared pipeline' });
const progressDialog = (page: Page, title: string) => page.getByRole('dialog', { name: title });
const notice = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
const present = (page: Page) => page.evaluate(() => JSON.stringify((window as unknown as { __designer: { getState(): { history: { present: unknown } } } }).__designer.getState().history.present));

/** The reader worker replaced by one that never answers: every read waits until it is stopped. */
async function stallReader(page: Page) {
  await page.route('**/assets/reader.worker-*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    // The worker's own script, not the chunk of the page that starts it.
    if (body.includes('self.onmessage')) await route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' });
    else await route.fulfill({ response, body });
  });
}

test('a share link asks before anything is read; Open reads it off the page with progress, and Cancel leaves the pipeline as it was', async ({ page }) => {
  await stallReader(page);
  await open(page);
  const before = await present(page);
  // An alias bomb: the page that read it before asking never answered again.
  await page.evaluate((fragment) => (window.location.hash = fragment), shareFragment({ dag: aliasBombDag(7), config: '' }));
  await expect(shareDialog(page)).toContainText(/This link holds a pipeline \(\d+ characters compressed\)/);
  await shareDialog(page).getByRole('button', { name: 'Open' }).click();

  const reading = progressDialog(page, 'Opening the shared pipeline');
  await expect(reading.getByRole('progressbar', { name: 'Progress' })).toBeVisible(SLOW);
  await reading.getByRole('button', { name: 'Cancel' }).click();
  await expect(reading).toBeHidden();
  await expect(notice(page, 'Opening the shared link was cancelled; your pipeline is as it was.')).toBeVisible();
  expect(await present(page)).toBe(before);
  expect(new URL(page.url()).hash).toBe('');
});

test('a read past its time budget is stopped, saying so, and changes nothing', async ({ page }) => {
  await stallReader(page);
  await page.clock.install();
  await open(page);
  const before = await present(page);
  await page.evaluate((fragment) => (window.location.hash = fragment), shareFragment({ dag: aliasBombDag(7), config: '' }));
  await shareDialog(page).getByRole('button', { name: 'Open' }).click();
  await expect(progressDialog(page, 'Opening the shared pipeline').getByRole('progressbar', { name: 'Progress' })).toBeVisible(SLOW);
  await page.clock.fastForward(READ_BUDGET_MS);
  await expect(notice(page, /^The shared link could not be read: reading took longer than 60 s and was stopped/)).toBeVisible();
  await expect(progressDialog(page, 'Opening the shared pipeline')).toBeHidden();
  expect(await present(page)).toBe(before);
});

test('a share link that inflates past what a link may carry is refused without reading the rest', async ({ page }) => {
  await open(page);
  const before = await present(page);
  await page.evaluate((fragment) => (window.location.hash = fragment), inflateBombFragment(40 * 1024 * 1024));
  await shareDialog(page).getByRole('button', { name: 'Open' }).click();
  await expect(notice(page, 'The shared link could not be read: it holds more than 32.1 MiB of files, the most a link may carry.')).toBeVisible(SLOW);
  expect(await present(page)).toBe(before);
});

test('a hostile file in the import dialog or dropped on the canvas is read off the page: Cancel stops it, and nothing changes', async ({ page }) => {
  await stallReader(page);
  await open(page);
  const before = await present(page);
  const bomb = { name: 'dag.yaml', mimeType: 'application/yaml', buffer: Buffer.from(aliasBombDag(7)) };

  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles(bomb);
  const reading = progressDialog(page, 'Importing the pipeline');
  await expect(reading.getByRole('progressbar', { name: 'Progress' })).toBeVisible(SLOW);
  await expect(reading.getByRole('status')).toHaveText(/step 1 of 5|Starting/);
  await reading.getByRole('button', { name: 'Cancel' }).click();
  await expect(reading).toBeHidden();
  await expect(dialog.getByRole('status').filter({ hasText: 'Import cancelled; nothing changed.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await present(page)).toBe(before);

  // Dropped: the same reading, the same Cancel (Escape too).
  await dropFiles(page, [{ name: 'dag.yaml', text: aliasBombDag(7) }]);
  await expect(reading.getByRole('progressbar', { name: 'Progress' })).toBeVisible(SLOW);
  await page.keyboard.press('Escape');
  await expect(notice(page, 'Import cancelled; nothing changed.')).toBeVisible();
  expect(await present(page)).toBe(before);
});

test.describe('pasting steps', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  const writeClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const select = async (page: Page, name: string) => {
    await page.keyboard.press('Escape'); // clears the selection
    await step(page, name).click();
  };

  test('a hostile paste is read off the page: Cancel stops it, a real reader refuses it, nothing changes; a normal paste still works', async ({ page }) => {
    await stallReader(page);
    await open(page);
    const before = await present(page);
    // Steps as the designer copies them, with a "billion laughs" in one of them.
    const bomb = `# kfp-designer: steps copied from a pipeline\n${aliasBombDag(7)}`;
    await writeClipboard(page, bomb);
    await select(page, 'evaluate');
    await page.keyboard.press('Control+v');
    const reading = progressDialog(page, 'Pasting the steps');
    await expect(reading.getByRole('progressbar', { name: 'Progress' })).toBeVisible(SLOW);
    // The page answers while the reader is busy: the dialog's own Cancel works.
    await reading.getByRole('button', { name: 'Cancel' }).click();
    await expect(reading).toBeHidden();
    await expect(notice(page, 'Paste cancelled; nothing changed.')).toBeVisible();
    expect(await present(page)).toBe(before);

    // With the real reader (a fresh worker after the stopped one), the bomb is refused within its budget.
    await page.unroute('**/assets/reader.worker-*.js');
    await select(page, 'evaluate');
    await page.keyboard.press('Control+v');
    await expect(notice(page, /^Nothing was pasted: the clipboard is not a magnus pipeline: aliases expand to more than 100,000 nodes/)).toBeVisible(SLOW);
    expect(await present(page)).toBe(before);

    // A normal copy and paste goes through the same reader.
    await select(page, 'evaluate');
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('evaluate:');
    await page.keyboard.press('Control+v');
    await expect(step(page, 'evaluate 2')).toBeVisible(SLOW);
    await expect(notice(page, 'Pasted 1 step.')).toBeVisible();
  });
});

test('a large pipeline imports with the page answering, and its steps are drawn', async ({ page }) => {
  test.slow(); // 400 steps read, checked, emitted and laid out: long on a busy 2-core machine
  await open(page);
  const steps = Array.from({ length: 400 }, (_, i) => `    step ${i}: {type: task, command: python -m job.part_${i}, next: ${i < 399 ? `step ${i + 1}` : 'success'}}`);
  const dag = `dag:\n  start_at: step 0\n  steps:\n${steps.join('\n')}\n    success: {type: success}\n    fail: {type: fail}\n`;
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog', { name: 'Import magnus pipeline' }).getByLabel('Choose files').setInputFiles({ name: 'long.yaml', mimeType: 'application/yaml', buffer: Buffer.from(dag) });
  await expect(page.getByRole('dialog', { name: 'Import report' })).toBeVisible({ timeout: 90_000 });
  await page.keyboard.press('Escape');
  await expect(step(page, 'step 0')).toBeVisible(SLOW);
  expect(await stepNames(page)).toHaveLength(402);
});

/** The example as the designer saves it, with one change that makes it a pipeline no designer can use. */
async function corruptSave(page: Page) {
  await open(page);
  const saved = JSON.parse(await present(page)) as { dag: { steps: unknown[] } };
  saved.dag.steps[1] = null;
  return JSON.stringify(saved);
}

test('a save that cannot be restored is kept aside and offered for download; the designer opens with the example', async ({ page, browser }) => {
  test.slow(); // two browser contexts and a reload
  const bad = await corruptSave(page);
  const context = await browser.newContext();
  // Only on the first load: the reload below must see what the designer left in storage.
  await context.addInitScript(
    ({ key, text }) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem(key, text);
      }
    },
    { key: AUTOSAVE_KEY, text: bad },
  );
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (error) => errors.push(error.message));
  await open(other);
  const recovery = other.getByRole('region', { name: 'Saved pipeline not restored' });
  await expect(recovery.getByRole('alert')).toBeVisible(SLOW);
  await expect(recovery.getByRole('alert')).toHaveText(
    'The pipeline saved in this browser could not be restored: dag.steps.1: expected Object, found null. It is kept in this browser as it was, and can be downloaded below. The example pipeline is open instead.',
  );
  const [download] = await Promise.all([other.waitForEvent('download'), recovery.getByRole('button', { name: 'Download the save as JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('kfp-designer-unrestored-save.json');
  expect(readFileSync((await download.path())!, 'utf8')).toBe(bad);
  // And as the magnus files it still holds, without the step that could not be read.
  await expect(recovery).toContainText('Its magnus files can be downloaded as well, without what the designer could not read in it: dag.steps.1.');
  const [dag] = await Promise.all([other.waitForEvent('download'), recovery.getByRole('button', { name: 'Download train.yaml' }).click()]);
  expect(dag.suggestedFilename()).toBe('train.yaml');
  const salvaged = parse(readFileSync((await dag.path())!, 'utf8')) as { dag: { steps: Record<string, unknown> } };
  expect(Object.keys(salvaged.dag.steps)).toContain('prepare data');
  expect(Object.keys(salvaged.dag.steps)).not.toContain('train model');
  await expect(recovery.getByRole('button', { name: 'Download kfp-config.yaml' })).toBeVisible();

  // Work goes on and is saved; the save kept aside stays.
  await step(other, 'train model').click();
  await field(other, 'Memory limit').fill('12Gi');
  await field(other, 'Memory limit').blur();
  await expect.poll(() => other.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY)).toContain('12Gi');
  const aside = await other.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kfp-designer.pipeline.v1.unrestorable.')));
  expect(aside).toHaveLength(1);
  expect(await other.evaluate((key) => localStorage.getItem(key), aside[0])).toBe(bad);

  await recovery.getByRole('button', { name: 'Dismiss' }).click();
  await expect(recovery).toBeHidden();
  await other.reload();
  await expect(step(other, 'train model')).toBeVisible();
  await expect(recovery).toBeHidden();
  expect(errors).toEqual([]);
  await context.close();
});

test('a part of the page that fails takes nothing with it: the pipeline can be downloaded and the change undone', async ({ page, watch }) => {
  await open(page);
  const good = await present(page);
  // A bug, simulated: a pipeline the model's actions never make, put in through the test hook.
  await page.evaluate(() => {
    const designer = (window as unknown as { __designer: { getState(): { history: { present: { dag: { steps: unknown[] } } }; replace(p: unknown): void } } }).__designer;
    const present = designer.getState().history.present;
    designer.getState().replace({ ...present, dag: { ...present.dag, steps: [null, ...present.dag.steps] } });
  });
  const failure = page.getByRole('main', { name: 'The designer ran into a problem' });
  await expect(failure.getByRole('alert')).toHaveText('Part of the page failed. Your pipeline is still here: download it, undo the last change, or reload the page.');
  const [download] = await Promise.all([page.waitForEvent('download'), failure.getByRole('button', { name: 'Download the pipeline' }).click()]);
  expect(download.suggestedFilename()).toBe('kfp-designer-pipeline.json');
  expect(JSON.parse(readFileSync((await download.path())!, 'utf8')).dag.steps[0]).toBeNull();
  await failure.getByRole('button', { name: 'Undo the last change' }).click();
  await expect(step(page, 'prepare data')).toBeVisible();
  await expect(failure).toBeHidden();
  expect(await present(page)).toBe(good);
  await expect(failure.getByRole('button', { name: 'Reload' })).toHaveCount(0);
  // The failure was reported to the console, as it should be; nothing else was.
  expect(watch.browserErrors.length).toBeGreaterThan(0);
  expect(watch.browserErrors.every((e) => /The designer failed|Cannot read properties of null|null/.test(e))).toBe(true);
  watch.browserErrors.length = 0;
});

test('storage full while autosaving: said once, work goes on, the last save is kept', async ({ page }) => {
  // The browser refuses to store more once the test says storage is full.
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if ((window as unknown as { __storageFull?: boolean }).__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await open(page);
  await step(page, 'train model').click();
  await field(page, 'Memory limit').fill('12Gi');
  await field(page, 'Memory limit').blur();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY)).toContain('12Gi');
  const lastSave = await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY);

  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = true));
  await field(page, 'Memory limit').fill('16Gi');
  await field(page, 'Memory limit').blur();
  const full = notice(page, "This browser's storage is full: your latest changes are not saved in it (the last save is kept).");
  await expect(full).toBeVisible();
  await full.getByRole('button', { name: 'Dismiss message' }).click();
  // More edits: the work goes on, and the notice does not come back on every keystroke.
  await field(page, 'Memory limit').fill('20Gi');
  await field(page, 'Memory limit').blur();
  await step(page, 'evaluate').click();
  await expect(field(page, 'Memory limit')).toBeVisible();
  await expect(full).toBeHidden();
  expect(await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY)).toBe(lastSave);
  await expect(canvas(page)).toBeVisible();
  expect(await present(page)).toContain('20Gi');
});
