/**
 * A big import (1,000 steps, generated here) taken by the page in parts — the canvas, the start-step
 * list, Monaco's pipeline.yaml in slices — still ends whole: the steps drawn, pipeline.yaml complete
 * (its last step there, Download giving the same text), the magnus files exported, and one Undo
 * bringing the previous pipeline back.
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
  // The start-step list (filled after the import's own render) offers every step that can start.
  await expect(field(page, 'Start step')).toHaveValue('step 0');
  await expect(field(page, 'Start step').getByRole('option')).toHaveCount(SIZE, SLOW);
  await expect(problems(page)).toContainText('0 errors');

  // pipeline.yaml, written in slices, ends whole: its last steps are there and Download gives the same text.
  await expect.poll(() => yamlText(page, 'pipeline'), { timeout: 60_000 }).toContain(`step-${SIZE - 2}`);
  const written = (await yamlText(page, 'pipeline'))!;
  const [download] = await Promise.all([page.waitForEvent('download'), toolbar(page).getByRole('button', { name: 'Download pipeline.yaml' }).click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toBe(written);
  // The magnus files (exported in the reader worker) are the pipeline's.
  await expect.poll(() => yamlText(page, 'dag'), SLOW).toContain(`step ${SIZE - 1}:`);

  // One Undo: the example again, in the canvas and in pipeline.yaml.
  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(step(page, 'prepare data')).toBeVisible(SLOW);
  expect(await stepNames(page)).toEqual(['prepare data', 'train model', 'evaluate', 'publish', 'success', 'fail']);
  await expect.poll(() => yamlText(page, 'pipeline'), SLOW).toContain('prepare-data');
  expect(await yamlText(page, 'pipeline')).not.toContain('step-0');
  await expect(toolbar(page).getByRole('button', { name: 'Undo' })).toBeDisabled();
});
