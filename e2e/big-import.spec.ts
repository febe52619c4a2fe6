/**
 * A big import (1,000 steps, generated here) taken by the page in parts — the canvas, Monaco's
 * pipeline.yaml in slices — still ends whole: the steps drawn, pipeline.yaml complete
 * (its last step there, Download giving the same text, and again after a keystroke in a step's
 * field), the magnus files exported, and one Undo bringing the previous pipeline back. Its start
 * step is typed, with suggestions.
 */
import { readFileSync } from 'node:fs';
import { generatePipeline } from '../bench/generate';
import { exportMagnus } from '../src/core/magnus/export';
import { field, open, problems, SLOW, step, stepNames, toolbar, yamlText } from './designer';
import { expect, test } from './fixtures';

const SIZE = 1000;

test('a 1,000-step import is drawn, written whole into pipeline.yaml and undone in one step', async ({ page }) => {
  test.slow(); // reading, checking and emitting 1,000 steps on a loaded 2-core machine
  await open(page);
  const files = exportMagnus(generatePipeline(SIZE));
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import magnus pipeline' });
  await dialog.getByLabel('Choose files').setInputFiles([
    { name: 'dag.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.dag) },
    { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.config) },
    { name: 'parameters.yaml', mimeType: 'application/yaml', buffer: Buffer.from(files.parameters ?? '') },
  ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('The pipeline was imported', { timeout: 60_000 });
  await report.getByRole('button', { name: 'Close' }).click();

  // The canvas: the first steps in view, every step in the model.
  await expect(step(page, 'step 0')).toBeVisible(SLOW);
  expect(await stepNames(page)).toHaveLength(SIZE + 2);
  await expect(problems(page)).toContainText('0 errors');
  // Past 500 steps the start step is typed, with suggestions: a name that is not a step is refused
  // where it is typed, and Escape brings the model's value back; a step's name is taken.
  const start = field(page, 'Start step');
  await expect(start).toHaveRole('combobox');
  await expect(start).toHaveValue('step 0');
  await start.fill('step 5000');
  await expect(start).toHaveAccessibleDescription(/no step named "step 5000" can start the pipeline/);
  await start.press('Escape');
  await expect(start).toHaveValue('step 0');
  await start.fill('step 500');
  await expect(start).not.toHaveAttribute('aria-invalid');
  await start.blur();
  await expect.poll(() => yamlText(page, 'dag'), SLOW).toContain('start_at: step 500');
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(start).toHaveValue('step 0');

  // pipeline.yaml, written in slices, ends whole: its last steps are there and Download gives the same text.
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
  const downloaded = readFileSync((await download.path())!, 'utf8');
  expect(downloaded).toContain(`step-${SIZE - 2}`);
  // Compared whole once written (a 2 MB text, in slices): a difference would print megabytes.
  await expect.poll(async () => (await yamlText(page, 'pipeline')) === downloaded, { timeout: 60_000 }).toBe(true);
  // While it was written in slices the pane said so; once whole, it does not.
  await expect(page.getByRole('status').filter({ hasText: 'Writing pipeline.yaml' })).toHaveCount(0);
  // The magnus files (exported in the reader worker) are the pipeline's.
  await expect.poll(() => yamlText(page, 'dag'), SLOW).toContain(`step ${SIZE - 1}:`);

  // A keystroke in a step's field, found against the text the reader gave (or the page's own
  // emission of it, taken once the page was idle), leaves pipeline.yaml as Download gives it.
  await step(page, 'step 0').click();
  const memory = field(page, 'Memory limit');
  const limit = await memory.inputValue();
  await memory.click();
  await memory.press('Home');
  await memory.press('1');
  await expect(memory).toHaveValue(`1${limit}`);
  const [edited] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
  const afterKeystroke = readFileSync((await edited.path())!, 'utf8');
  expect(afterKeystroke).not.toBe(downloaded);
  await expect.poll(async () => (await yamlText(page, 'pipeline')) === afterKeystroke, SLOW).toBe(true);
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(memory).toHaveValue(limit);

  // One Undo: the example again, in the canvas and in pipeline.yaml.
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(step(page, 'prepare data')).toBeVisible(SLOW);
  expect(await stepNames(page)).toEqual(['prepare data', 'train model', 'evaluate', 'publish', 'success', 'fail']);
  await expect.poll(() => yamlText(page, 'pipeline'), SLOW).toContain('prepare-data');
  expect(await yamlText(page, 'pipeline')).not.toContain('step-0');
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeDisabled();
});
